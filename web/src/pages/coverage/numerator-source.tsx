import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Coverage, CoverageChild } from '../../../../src/modules/coverage/schemas';
import { formatDate } from '../../lib/format';

type Numerator = Pick<CoverageChild, 'numeratorSource' | 'officialReported'>;

/** "Data resmi BPJS TK" / "Sebagian wilayah melapor: k dari n" / "Terdaftar di Semesta (bukan data resmi)". */
export function sourceLabel(t: TFunction, n: Numerator, short = false): string {
  const k = { reported: n.officialReported?.reported ?? 0, of: n.officialReported?.of ?? 0 };
  return short ? t(`coverage.sourceShort.${n.numeratorSource}`, k) : t(`coverage.source.${n.numeratorSource}`, k);
}

/** Which count the figures stand on, and where and when the official data came from. */
export function NumeratorSource({ c }: { c: Coverage }) {
  const { t } = useTranslation();
  return (
    <p className={`coverage-source coverage-source-${c.numeratorSource}`} data-testid="coverage-source" data-source={c.numeratorSource}>
      <strong>{sourceLabel(t, c)}</strong>
      {c.dataAsOf && <span data-testid="coverage-data-as-of">{t('coverage.dataAsOf', { source: c.dataAsOf.source, date: formatDate(c.dataAsOf.receivedAt) })}</span>}
    </p>
  );
}
