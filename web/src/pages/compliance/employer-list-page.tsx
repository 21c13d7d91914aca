import { Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { withQuery } from '../../api/client';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '../../../../src/domain/compliance';
import { useEmployerSummary } from '../../api/use-employer-summary';
import { useEmployers } from '../../api/use-employers';
import { useCan } from '../../lib/use-can';
import { ANY_TEXT, useSearchFilters } from '../../lib/use-search-filters';
import { useUser } from '../../lib/use-user';
import { ErrorState } from '../../components/error-state';
import { SearchIcon } from '../../components/icons';
import { NativeSelect } from '../../components/native-select';
import { type Column, DataTable } from '../../components/data-table';
import { Pager } from '../../components/pager';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { findingText, STATUS_TONE, statusLabel, stepLabel } from './labels';
import { usePageTitle } from '../../lib/use-page-title';
import './compliance.css';

type EmployerRow = NonNullable<ReturnType<typeof useEmployers>['data']>['items'][number];

/** Employers of the region with their compliance findings: the labour inspector's work list. */
export default function EmployerListPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useUser();
  const can = useCan();
  // the search box starts from ?q= (a link may carry it) but stays out of the address while typing
  const filters = useSearchFilters({ status: COMPLIANCE_STATUSES, q: ANY_TEXT });
  const { status } = filters.values;
  const page = filters.page;
  const [text, setText] = useState(filters.values.q ?? '');
  const q = useDebouncedValue(text.trim(), 350);
  const list = useEmployers({ status, q: q.length >= 2 ? q : undefined }, page);
  const summary = useEmployerSummary();

  usePageTitle(t('compliance.employersTitle'));

  const columns: Column<EmployerRow>[] = [
    {
      key: 'employer',
      header: t('compliance.colEmployer'),
      card: 'title',
      cell: (e) => (
        <>
          <Link to={`/kepatuhan/perusahaan/${e.id}`}>
            <strong>{e.name}</strong>
          </Link>
          <div className="cp-muted">
            {e.sector} · {t(`compliance.size.${e.sizeClass}`)} · {displayRegionName(e.regionName)}
          </div>
          <div className="cp-muted">{e.npp ? `NPP ${e.npp}` : t('compliance.noNpp')}</div>
        </>
      ),
    },
    {
      key: 'workers',
      header: t('compliance.colWorkers'),
      cell: (e) => `${formatNumber(e.workersRegistered, lang)} / ${formatNumber(e.employeesDeclared, lang)}`,
    },
    {
      key: 'findings',
      header: t('compliance.colFindings'),
      cell: (e) => (
        <>
          <div className="cp-badges">
            {e.statuses.map((s) => (
              <span key={s} className={`status-badge status-badge-${STATUS_TONE[s]}`}>
                {statusLabel(t, s)}
              </span>
            ))}
          </div>
          {e.findings.length > 0 && (
            <ul className="cp-findings">
              {e.findings.map((f) => (
                <li key={f.code}>{findingText(f, lang)}</li>
              ))}
            </ul>
          )}
        </>
      ),
    },
    {
      key: 'case',
      header: t('compliance.colCase'),
      cell: (e) => (e.openCaseId ? <Link to={`/kepatuhan/kasus/${e.openCaseId}`}>{stepLabel(t, e.openCaseStep!)}</Link> : '—'),
    },
  ];

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('compliance.employersTitle')}</h1>
          <p className="page-subtitle">{t('compliance.inRegion', { region: displayRegionName(me.regionName) })}</p>
        </div>
        <div className="page-actions">
          {can('employer:write') && <Link to="/kepatuhan/perusahaan/baru">{t('compliance.newEmployer')}</Link>}
          {can('employer:write') && <Link to="/kepatuhan/impor">{t('imports.employers.title')}</Link>}
          <Link to="/kepatuhan/kasus">{t('compliance.casesTitle')}</Link>
          <Link to="/kepatuhan/umk">UMK</Link>
          <a href={withQuery('/api/employers/export.xlsx', { status, q: q.length >= 2 ? q : undefined })} download data-testid="employers-export">
            {t('compliance.download')}
          </a>
        </div>
      </header>

      {summary.data && (
        <section className="page-panel cp-grid" aria-label={t('compliance.summary')} data-testid="employer-summary">
          <div className="cp-figure">
            <div className="cp-figure-value">{formatNumber(summary.data.total, lang)}</div>
            <div className="cp-figure-label">{t('compliance.employersTotal')}</div>
          </div>
          {COMPLIANCE_STATUSES.map((s) => (
            <button key={s} type="button" className="cp-figure" style={{ textAlign: 'left', border: status === s ? '2px solid var(--color-info)' : '0', cursor: 'pointer' }} onClick={() => filters.set('status', status === s ? undefined : s)}>
              <div className="cp-figure-value">{formatNumber(summary.data.byStatus[s] ?? 0, lang)}</div>
              <div className="cp-figure-label">{statusLabel(t, s)}</div>
            </button>
          ))}
        </section>
      )}

      <section className="page-panel list-filters" role="search">
        <div>
          <Input allowClear size="large" value={text} onChange={(e) => setText(e.target.value)} prefix={<SearchIcon />} placeholder={t('compliance.searchEmployer')} aria-label={t('compliance.searchEmployer')} />
        </div>
        <div className="list-selects">
          <NativeSelect
            aria-label={t('compliance.statusFilter')}
            data-testid="status-filter"
            value={status ?? ''}
            onChange={(v) => filters.set('status', v as ComplianceStatus)}
            placeholder={t('compliance.allStatuses')}
            options={COMPLIANCE_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
          />
        </div>
      </section>

      {list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="page-panel">
          <Skeleton rows={8} title={false} />
        </div>
      ) : list.data.items.length === 0 ? (
        <div className="page-panel" role="status">
          {t('compliance.noEmployers')}
        </div>
      ) : (
        <section className="page-panel cp-table-wrap">
          <DataTable columns={columns} rows={list.data.items} rowKey={(e) => e.id} data-testid="employers-table" />
          <Pager page={page} pageSize={25} total={list.data.total} onChange={(p) => filters.setPage(p)} />
        </section>
      )}
    </>
  );
}
