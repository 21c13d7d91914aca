import { describe, expect, it } from 'vitest';
import { addDays, formatDateId, monthName, monthWib, regionTitle, todayWib, wibDay, wibStamp } from './wib.js';

describe('WIB (UTC+7) calendar', () => {
  it('is already the next day from 00:00 WIB (17:00 UTC) although UTC is still the day before', () => {
    expect(todayWib(Date.parse('2025-06-01T16:59:59Z'))).toBe('2025-06-01'); // 23:59:59 WIB
    expect(todayWib(Date.parse('2025-06-01T17:00:00Z'))).toBe('2025-06-02'); // 00:00 WIB
    expect(todayWib(Date.parse('2025-06-01T23:59:00Z'))).toBe('2025-06-02'); // 06:59 WIB, UTC says 1 June
    expect(todayWib(Date.parse('2025-06-02T00:00:00Z'))).toBe('2025-06-02'); // 07:00 WIB
    expect(todayWib(new Date('2025-12-31T17:30:00Z'))).toBe('2026-01-01');
  });
  it('months and stamps on the WIB calendar', () => {
    expect(monthWib(Date.parse('2025-06-30T18:00:00Z'))).toBe('2025-07');
    expect(wibStamp(new Date('2025-06-01T23:05:00Z'))).toBe('02/06/2025 06:05 WIB');
    expect(wibDay('2025-06-01T20:00:00.000Z')).toBe('2025-06-02');
    expect(wibDay('2025-06-01')).toBe('2025-06-01');
  });
  it('dd/mm/yyyy, Indonesian month names', () => {
    expect(formatDateId('2025-02-17')).toBe('17/02/2025');
    expect(formatDateId('2025-02-16T18:00:00Z')).toBe('17/02/2025');
    expect(formatDateId(null)).toBe('–');
    expect(formatDateId('bukan tanggal')).toBe('–');
    expect(monthName('2025-06')).toBe('Juni 2025');
    expect(monthName('2025-08-01')).toBe('Agustus 2025');
    expect(monthName('2025-06', 'en')).toBe('June 2025');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
  it('region names in title case', () => {
    expect(regionTitle('KABUPATEN SUKABUMI')).toBe('Kabupaten Sukabumi');
    expect(regionTitle('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(regionTitle('KAB. BANDUNG BARAT')).toBe('Kab. Bandung Barat');
    expect(regionTitle('DAERAH ISTIMEWA YOGYAKARTA')).toBe('Daerah Istimewa Yogyakarta');
    expect(regionTitle('KEPULAUAN BANGKA BELITUNG')).toBe('Kepulauan Bangka Belitung');
    expect(regionTitle('Kota Bengkulu')).toBe('Kota Bengkulu');
  });
});
