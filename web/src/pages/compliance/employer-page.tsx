import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useComplianceCases } from '../../api/use-compliance-cases';
import { useEmployer } from '../../api/use-employer';
import { useCan } from '../../lib/use-can';
import { useOpenCase } from '../../api/use-open-case';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useErrorMessage } from '../../lib/use-error-message';
import { dateText, findingText, STATUS_TONE, statusLabel, stepLabel } from './labels';
import { usePageTitle } from '../../lib/use-page-title';
import '../../components/data-table.css';
import './compliance.css';

/** One employer: the evidence (declared vs registered, wages against the UMK, programmes) and its case. */
export default function EmployerPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const can = useCan();
  const id = Number(useParams().id);
  const employer = useEmployer(id);
  const open = useOpenCase();
  const cases = useComplianceCases({ employerId: id }, 1, 50);
  const navigate = useNavigate();

  usePageTitle(employer.data?.name);

  if (employer.isError) return <ErrorState error={employer.error} />;
  if (employer.isPending) return <div className="page-panel"><Skeleton rows={6} /></div>;
  const e = employer.data;
  const rp = (n: number | null) => (n === null ? '—' : formatRupiah(n, lang));
  const facts: [string, string][] = [
    [t('compliance.npp'), e.npp ?? t('compliance.noNpp')],
    ['NIB', e.nib ?? '—'],
    [t('compliance.sector'), `${e.sector} · ${t(`compliance.size.${e.sizeClass}`)}`],
    [t('compliance.address'), `${e.address}, ${displayRegionName(e.regionName)} (${e.region})`],
    [t('compliance.employeesDeclared'), formatNumber(e.employeesDeclared, lang)],
    [t('compliance.workersRegistered'), formatNumber(e.workersRegistered, lang)],
    [t('compliance.wageReported'), rp(e.wageReported)],
    [t('compliance.wageActual'), rp(e.wageActual)],
    [t('compliance.programs'), e.programs.join(' · ') || '—'],
  ];
  const compliant = e.statuses.includes('compliant');

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{e.name}</h1>
          <div className="cp-badges">
            {e.statuses.map((s) => (
              <span key={s} className={`status-badge status-badge-${STATUS_TONE[s]}`}>
                {statusLabel(t, s)}
              </span>
            ))}
          </div>
        </div>
        <div className="page-actions">
          <Link to="/kepatuhan">{t('compliance.backToEmployers')}</Link>
          {can('employer:write') && <Link to={`/kepatuhan/perusahaan/${e.id}/ubah`}>{t('compliance.edit')}</Link>}
          {e.openCaseId ? (
            <Button type="primary" onClick={() => navigate(`/kepatuhan/kasus/${e.openCaseId}`)}>
              {t('compliance.viewCase', { step: stepLabel(t, e.openCaseStep!) })}
            </Button>
          ) : (
            can('compliance:write') &&
            !compliant && (
              <Button type="primary" loading={open.isPending} onClick={() => open.mutate(e.id, { onSuccess: (c) => navigate(`/kepatuhan/kasus/${c.id}`) })}>
                {t('compliance.openCase')}
              </Button>
            )
          )}
        </div>
      </header>
      {open.isError && <Alert type="error" showIcon title={describe(open.error)} />}
      <section className="page-panel">
        <h2>{t('compliance.findings')}</h2>
        {e.findings.length === 0 ? (
          <p>{t('compliance.noFindings')}</p>
        ) : (
          <ul className="cp-findings" data-testid="findings">
            {e.findings.map((f) => (
              <li key={f.code}>
                <strong>{statusLabel(t, f.code)}:</strong> {findingText(f, lang)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {cases.data && cases.data.items.length > 0 && (
        <section className="page-panel">
          <h2>{t('compliance.casesTitle')}</h2>
          <ul>
            {cases.data.items.map((c) => (
              <li key={c.id}>
                <Link to={`/kepatuhan/kasus/${c.id}`}>#{c.id}</Link> · {stepLabel(t, c.step)} · {dateText(c.stepDate)}
                {c.overdue && <span className="cp-overdue"> · {t('compliance.overdue')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="page-panel">
        <h2>{t('compliance.data')}</h2>
        <table className="data-table">
          <tbody>
            {facts.map(([k, v]) => (
              <tr key={k}>
                <th scope="row" style={{ width: '40%' }}>{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
