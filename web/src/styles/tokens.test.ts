import { describe, expect, it } from 'vitest';
import tokens from './tokens.css?raw';
import { BRAND, BRAND_LINK, DANGER, PAGE_BG } from './theme';

const token = (name: string) => new RegExp(`--${name}:\\s*([^;]+);`).exec(tokens)?.[1]?.trim();

describe('design tokens', () => {
  it('CSS and the antd theme use the same brand, link and page colours', () => {
    expect(token('color-brand')).toBe(BRAND);
    expect(token('color-brand-link')).toBe(BRAND_LINK);
    expect(token('color-page')).toBe(PAGE_BG);
    expect(token('color-danger')).toBe(DANGER);
  });
});
