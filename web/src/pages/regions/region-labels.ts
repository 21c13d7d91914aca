import type { TFunction } from 'i18next';
import type { RegionSummary } from '../../api/types';
import type { RegionLevel } from '../../../../src/domain/region-code';

export const CHILD_LEVEL: Record<RegionLevel, RegionLevel | undefined> = {
  country: 'province',
  province: 'regency',
  regency: 'district',
  district: 'village',
  village: undefined,
};

/** "Kecamatan", or "Desa" / "Kelurahan" for a village whose kind is known. */
export function levelLabel(t: TFunction, region: Pick<RegionSummary, 'level' | 'kind'>): string {
  if (region.level === 'village' && region.kind) return t(`kinds.${region.kind}`);
  return t(`levels.${region.level}`);
}

export const LEVEL_TAG_COLOR: Record<RegionLevel, string> = {
  country: 'default',
  province: 'geekblue',
  regency: 'cyan',
  district: 'green',
  village: 'gold',
};

/** "47 kecamatan" / "47 districts". */
export function childCountLabel(t: TFunction, level: RegionLevel, n: number, formatted: string): string {
  switch (level) {
    case 'province':
      return t('regions.count.province', { count: n, n: formatted });
    case 'regency':
      return t('regions.count.regency', { count: n, n: formatted });
    case 'district':
      return t('regions.count.district', { count: n, n: formatted });
    default:
      return t('regions.count.village', { count: n, n: formatted });
  }
}
