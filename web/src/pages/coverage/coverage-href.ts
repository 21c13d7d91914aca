import { NATIONAL } from '../../../../src/domain/region-code';

/** The coverage page of a region (the country at /cakupan/), keeping the chosen period. */
export const coverageHref = (code: string, period?: string) => `/cakupan/${code === NATIONAL ? '' : code}${period ? `?periode=${period}` : ''}`;

/** This month in WIB, as the server's default. */
export function thisMonth(): string {
  const wib = new Date(Date.now() + 7 * 3600_000);
  return `${wib.getUTCFullYear()}-${String(wib.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
