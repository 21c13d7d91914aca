import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../../../src/modules/coverage/schemas';
import { DataTable } from '../../components/data-table';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { formatShare } from './share';

type SegmentRow = Coverage['indicators']['bySegment'][number];
type PayerRow = Coverage['registryByPayer'][number];

/**
 * The monitors' indicators: UCJ, formal and informal coverage; by segment the official count beside
 * the registry's ("terdaftar di Semesta") and its share; the registry by payer against the official total.
 */
export function Indicators({ c, lang }: { c: Coverage; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const pct = (v: number | null, note?: string) => (v === null ? (note ?? '–') : formatPercentValue(v, lang));
  const share = (part: number, whole: number | null) => (whole ? formatShare(part / whole, lang) : '–');
  const segment = (k: string) => t(`coverage.segments.${k as 'PU'}`, { defaultValue: k });
  const hasSplit = c.denominator?.formal != null && c.denominator?.informal != null;
  return (
    <section className="coverage-panel" data-testid="coverage-indicators">
      <h2>{t('coverage.indicators')}</h2>
      <dl className="coverage-indicators">
        <div>
          <dt>{t('coverage.ucj')}</dt>
          <dd data-testid="indicator-ucj">{pct(c.indicators.ucj)}</dd>
        </div>
        <div>
          <dt>{t('coverage.formal')}</dt>
          <dd data-testid="indicator-formal">{pct(c.indicators.formalPct, hasSplit ? undefined : t('coverage.noSplit'))}</dd>
        </div>
        <div>
          <dt>{t('coverage.informal')}</dt>
          <dd data-testid="indicator-informal">{pct(c.indicators.informalPct, hasSplit ? undefined : t('coverage.noSplit'))}</dd>
        </div>
      </dl>
      <div className="coverage-breakdowns">
        {/* may scroll sideways inside its box on a phone: focusable, so a keyboard can scroll it too (axe scrollable-region-focusable) */}
        <div tabIndex={0} role="region" aria-labelledby="coverage-by-segment-title">
          <h3 id="coverage-by-segment-title">{t('coverage.bySegment')}</h3>
          <DataTable<SegmentRow>
            compact
            noCards
            data-testid="coverage-by-segment"
            columns={[
              { key: 'segment', header: t('coverage.segment'), cell: (r) => segment(r.segment) },
              { key: 'official', header: t('coverage.official'), numeric: true, cell: (r) => (r.official === null ? '–' : formatNumber(r.official, lang)) },
              { key: 'registry', header: t('coverage.registry'), numeric: true, cell: (r) => formatNumber(r.registry, lang) },
              { key: 'share', header: t('coverage.share'), numeric: true, cell: (r) => share(r.registry, r.official) },
            ]}
            rows={c.indicators.bySegment}
            rowKey={(r) => r.segment}
          />
        </div>
        <div tabIndex={0} role="region" aria-labelledby="coverage-by-payer-title">
          <h3 id="coverage-by-payer-title">{t('coverage.registryByPayer')}</h3>
          <DataTable<PayerRow>
            compact
            noCards
            data-testid="coverage-by-payer"
            columns={[
              { key: 'payer', header: t('coverage.payer'), cell: (r) => t(`coverage.payers.${r.payer as 'OTHER'}`, { defaultValue: r.payer }) },
              { key: 'registry', header: t('coverage.registry'), numeric: true, cell: (r) => formatNumber(r.active, lang) },
              { key: 'share', header: t('coverage.shareOfOfficial'), numeric: true, cell: (r) => share(r.active, c.officialParticipants) },
            ]}
            rows={c.registryByPayer.filter((r) => r.active !== 0)}
            rowKey={(r) => r.payer}
          />
          <p className="coverage-note">{t('coverage.registryByPayerHelp')}</p>
        </div>
      </div>
    </section>
  );
}
