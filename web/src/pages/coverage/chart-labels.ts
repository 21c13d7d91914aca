/** Room for the longest axis name at 12 px (about 6.5 px a character), at most 260 px: longer ones wrap, never cut. */
export function axisLabelWidth(names: string[]): number {
  return Math.min(260, Math.max(60, Math.ceil(Math.max(0, ...names.map((n) => n.length)) * 6.5)));
}
