import { useTranslation } from 'react-i18next';
import type { EligibilityView } from '../../../../src/modules/claims/schemas';
import { currentLang } from '../../i18n';
import { formatRupiah } from '../../lib/format';

/** Eligibility on the incident date and the benefit, each part with its legal basis. */
export function EligibilityPanel({ e }: { e: EligibilityView }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const en = lang === 'en';
  return (
    <div className={`cl-eligibility ${e.eligible ? 'cl-covered' : 'cl-uncovered'}`} data-testid="claim-eligibility" role="status">
      <strong>{e.eligible ? t('claims.covered') : t('claims.notCovered')}</strong>
      {!e.eligible && <p>{en ? e.reasonEn : e.reason}</p>}
      {!e.eligible && <p className="cl-muted">{t('claims.notCoveredHint')}</p>}
      <h3>
        {e.eligible ? t('claims.estimate') : t('claims.forgone')}: <span data-testid="claim-estimate-total">{formatRupiah(e.estimate.total, lang)}</span>
      </h3>
      <ul className="cl-parts">
        {e.estimate.parts.map((p) => (
          <li key={p.name}>
            <span>
              {en ? p.labelEn : p.label}
              {p.conditional && <em className="cl-muted"> ({t('claims.conditional')})</em>}
            </span>
            <strong>{formatRupiah(p.amount, lang)}</strong>
            <small className="cl-muted">
              {p.condition && `${en ? p.conditionEn : p.condition} `}
              {t('claims.basis')}: {p.basis}
            </small>
          </li>
        ))}
      </ul>
      <p className="cl-muted">{t('claims.contributionMonths', { n: e.contributionMonths })}</p>
    </div>
  );
}
