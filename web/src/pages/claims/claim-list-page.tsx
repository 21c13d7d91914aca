import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CLAIM_STEP_LABELS, CLAIM_STEPS, CLAIM_TYPE_LABELS, CLAIM_TYPES, type ClaimStep, type ClaimType } from '../../../../src/domain/claims';
import { useClaims } from '../../api/use-claims';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { NativeSelect } from '../../components/native-select';
import { Pager } from '../../components/pager';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatDate, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { usePageTitle } from '../../lib/use-page-title';
import { useSearchFilters } from '../../lib/use-search-filters';
import { useUser } from '../../lib/use-user';
import { ClaimImpactPanel } from './impact-panel';
import './claims.css';

type Row = NonNullable<ReturnType<typeof useClaims>['data']>['items'][number];

/** The claims of the region, newest first, with overdue and late-report flags. */
export default function ClaimListPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const can = useCan();
  const me = useUser();
  const filters = useSearchFilters({ step: CLAIM_STEPS, type: CLAIM_TYPES, overdue: ['true'] as const });
  const { step, type, overdue } = filters.values;
  const list = useClaims({ step, type, overdue }, filters.page);
  usePageTitle(t('claims.listTitle'));
  const columns: Column<Row>[] = [
    {
      key: 'person',
      header: t('claims.colPerson'),
      card: 'title',
      cell: (c) => (
        <>
          <Link to={`/klaim/${c.id}`}><strong>{c.personName}</strong></Link>
          <div className="cl-muted">{c.personNik} · {displayRegionName(c.regionName)} · #{c.id}</div>
        </>
      ),
    },
    { key: 'type', header: t('claims.colType'), cell: (c) => CLAIM_TYPE_LABELS[c.type][lang] },
    { key: 'incident', header: t('claims.colIncident'), cell: (c) => formatDate(c.incidentDate) },
    {
      key: 'step',
      header: t('claims.colStep'),
      cell: (c) => (
        <>
          {CLAIM_STEP_LABELS[c.step][lang]} · {formatDate(c.stepDate)}
          {c.overdue && <span className="cl-flag"> · {t('claims.overdue')}</span>}
          {c.lateReport && <span className="cl-flag"> · {t('claims.lateReport')}</span>}
          {!c.eligible && <div className="cl-muted">{t('claims.notCovered')}</div>}
        </>
      ),
    },
    { key: 'amount', header: t('claims.colAmount'), cell: (c) => (c.paidAmount !== null ? formatRupiah(c.paidAmount, lang) : formatRupiah(c.estimateTotal, lang)) },
  ];
  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('claims.listTitle')}</h1>
          <p className="page-subtitle">{t('claims.listSubtitle')}</p>
        </div>
        {can('claim:write') && (
          <div className="page-actions">
            <Link to="/klaim/baru" data-testid="claim-new">{t('claims.newClaim')}</Link>
          </div>
        )}
      </header>
      <ClaimImpactPanel code={me.regionCode} />
      <section className="page-panel list-filters">
        <div className="list-selects">
          <NativeSelect aria-label={t('claims.colStep')} value={step ?? ''} onChange={(v) => filters.set('step', v as ClaimStep)} placeholder={t('claims.allSteps')} options={CLAIM_STEPS.map((s) => ({ value: s, label: CLAIM_STEP_LABELS[s][lang] }))} />
          <NativeSelect aria-label={t('claims.colType')} value={type ?? ''} onChange={(v) => filters.set('type', v as ClaimType)} placeholder={t('claims.allTypes')} options={CLAIM_TYPES.map((s) => ({ value: s, label: CLAIM_TYPE_LABELS[s][lang] }))} />
          <label className="cl-check">
            <input type="checkbox" checked={overdue === 'true'} onChange={(e) => filters.set('overdue', e.target.checked ? 'true' : undefined)} /> {t('claims.onlyOverdue')}
          </label>
        </div>
      </section>
      {list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="page-panel"><Skeleton rows={6} title={false} /></div>
      ) : list.data.items.length === 0 ? (
        <div className="page-panel" role="status">{t('claims.none')}</div>
      ) : (
        <section className="page-panel">
          <DataTable columns={columns} rows={list.data.items} rowKey={(c) => c.id} data-testid="claims-table" />
          <Pager page={filters.page} pageSize={25} total={list.data.total} onChange={(p) => filters.setPage(p)} />
        </section>
      )}
    </>
  );
}
