import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { DataTable } from '../../components/data-table';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { coverageHref } from './coverage-href';
import { sourceLabel } from './numerator-source';
import { byRank } from './rank';

/** The ranking as a table: every child, with links down. */
export function ChildTable({ items, lang, period }: { items: CoverageChild[]; lang: 'id' | 'en'; period: string | undefined }) {
  const { t } = useTranslation();
  const { sorted } = byRank(items);
  const rank = new Map(sorted.map((i, n) => [i.code, n + 1]));
  const orDash = (v: number | null, format: (v: number) => string) => (v === null ? '–' : format(v));
  return (
    <div className="coverage-table-wrap">
      <DataTable
        compact
        data-testid="coverage-table"
        columns={[
          { key: 'rank', header: '#', card: 'aside', cell: (i) => rank.get(i.code) },
          {
            key: 'region',
            header: t('coverage.region'),
            card: 'title',
            cell: (i) => (
              <>
                <Link to={coverageHref(i.code, period)}>{displayRegionName(i.name)}</Link> <span className="coverage-code">{i.code}</span>
              </>
            ),
          },
          { key: 'coverage', header: t('coverage.coverage'), numeric: true, cell: (i) => orDash(i.coveragePct, (v) => formatPercentValue(v, lang)) },
          { key: 'active', header: t('coverage.active'), numeric: true, cell: (i) => formatNumber(i.activeParticipants, lang) },
          {
            key: 'source',
            header: t('coverage.sourceColumn'),
            cell: (i) => sourceLabel(t, i, true),
            title: (i) => sourceLabel(t, i),
            className: (i) => `coverage-source-cell coverage-source-${i.numeratorSource}`,
          },
          { key: 'registry', header: t('coverage.registry'), numeric: true, cell: (i) => formatNumber(i.registryParticipants, lang) },
          { key: 'employed', header: t('coverage.employed'), numeric: true, cell: (i) => orDash(i.employedPopulation, (v) => formatNumber(v, lang)) },
          { key: 'target', header: t('coverage.target', { year: '' }).trim(), numeric: true, cell: (i) => orDash(i.targetPct, (v) => formatPercentValue(v, lang)) },
          { key: 'new', header: t('coverage.newEnrolments'), numeric: true, cell: (i) => formatNumber(i.newEnrolments, lang) },
          { key: 'lapses', header: t('coverage.lapses'), numeric: true, cell: (i) => formatNumber(i.lapses, lang) },
        ]}
        rows={sorted}
        rowKey={(i) => i.code}
      />
    </div>
  );
}
