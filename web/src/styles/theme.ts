/**
 * The colours the TypeScript side needs (antd theme, charts). CSS reads the same values as custom
 * properties from tokens.css; tokens.test.ts keeps the two in step.
 */

/** Brand colour: a deep green in the spirit of BPJS Ketenagakerjaan, dark enough for white text (AA). */
export const BRAND = '#00704a';
/** Links: a shade darker than the brand so they read as text. */
export const BRAND_LINK = '#005c3c';
/** Page background behind the white panels. */
export const PAGE_BG = '#f3f5f4';
export const SURFACE = '#ffffff';
/** Errors and danger buttons: antd's default red (#ff4d4f) is 3.3:1 on white; this is 5.5:1 (AA). */
export const DANGER = '#c4321c';

/** Coverage charts and maps: green for high coverage, red for the lowest, grey for no figure. */
export const CHART = {
  high: '#0b7a53',
  low: '#c0392b',
  /** close to a target (map classes) */
  near: '#e0a030',
  bar: '#4aa37c',
  barSoft: '#9fd3bd',
  none: '#9aa5a0',
  /** fixed 10-point coverage classes of the maps, 0–10 % (light) … 90–100 % (dark) */
  bands: ['#f7f1dc', '#ece4c0', '#d7e5b9', '#badcb1', '#98cfa6', '#73bf97', '#4fab84', '#2f9470', '#167c5c', '#0b6348'],
  /** choropleth scale, low → high */
  scale: ['#f3e7c9', '#9fd3bd', '#0b7a53'],
  /** a map area without data */
  empty: '#eceff1',
} as const;
