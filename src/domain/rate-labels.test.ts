import { describe, expect, it } from 'vitest';
import { RATE_LABELS, rateLabel } from './rate-labels.js';
import { RATE_KEYS } from './rates.js';

describe('rate labels', () => {
  it('names every rate key in both languages, and no label is the code itself', () => {
    for (const k of RATE_KEYS) {
      expect(RATE_LABELS[k].id, k).not.toMatch(/^[A-Z0-9_]+$/);
      expect(RATE_LABELS[k].en, k).not.toMatch(/^[A-Z0-9_]+$/);
    }
    expect(rateLabel('BPU_JKM')).toBe('Iuran JKM bukan penerima upah (per bulan)');
    expect(rateLabel('NEW_KEY', 'en')).toBe('Other rate');
  });
});
