import { beforeEach, describe, expect, it } from 'vitest';
import { dropDraft, keepDraft, takeDraft } from './form-draft';

/** A Map-backed sessionStorage (the unit project runs in Node). */
beforeEach(() => {
  const m = new Map<string, string>();
  (globalThis as { sessionStorage?: unknown }).sessionStorage = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
});

describe('form drafts across a session expiry', () => {
  it('gives the draft back once, to the same user', () => {
    keepDraft('worker', 'desa.balingbing', { name: 'Siti', nik: '3213284505900001' });
    expect(takeDraft('worker', 'desa.balingbing')).toEqual({ name: 'Siti', nik: '3213284505900001' });
    expect(takeDraft('worker', 'desa.balingbing')).toBeUndefined();
  });
  it('never to another user, and the draft is gone afterwards', () => {
    keepDraft('worker', 'desa.balingbing', { name: 'Siti' });
    expect(takeDraft('worker', 'kab.subang')).toBeUndefined();
    expect(takeDraft('worker', 'desa.balingbing')).toBeUndefined();
  });
  it('a dropped draft is not given back', () => {
    keepDraft('worker', 'u', { a: 1 });
    dropDraft('worker');
    expect(takeDraft('worker', 'u')).toBeUndefined();
  });
});
