import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CoverageChild } from '../../api/coverage-types';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { coverageHref } from './coverage-href';
import { byRank } from './rank';

/** The ranking as a table: every child, with links down. */
export function ChildTable({ items, lang, period }: { items: CoverageChild[]; lang: 'id' | 'en'; period: string | undefined }) {
  const { t } = useTranslation();
  const { sorted } = byRank(items);
  return (
    <div className="coverage-table-wrap">
      <table className="coverage-table" data-testid="coverage-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('coverage.region')}</th>
            <th className="num">{t('coverage.coverage')}</th>
            <th className="num">{t('coverage.active')}</th>
            <th className="num">{t('coverage.employed')}</th>
            <th className="num">{t('coverage.newEnrolments')}</th>
            <th className="num">{t('coverage.lapses')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((i, n) => (
            <tr key={i.code}>
              <td>{n + 1}</td>
              <td>
                <Link to={coverageHref(i.code, period)}>{displayRegionName(i.name)}</Link> <span className="coverage-code">{i.code}</span>
              </td>
              <td className="num">{i.coveragePct === null ? '–' : formatPercentValue(i.coveragePct, lang)}</td>
              <td className="num">{formatNumber(i.activeParticipants, lang)}</td>
              <td className="num">{i.employedPopulation === null ? '–' : formatNumber(i.employedPopulation, lang)}</td>
              <td className="num">{formatNumber(i.newEnrolments, lang)}</td>
              <td className="num">{formatNumber(i.lapses, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
