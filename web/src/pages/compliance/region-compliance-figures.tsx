import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Me } from '../../api/types';
import { NATIONAL } from '../../../../src/domain/region-code';
import { useEmployerSummary } from '../../api/use-employer-summary';
import { useOutreachReach } from '../../api/use-outreach-reach';
import { canReadEmployers } from '../../auth/compliance-permissions';
import { currentLang } from '../../i18n';
import { formatNumber, formatPercentValue } from '../../lib/format';
import './compliance.css';

/**
 * Outreach reach and employer compliance counts of the region being browsed, for the region page
 * (the dashboard). Not at the national root: the reach of 83,000 villages belongs in a report, not here.
 */
export function RegionComplianceFigures({ code, me }: { code: string; me: Me }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const national = code === NATIONAL;
  const reach = useOutreachReach(code, !national);
  const employers = useEmployerSummary(code, !national && canReadEmployers(me.role));
  if (national || (!reach.data && !employers.data)) return null;
  const pds = employers.data ? ['PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM'].reduce((s, k) => s + (employers.data!.byStatus[k] ?? 0), 0) : 0;
  return (
    <section className="region-panel cp-grid" data-testid="region-compliance" aria-label={t('compliance.regionFigures')}>
      {reach.data && (
        <Link to="/sosialisasi" className="cp-figure">
          <div className="cp-figure-value">{formatPercentValue(reach.data.pct, lang)}</div>
          <div className="cp-figure-label">
            {t('compliance.regionReach', { reached: formatNumber(reach.data.villagesReached, lang), total: formatNumber(reach.data.villagesTotal, lang) })}
          </div>
        </Link>
      )}
      {employers.data && (
        <>
          <Link to="/kepatuhan?status=PWBD" className="cp-figure">
            <div className="cp-figure-value">{formatNumber(employers.data.byStatus.PWBD ?? 0, lang)}</div>
            <div className="cp-figure-label">{t('compliance.regionPwbd')}</div>
          </Link>
          <Link to="/kepatuhan" className="cp-figure">
            <div className="cp-figure-value">{formatNumber(pds, lang)}</div>
            <div className="cp-figure-label">{t('compliance.regionPds')}</div>
          </Link>
          <Link to="/kepatuhan?status=compliant" className="cp-figure">
            <div className="cp-figure-value">
              {formatNumber(employers.data.byStatus.compliant ?? 0, lang)} / {formatNumber(employers.data.total, lang)}
            </div>
            <div className="cp-figure-label">{t('compliance.regionCompliant')}</div>
          </Link>
        </>
      )}
    </section>
  );
}
