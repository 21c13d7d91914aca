import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CASE_STEPS, type CaseStep } from '../../../../src/domain/compliance-case';
import { useComplianceCases } from '../../api/use-compliance-cases';
import { ErrorState } from '../../components/error-state';
import { NativeSelect } from '../../components/native-select';
import { type Column, DataTable } from '../../components/data-table';
import { Pager } from '../../components/pager';
import { Skeleton } from '../../components/skeleton';
import { displayRegionName } from '../../lib/region-name';
import { dateText, stepLabel } from './labels';
import { usePageTitle } from '../../lib/use-page-title';
import { useSearchFilters } from '../../lib/use-search-filters';
import './compliance.css';

type CaseRow = NonNullable<ReturnType<typeof useComplianceCases>['data']>['items'][number];

/** Compliance cases of the region, soonest deadline first; overdue ones highlighted. */
export default function CaseListPage() {
  const { t } = useTranslation();
  const filters = useSearchFilters({ step: CASE_STEPS, overdue: ['true'] as const });
  const { step, overdue } = filters.values;
  const page = filters.page;
  const list = useComplianceCases({ step, overdue }, page);
  usePageTitle(t('compliance.casesTitle'));
  const columns: Column<CaseRow>[] = [
    {
      key: 'employer',
      header: t('compliance.colEmployer'),
      card: 'title',
      cell: (c) => (
        <>
          <Link to={`/kepatuhan/kasus/${c.id}`}><strong>{c.employerName}</strong></Link>
          <div className="cp-muted">{displayRegionName(c.regionName)} · #{c.id}</div>
        </>
      ),
    },
    { key: 'step', header: t('compliance.colStep'), cell: (c) => stepLabel(t, c.step) },
    {
      key: 'deadline',
      header: t('compliance.colDeadline'),
      className: (c) => (c.overdue ? 'cp-overdue' : undefined),
      cell: (c) => (
        <>
          {dateText(c.deadline)}
          {c.overdue && ` · ${t('compliance.overdue')}`}
        </>
      ),
    },
    { key: 'officer', header: t('compliance.colOfficer'), cell: (c) => c.officer },
  ];

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
      <section className="page-panel list-filters">
        <div className="list-selects">
          <NativeSelect aria-label={t('compliance.stepFilter')} value={step ?? ''} onChange={(v) => filters.set('step', v as CaseStep)} placeholder={t('compliance.allSteps')} options={CASE_STEPS.map((s) => ({ value: s, label: stepLabel(t, s) }))} />
          <label className="cp-checks">
            <input type="checkbox" checked={overdue === 'true'} onChange={(e) => filters.set('overdue', e.target.checked ? 'true' : undefined)} /> {t('compliance.onlyOverdue')}
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
          <DataTable columns={columns} rows={list.data.items} rowKey={(c) => c.id} data-testid="cases-table" />
          <Pager page={page} pageSize={25} total={list.data.total} onChange={(p) => filters.setPage(p)} />
        </section>
      )}
    </>
  );
}
