import { Alert, Button, Input, Popconfirm } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { type EnrolmentStatus, type Group, GROUPS, type Segment, SEGMENTS, STATUSES } from '../../../../src/domain/worker';
import type { Worker, WorkerFilter } from '../../api/types';
import { useCan } from '../../lib/use-can';
import { ANY_TEXT, useSearchFilters } from '../../lib/use-search-filters';
import { useUser } from '../../lib/use-user';
import { useRevealNik } from '../../api/use-reveal-nik';
import { useDatabaseStatus, useWorkers, WORKERS_PAGE_SIZE, workersExportUrl } from '../../api/use-workers';
import { ErrorState } from '../../components/error-state';
import { DownloadIcon, EyeIcon, SearchIcon, UploadIcon, UserPlusIcon } from '../../components/icons';
import { NativeSelect } from '../../components/native-select';
import { type Column, DataTable } from '../../components/data-table';
import { Pager } from '../../components/pager';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useErrorMessage } from '../../lib/use-error-message';
import { STATUS_TONE, statusLabel } from './worker-labels';
import { usePageTitle } from '../../lib/use-page-title';
import './workers.css';
import './worker-list.css';

type SearchHint = 'workers.searchMin' | 'workers.nikPartial' | null;

/** What the search box asks the API: a whole NIK → `nik=`, a name (2+ letters) → `q=`, otherwise nothing yet. */
function searchFilter(text: string): { filter: Pick<WorkerFilter, 'q' | 'nik'>; hint: SearchHint } {
  const s = text.trim();
  if (!s) return { filter: {}, hint: null };
  const digits = s.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(digits)) return digits.length === 16 ? { filter: { nik: digits }, hint: null } : { filter: {}, hint: 'workers.nikPartial' };
  return s.length >= 2 ? { filter: { q: s }, hint: null } : { filter: {}, hint: 'workers.searchMin' };
}

/**
 * The worker registry of the user's region: search by name (typo-tolerant on the server) or whole
 * NIK, filter by segment, group and status, page through, download as Excel. Filters live in the
 * address so back/forward and a reload keep them.
 */
export default function WorkerListPage() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const lang = currentLang();
  const me = useUser();
  const can = useCan();
  const navigate = useNavigate();
  const filters = useSearchFilters({ q: ANY_TEXT, segment: SEGMENTS, group: GROUPS, status: STATUSES });
  const { segment, group, status } = filters.values;
  const q = filters.values.q ?? '';
  const page = filters.page;

  const [text, setText] = useState(q);
  const typed = useDebouncedValue(text.trim(), 350);

  // Typing updates the address once the user pauses; back/forward updates the box.
  useEffect(() => {
    if (typed !== q) filters.set('q', typed, { replace: true });
  }, [typed]); // only when the typed text settles
  useEffect(() => {
    setText((cur) => (cur.trim() === q ? cur : q));
  }, [q]);

  const { filter: searchPart, hint } = searchFilter(q);
  const filter: WorkerFilter = { ...searchPart, segment, group, status };
  // Keyset paging: each page's nextCursor is kept for the page after it, per filter, so "next" never
  // costs the depth; a page reached by number (deep link, jump) is read by number once.
  const filterKey = JSON.stringify(filter);
  const [cursors, setCursors] = useState<{ key: string; at: Record<number, string> }>({ key: filterKey, at: {} });
  const known = cursors.key === filterKey ? cursors.at : {};
  const list = useWorkers(filter, page, WORKERS_PAGE_SIZE, known[page]);
  const next = list.data && !list.isPlaceholderData ? list.data.nextCursor : null;
  useEffect(() => {
    if (next) setCursors((c) => (c.key === filterKey ? (c.at[page + 1] === next ? c : { key: c.key, at: { ...c.at, [page + 1]: next } }) : { key: filterKey, at: { [page + 1]: next } }));
  }, [next, page, filterKey]);
  const database = useDatabaseStatus(can('audit:read'));
  const reveal = useRevealNik();
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const [nikBlocked, setNikBlocked] = useState(false);
  const mayReveal = can('worker:nik') && !nikBlocked;
  const writer = can('worker:write');
  const filtered = Boolean(q || segment || group || status);

  usePageTitle(t('workers.title'));

  // A page beyond the end (e.g. after narrowing the filter in another tab): go to the last one.
  const total = list.data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / WORKERS_PAGE_SIZE));
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && page > lastPage) filters.setPage(lastPage, { replace: true });
  }, [list.data, page, lastPage]);

  const showNik = (w: Worker) => {
    reveal.mutate(w.id, {
      onSuccess: (r) => setRevealed((m) => ({ ...m, [r.id]: r.nik })),
      onError: (err) => {
        if (err instanceof ApiError && err.status === 403) setNikBlocked(true);
      },
    });
  };

  // On a phone each worker is a card: name and status on top, then NIK, village, enrolment.
  const columns: Column<Worker>[] = [
    {
      key: 'name',
      header: t('workers.colName'),
      card: 'title',
      className: 'wl-name',
      cell: (w) => (
        <>
          <Link to={`/pekerja/${w.id}`}>
            <strong>{w.name}</strong>
          </Link>
          {w.occupation && <div className="wl-muted">{w.occupation}</div>}
        </>
      ),
    },
    {
      key: 'nik',
      header: t('workers.colNik'),
      card: 'plain',
      className: 'wl-nik',
      cell: (w) => {
        const full = revealed[w.id];
        return (
          <>
            <span className="worker-code" data-testid="worker-nik">
              {full ?? w.nik}
            </span>
            {mayReveal && w.nikMasked && !full && (
              <Button
                size="small"
                type="link"
                icon={<EyeIcon />}
                className="wl-reveal"
                aria-label={t('workers.showNikOf', { name: w.name })}
                loading={reveal.isPending && reveal.variables === w.id}
                onClick={() => showNik(w)}
              >
                {t('workers.showNik')}
              </Button>
            )}
          </>
        );
      },
    },
    {
      key: 'village',
      header: t('workers.colVillage'),
      card: 'plain',
      className: 'wl-village',
      cell: (w) => (
        <>
          {displayRegionName(w.villageName || w.villageCode)}
          <div className="worker-code">{w.villageCode}</div>
        </>
      ),
    },
    {
      key: 'enrolment',
      header: t('workers.colEnrolment'),
      card: 'plain',
      className: 'wl-enrol',
      cell: (w) =>
        w.segment ? (
          <>
            <div>
              {w.group ? t(`groups.${w.group}`, { defaultValue: w.group }) : '—'} · <span className="wl-segment">{w.segment}</span>
            </div>
            {w.programs && w.programs.length > 0 && <div className="wl-programs">{w.programs.join(' · ')}</div>}
            {w.fundingSource && <div className="wl-muted">{w.fundingSource}</div>}
          </>
        ) : (
          <span className="wl-muted">{t('workers.notEnrolled')}</span>
        ),
    },
    {
      key: 'status',
      header: t('workers.colStatus'),
      card: 'aside',
      className: 'wl-status',
      cell: (w) => (
        <>
          {w.status ? <span className={`status-badge status-badge-${STATUS_TONE[w.status] ?? 'grey'}`}>{statusLabel(t, w.status)}</span> : null}
          {w.kpj && <div className="worker-code">{t('workers.kpj', { kpj: w.kpj })}</div>}
        </>
      ),
    },
  ];

  const header = (
    <header className="page-panel page-header">
      <div>
        <h1 className="page-title">{t('workers.title')}</h1>
        <p className="page-subtitle">
          {t('workers.inRegion', { region: displayRegionName(me.regionName) })}
          {list.data && (
            <>
              {' · '}
              <strong className="page-count" data-testid="workers-total" title={list.data.totalEstimated ? t('workers.totalEstimatedHint') : undefined}>
                {list.data.totalEstimated ? t('workers.totalEstimated', { n: formatNumber(total, lang) }) : t('workers.total', { count: total, n: formatNumber(total, lang) })}
              </strong>
            </>
          )}
        </p>
      </div>
      <div className="page-actions">
        {writer && (
          <Button type="primary" icon={<UserPlusIcon />} onClick={() => navigate('/pekerja/baru')}>
            {t('workers.add')}
          </Button>
        )}
        {writer && (
          <Button icon={<UploadIcon />} onClick={() => navigate('/impor')}>
            {t('workers.import')}
          </Button>
        )}
        {writer && (
          <Button icon={<UploadIcon />} onClick={() => navigate('/pekerja/impor-kpj')}>
            {t('imports.registrations.title')}
          </Button>
        )}
        {can('worker:nik') ? (
          // the file will hold full NIKs: say so, and that it is audited, before it leaves the system
          <Popconfirm
            title={t('trust.fullNikTitle')}
            description={<div style={{ maxWidth: 'min(320px, 80vw)' }}>{t('trust.fullNikText')}</div>}
            okText={t('trust.fullNikOk')}
            cancelText={t('trust.cancel')}
            onConfirm={() => window.location.assign(workersExportUrl(filter))}
          >
            <Button icon={<DownloadIcon />} title={t('workers.downloadHint')} data-testid="workers-download">
              {t('workers.download')}
            </Button>
          </Popconfirm>
        ) : (
          <Button icon={<DownloadIcon />} href={workersExportUrl(filter)} download title={t('workers.downloadHint')} data-testid="workers-download">
            {t('workers.download')}
          </Button>
        )}
      </div>
    </header>
  );

  const filterPanel = (
    <section className="page-panel list-filters" role="search" aria-label={t('workers.filters')}>
      <div>
        <Input
          allowClear
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => filters.set('q', text.trim())}
          prefix={<SearchIcon />}
          placeholder={t('workers.searchPlaceholder')}
          aria-label={t('workers.searchLabel')}
          enterKeyHint="search"
          autoComplete="off"
          spellCheck={false}
        />
        {hint && text.trim() === q && (
          <div className="form-hint" aria-live="polite">
            {t(hint)}
          </div>
        )}
      </div>
      <div className="list-selects">
        <NativeSelect
          aria-label={t('workers.segment')}
          value={segment ?? ''}
          onChange={(v) => filters.set('segment', v as Segment)}
          placeholder={t('workers.allSegments')}
          options={SEGMENTS.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
        />
        <NativeSelect
          aria-label={t('workers.group')}
          value={group ?? ''}
          onChange={(v) => filters.set('group', v as Group)}
          placeholder={t('workers.allGroups')}
          options={GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
        />
        <NativeSelect
          aria-label={t('workers.status')}
          value={status ?? ''}
          onChange={(v) => filters.set('status', v as EnrolmentStatus)}
          placeholder={t('workers.allStatuses')}
          options={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
        {filtered && (
          <Button
            size="large"
            type="link"
            onClick={() => {
              setText('');
              filters.clear();
            }}
          >
            {t('workers.clearFilters')}
          </Button>
        )}
      </div>
    </section>
  );

  let body;
  if (list.isError && !list.data) {
    body = <ErrorState error={list.error} title={t('workers.loadError')} onRetry={() => void list.refetch()} />;
  } else if (list.isPending) {
    body = (
      <div className="page-panel">
        <Skeleton rows={8} title={false} />
      </div>
    );
  } else if (list.data.items.length === 0) {
    body = (
      <div className="page-panel list-empty" role="status">
        <p>{filtered ? t('workers.emptyFiltered') : t('workers.empty')}</p>
        {!filtered && writer && (
          <div className="page-actions">
            <Button type="primary" icon={<UserPlusIcon />} onClick={() => navigate('/pekerja/baru')}>
              {t('workers.add')}
            </Button>
            <Button icon={<UploadIcon />} onClick={() => navigate('/impor')}>
              {t('workers.import')}
            </Button>
          </div>
        )}
      </div>
    );
  } else {
    body = (
      <section className="page-panel wl-list" aria-label={t('workers.list')} aria-busy={list.isFetching}>
        {reveal.isError && (
          <Alert type={nikBlocked ? 'warning' : 'error'} showIcon banner className="wl-alert" title={describe(reveal.error)} />
        )}
        {mayReveal && Object.keys(revealed).length > 0 && <p className="wl-audit-note">{t('workers.nikAudited')}</p>}
        <DataTable
          columns={columns}
          rows={list.data.items}
          rowKey={(w) => w.id}
          className={list.isPlaceholderData ? 'wl-stale' : undefined}
          data-testid="workers-table"
        />
        {list.isError && <Alert type="error" banner showIcon title={describe(list.error)} />}
        <Pager page={page} pageSize={WORKERS_PAGE_SIZE} total={total} onChange={(p) => filters.setPage(p)} />
      </section>
    );
  }

  const notice = database.data?.notice;
  return (
    <>
      {notice && <Alert type="warning" showIcon banner title={t('workers.embeddedCeiling')} description={lang === 'en' ? notice.messageEn : notice.message} />}
      {header}
      {filterPanel}
      {body}
    </>
  );
}
