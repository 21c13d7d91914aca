/** Room for the longest axis name at 12 px (about 7.2 px a character), at most 260 px: longer ones wrap, never cut. */
export function axisLabelWidth(names: string[]): number {
  return Math.min(260, Math.max(72, Math.ceil(Math.max(0, ...names.map((n) => n.length)) * 7.2)));
}
