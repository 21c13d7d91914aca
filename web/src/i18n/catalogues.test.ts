import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';

/** Every key path of a catalogue, e.g. "workers.title". */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('i18n catalogues', () => {
  it('Indonesian and English have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it('no text is empty', () => {
    const empty = (tree: object): string[] => keys(tree).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree) === '');
    expect(empty(id)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
