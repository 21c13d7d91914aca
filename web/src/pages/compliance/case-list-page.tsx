import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CASE_STEPS, type CaseStep } from '../../../../src/domain/compliance-case';
import { useComplianceCases } from '../../api/use-compliance-cases';
import { ErrorState } from '../../components/error-state';
import { NativeSelect } from '../../components/native-select';
import { Pager } from '../../components/pager';
import { Skeleton } from '../../components/skeleton';
import { displayRegionName } from '../../lib/region-name';
import { dateText, stepLabel } from './labels';
import '../workers/workers.css';
import '../workers/worker-list.css';
import './compliance.css';

/** Compliance cases of the region, soonest deadline first; overdue ones highlighted. */
export default function CaseListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const step = (CASE_STEPS as readonly string[]).includes(params.get('step') ?? '') ? (params.get('step') as CaseStep) : undefined;
  const overdue = params.get('overdue') === 'true' ? 'true' : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useComplianceCases({ step, overdue }, page);
  useEffect(() => {
    document.title = `${t('compliance.casesTitle')} · ${t('app.name')}`;
  }, [t]);
  const set = (k: string, v?: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (k !== 'page') next.delete('page');
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    });

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('compliance.casesTitle')}</h1>
          <p className="page-subtitle">{t('compliance.casesSubtitle')}</p>
        </div>
        <div className="page-actions">
          <Link to="/kepatuhan">{t('compliance.employersTitle')}</Link>
        </div>
      </header>
      <section className="page-panel wl-filters">
        <div className="wl-selects">
          <NativeSelect aria-label={t('compliance.stepFilter')} value={step ?? ''} onChange={(v) => set('step', v || undefined)} placeholder={t('compliance.allSteps')} options={CASE_STEPS.map((s) => ({ value: s, label: stepLabel(t, s) }))} />
          <label className="cp-checks">
            <input type="checkbox" checked={overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} /> {t('compliance.onlyOverdue')}
          </label>
        </div>
      </section>
      {list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="page-panel"><Skeleton rows={6} title={false} /></div>
      ) : list.data.items.length === 0 ? (
        <div className="page-panel" role="status">{t('compliance.noCases')}</div>
      ) : (
        <section className="page-panel cp-table-wrap">
          <table className="wl-table" data-testid="cases-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.colEmployer')}</th>
                <th scope="col">{t('compliance.colStep')}</th>
                <th scope="col">{t('compliance.colDeadline')}</th>
                <th scope="col">{t('compliance.colOfficer')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/kepatuhan/kasus/${c.id}`}><strong>{c.employerName}</strong></Link>
                    <div className="cp-muted">{displayRegionName(c.regionName)} · #{c.id}</div>
                  </td>
                  <td>{stepLabel(t, c.step)}</td>
                  <td className={c.overdue ? 'cp-overdue' : undefined}>
                    {dateText(c.deadline)}
                    {c.overdue && ` · ${t('compliance.overdue')}`}
                  </td>
                  <td>{c.officer}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={25} total={list.data.total} onChange={(p) => set('page', String(p))} />
        </section>
      )}
    </>
  );
}
