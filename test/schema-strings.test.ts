import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text, trimmedText } from '../src/lib/schemas.js';

/**
 * Issue 12: one string type for every route schema. `text()` (src/lib/schemas.ts) refuses NUL and
 * unpaired surrogates; a bare `z.string()` in a route's schema or routes file would not.
 */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [join(dir, e.name)] : []));

describe('route schemas use text(), never a bare z.string()', () => {
  it('no schemas.ts or routes.ts under src/modules (nor src/lib/schemas.ts beyond text itself) calls z.string()', () => {
    const checked = [...files('src/modules').filter((f) => /(schemas|routes)\.ts$/.test(f)), 'src/lib/schemas.ts'];
    expect(checked.length).toBeGreaterThan(20);
    const offending = checked.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /\bz\s*\.\s*(coerce\s*\.\s*)?string\s*\(/.test(line) && !/export const text = \(\) => z\.string\(\)/.test(line))
        .map(({ at }) => at),
    );
    expect(offending, `use text() or trimmedText() from src/lib/schemas.ts instead of z.string() at:\n${offending.join('\n')}`).toEqual([]);
  });

  it('text() refuses NUL and lone surrogates with the invalid_characters code, and keeps other text whole', () => {
    const s = z.object({ name: text().max(20), note: trimmedText() });
    for (const bad of ['a\u0000b', 'x\uD800', '\uDC00y', '\uDC00\uD800']) {
      const r = s.safeParse({ name: bad, note: 'ok' });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error!.issues[0]).toMatchObject({ code: 'custom', path: ['name'], params: { code: 'invalid_characters' } });
    }
    expect(s.parse({ name: 'Siti 😀 ñ', note: '  spasi  ' })).toEqual({ name: 'Siti 😀 ñ', note: 'spasi' });
  });
});
