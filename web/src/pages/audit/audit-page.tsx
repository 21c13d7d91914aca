import { Button, Input } from 'antd';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AUDIT_FILTER_ACTIONS, AUDIT_FILTER_ENTITIES } from '../../../../src/domain/audit-labels';
import type { AuditEntry } from '../../../../src/modules/audit/schemas';
import { withQuery } from '../../api/client';
import { type AuditFilterValues, useAudit } from '../../api/use-audit';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { NativeSelect } from '../../components/native-select';
import { Skeleton } from '../../components/skeleton';
import { formatDateTimeWib } from '../home/home-format';
import { useCan } from '../../lib/use-can';
import { usePageTitle } from '../../lib/use-page-title';
import { ANY_TEXT, useSearchFilters } from '../../lib/use-search-filters';
import { actionText, diffRows, entityText } from './audit-labels';
import './audit.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^(ID|\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)$/;

/** Before and after of one entry, field by field, side by side (stacked on a phone). */
export function AuditDiff({ entry }: { entry: Pick<AuditEntry, 'before' | 'after'> }) {
  const { t, i18n } = useTranslation();
  const rows = diffRows(entry.before, entry.after);
  if (!rows.length) return <span className="au-muted">{t('audit.noPayload')}</span>;
  // status codes in a payload read as their labels (no raw codes on screen)
  const value = (field: string, v: string) => (field === 'status' && i18n.exists(`statuses.${v}`) ? t(`statuses.${v}` as 'statuses.active') : v);
  return (
    <table className="au-diff">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className={r.changed ? 'au-changed' : undefined}>
            <th scope="row">{r.field}</th>
            <td>{value(r.field, r.before)}</td>
            <td>{value(r.field, r.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The audit viewer (issue 14) for the auditor and national roles: filters in the address (actor,
 * action, record, region, WIB dates), newest first, keyset pages (older / back to newest), before and
 * after side by side, and the same selection as an .xlsx download (bounded and itself audited).
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  usePageTitle(t('audit.title'));
  const filters = useSearchFilters({
    actor: ANY_TEXT,
    action: ANY_TEXT,
    entityType: ANY_TEXT,
    entityId: ANY_TEXT,
    region: REGION,
    from: DAY,
    to: DAY,
  });
  const v = filters.values;
  const filter: AuditFilterValues = { actor: v.actor, action: v.action, entityType: v.entityType, entityId: v.entityId, region: v.region, from: v.from, to: v.to };
  const key = JSON.stringify(filter);
  // keyset pages: the ids the pages before this one started after (back = pop)
  const [cursors, setCursors] = useState<string[]>([]);
  useEffect(() => setCursors([]), [key]);
  const beforeId = cursors[cursors.length - 1];
  const list = useAudit(filter, beforeId);
  // the text fields are typed, then applied together (no request per keystroke)
  const [draft, setDraft] = useState({ actor: v.actor ?? '', entityId: v.entityId ?? '', region: v.region ?? '' });
  useEffect(() => setDraft({ actor: v.actor ?? '', entityId: v.entityId ?? '', region: v.region ?? '' }), [v.actor, v.entityId, v.region]);
  const ids = { actor: useId(), entityId: useId(), region: useId(), from: useId(), to: useId() };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const region = draft.region.trim();
    filters.setMany({ actor: draft.actor.trim() || undefined, entityId: draft.entityId.trim() || undefined, region: REGION.test(region) ? region : undefined });
  };

  const columns: Column<AuditEntry>[] = [
    {
      key: 'action',
      header: t('audit.colAction'),
      card: 'title',
      cell: (e) => (
        <>
          <strong>{actionText(e.action, i18n.language)}</strong>
          <div className="au-muted">{formatDateTimeWib(e.at)}</div>
        </>
      ),
    },
    { key: 'actor', header: t('audit.colActor'), card: 'aside', cell: (e) => e.actor },
    {
      key: 'entity',
      header: t('audit.colEntity'),
      cell: (e) => (
        <>
          {entityText(e.entityType, i18n.language)}{' '}
          {e.entityType === 'worker' && /^\d+$/.test(e.entityId) ? <Link to={`/pekerja/${e.entityId}`}>#{e.entityId}</Link> : <span className="au-code">#{e.entityId}</span>}
        </>
      ),
    },
    { key: 'region', header: t('audit.colRegion'), cell: (e) => e.regionCode ?? t('audit.national') },
    { key: 'change', header: t('audit.colChange'), card: 'plain', className: 'au-change-cell', cell: (e) => <AuditDiff entry={e} /> },
  ];

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('audit.title')}</h1>
          <p className="page-subtitle">{t('audit.subtitle')}</p>
        </div>
        <div className="page-actions">
          <a className="ant-btn ant-btn-default au-download" href={withQuery('/api/audit.xlsx', filter as Record<string, string | undefined>)} download title={t('audit.downloadHint')} data-testid="audit-download">
            {t('audit.download')}
          </a>
        </div>
      </header>
      <section className="page-panel" aria-label={t('audit.filters')}>
        <form className="au-filters" onSubmit={apply}>
          <div className="au-field">
            <label htmlFor={ids.actor}>{t('audit.actor')}</label>
            <Input id={ids.actor} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} placeholder={t('audit.actorHint')} autoComplete="off" />
          </div>
          <div className="au-field">
            <label htmlFor={`${ids.actor}-action`}>{t('audit.action')}</label>
            <NativeSelect
              id={`${ids.actor}-action`}
              value={v.action ?? ''}
              onChange={(a) => filters.set('action', a)}
              placeholder={t('audit.allActions')}
              options={AUDIT_FILTER_ACTIONS.map((a) => ({ value: a, label: actionText(a, i18n.language) }))}
            />
          </div>
          <div className="au-field">
            <label htmlFor={`${ids.actor}-entity`}>{t('audit.entity')}</label>
            <NativeSelect
              id={`${ids.actor}-entity`}
              value={v.entityType ?? ''}
              onChange={(a) => filters.set('entityType', a)}
              placeholder={t('audit.allEntities')}
              options={AUDIT_FILTER_ENTITIES.map((a) => ({ value: a, label: entityText(a, i18n.language) }))}
            />
          </div>
          <div className="au-field">
            <label htmlFor={ids.entityId}>{t('audit.entityId')}</label>
            <Input id={ids.entityId} value={draft.entityId} onChange={(e) => setDraft({ ...draft, entityId: e.target.value })} autoComplete="off" />
          </div>
          <div className="au-field">
            <label htmlFor={ids.region}>{t('audit.region')}</label>
            <Input id={ids.region} value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.target.value })} placeholder={t('audit.regionHint')} autoComplete="off" />
          </div>
          <div className="au-field">
            <label htmlFor={ids.from}>{t('audit.from')}</label>
            <input className="au-date" type="date" id={ids.from} value={v.from ?? ''} onChange={(e) => filters.set('from', e.target.value)} />
          </div>
          <div className="au-field">
            <label htmlFor={ids.to}>{t('audit.to')}</label>
            <input className="au-date" type="date" id={ids.to} value={v.to ?? ''} onChange={(e) => filters.set('to', e.target.value)} />
          </div>
          <div className="au-buttons">
            <Button type="primary" htmlType="submit">
              {t('audit.apply')}
            </Button>
            <Button onClick={() => filters.clear()}>{t('audit.clear')}</Button>
          </div>
        </form>
        {!can('worker:nik') && <p className="au-muted">{t('audit.masked')}</p>}
      </section>
      {list.isError && !list.data ? (
        <ErrorState error={list.error} title={t('audit.loadFailed')} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="page-panel">
          <Skeleton rows={6} title={false} />
        </div>
      ) : list.data.items.length === 0 ? (
        <div className="page-panel" role="status">
          {t('audit.none')}
        </div>
      ) : (
        <section className="page-panel">
          <DataTable columns={columns} rows={list.data.items} rowKey={(e) => e.id} className="au-table" data-testid="audit-table" />
          <nav className="au-pager" aria-label={t('audit.pageOf', { n: cursors.length + 1 })}>
            <Button disabled={!cursors.length} onClick={() => setCursors([])}>
              {t('audit.newer')}
            </Button>
            <span aria-live="polite">{t('audit.pageOf', { n: cursors.length + 1 })}</span>
            <Button disabled={!list.data.nextBeforeId} onClick={() => list.data.nextBeforeId && setCursors([...cursors, list.data.nextBeforeId])} data-testid="audit-older">
              {t('audit.older')}
            </Button>
          </nav>
        </section>
      )}
    </>
  );
}
