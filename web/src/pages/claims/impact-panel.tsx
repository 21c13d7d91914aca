import { useTranslation } from 'react-i18next';
import { todayWib } from '../../../../src/domain/wib';
import { useClaimImpact } from '../../api/use-claims';
import { currentLang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import './claims.css';

/** What a region's claims show this year: money to families, per payer beside the contributions it paid, and the uncovered (on the claims list and the coverage page). */
export function ClaimImpactPanel({ code, className = 'page-panel' }: { code: string; className?: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const year = Number(todayWib().slice(0, 4));
  const impact = useClaimImpact(code, year);
  if (!impact.data) return null;
  const i = impact.data;
  return (
    <section className={className} data-testid="claim-impact">
      <h2>{t('claims.impactTitle', { year })}</h2>
      <div className="cl-figures">
        <div>
          {t('claims.impactClaims')}
          <strong data-testid="claim-impact-claims">{formatNumber(i.claims, lang)}</strong>
        </div>
        <div>
          {t('claims.impactPaid')}
          <strong data-testid="claim-impact-paid">{formatRupiah(i.paidTotal, lang)}</strong>
        </div>
        <div>
          {t('claims.impactFamilies')}
          <strong data-testid="claim-impact-families">{formatNumber(i.families, lang)}</strong>
        </div>
        <div>
          {t('claims.impactUncovered')}
          <strong data-testid="claim-impact-uncovered">{formatNumber(i.uncovered.incidents, lang)}</strong>
          <span className="cl-muted">{t('claims.impactForgone', { amount: formatRupiah(i.uncovered.forgoneBenefit, lang) })}</span>
        </div>
      </div>
      {i.byPayer.length > 0 && (
        <table className="cl-payers">
          <thead>
            <tr>
              <th scope="col">{t('claims.impactPayer')}</th>
              <th scope="col">{t('claims.impactContributions')}</th>
              <th scope="col">{t('claims.impactPaidOut')}</th>
            </tr>
          </thead>
          <tbody>
            {i.byPayer.map((p) => (
              <tr key={p.payerType}>
                <td>{p.label}</td>
                <td>{formatRupiah(p.contributionsPaid, lang)}</td>
                <td>{formatRupiah(p.paidTotal, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
