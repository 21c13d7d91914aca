import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDtsenCoverage } from '../../api/use-dtsen-coverage';
import type { Lang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { useCan } from '../../lib/use-can';

/** DTSEN deciles 1–4 of the region covered vs not, and the cost to close the gap (issue 16, item 4); counts only. */
export function DtsenGap({ code, lang }: { code: string; lang: Lang }) {
  const { t } = useTranslation();
  const can = useCan();
  const q = useDtsenCoverage(code);
  const d = q.data;
  if (!d || d.covered + d.notCovered === 0) return null;
  return (
    <section className="coverage-panel" data-testid="coverage-dtsen">
      <h2>{t('targeting.coverageTitle')}</h2>
      <p>
        {t('targeting.coverageText', {
          covered: formatNumber(d.covered, lang),
          notCovered: formatNumber(d.notCovered, lang),
          month: formatRupiah(d.costPerMonth, lang),
          year: formatRupiah(d.costPerYear, lang),
        })}
      </p>
      {can('dtsen:read') && <Link to={code === 'ID' ? '/dtsen' : `/dtsen/${code}`}>{t('targeting.coverageLink')}</Link>}
    </section>
  );
}
