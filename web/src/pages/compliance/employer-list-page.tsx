import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { withQuery } from '../../api/client';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '../../../../src/domain/compliance';
import type { Me } from '../../api/types';
import { useEmployerSummary } from '../../api/use-employer-summary';
import { useEmployers } from '../../api/use-employers';
import { useMe } from '../../api/use-me';
import { canWriteEmployers } from '../../auth/compliance-permissions';
import { ErrorState } from '../../components/error-state';
import { SearchIcon } from '../../components/icons';
import { NativeSelect } from '../../components/native-select';
import { Pager } from '../../components/pager';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { findingText, STATUS_TONE, statusLabel, stepLabel } from './labels';
import '../workers/workers.css';
import '../workers/worker-list.css';
import './compliance.css';

/** Employers of the region with their compliance findings: the labour inspector's work list. */
export default function EmployerListPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useMe().data as Me;
  const [params, setParams] = useSearchParams();
  const status = (COMPLIANCE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ComplianceStatus) : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(text.trim(), 350);
  const list = useEmployers({ status, q: q.length >= 2 ? q : undefined }, page);
  const summary = useEmployerSummary();

  useEffect(() => {
    document.title = `${t('compliance.employersTitle')} · ${t('app.name')}`;
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
          <h1 className="page-title">{t('compliance.employersTitle')}</h1>
          <p className="page-subtitle">{t('compliance.inRegion', { region: displayRegionName(me.regionName) })}</p>
        </div>
        <div className="page-actions">
          {canWriteEmployers(me.role) && <Link to="/kepatuhan/perusahaan/baru">{t('compliance.newEmployer')}</Link>}
          {canWriteEmployers(me.role) && <Link to="/kepatuhan/impor">{t('imports.employers.title')}</Link>}
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
            <button key={s} type="button" className="cp-figure" style={{ textAlign: 'left', border: status === s ? '2px solid #1677ff' : '0', cursor: 'pointer' }} onClick={() => set('status', status === s ? undefined : s)}>
              <div className="cp-figure-value">{formatNumber(summary.data.byStatus[s] ?? 0, lang)}</div>
              <div className="cp-figure-label">{statusLabel(t, s)}</div>
            </button>
          ))}
        </section>
      )}

      <section className="page-panel wl-filters" role="search">
        <div className="wl-search">
          <Input allowClear size="large" value={text} onChange={(e) => setText(e.target.value)} prefix={<SearchIcon />} placeholder={t('compliance.searchEmployer')} aria-label={t('compliance.searchEmployer')} />
        </div>
        <div className="wl-selects">
          <NativeSelect
            aria-label={t('compliance.statusFilter')}
            data-testid="status-filter"
            value={status ?? ''}
            onChange={(v) => set('status', v || undefined)}
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
          <table className="wl-table" data-testid="employers-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.colEmployer')}</th>
                <th scope="col">{t('compliance.colWorkers')}</th>
                <th scope="col">{t('compliance.colFindings')}</th>
                <th scope="col">{t('compliance.colCase')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/kepatuhan/perusahaan/${e.id}`}>
                      <strong>{e.name}</strong>
                    </Link>
                    <div className="cp-muted">
                      {e.sector} · {t(`compliance.size.${e.sizeClass}`)} · {displayRegionName(e.regionName)}
                    </div>
                    <div className="cp-muted">{e.npp ? `NPP ${e.npp}` : t('compliance.noNpp')}</div>
                  </td>
                  <td>
                    {formatNumber(e.workersRegistered, lang)} / {formatNumber(e.employeesDeclared, lang)}
                  </td>
                  <td>
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
                  </td>
                  <td>{e.openCaseId ? <Link to={`/kepatuhan/kasus/${e.openCaseId}`}>{stepLabel(t, e.openCaseStep!)}</Link> : '—'}</td>
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
