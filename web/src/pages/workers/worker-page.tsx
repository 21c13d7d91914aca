import { Button, Input } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FileEnrolment, WorkerFile } from '../../../../src/modules/worker-file/schemas';
import type { AuditEntry } from '../../../../src/modules/audit/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useRegisterKpj } from '../../api/use-register-kpj';
import { useRevealNik } from '../../api/use-reveal-nik';
import { useWorkerFile, useWorkerTrail } from '../../api/use-worker-file';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import type { Lang } from '../../i18n';
import { formatDate, formatMonth, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { useUser } from '../../lib/use-user';
import { AuditDiff } from '../audit/audit-page';
import { actionText, entityText } from '../audit/audit-labels';
import { formatDateTimeWib, isKpj } from '../home/home-format';
import { STATUS_TONE, statusLabel } from './worker-labels';
import './worker-page.css';

type Month = FileEnrolment['months'][number];

/** The KPJ from BPJS TK, typed by the branch on a submitted enrolment: the existing move submitted → registered. */
function KpjEntry({ enrolment, name, personId }: { enrolment: FileEnrolment; name: string; personId: number }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const save = useRegisterKpj();
  const [kpj, setKpj] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = useId();
  return (
    <form
      className="wp-kpj"
      onSubmit={(e) => {
        e.preventDefault();
        const v = kpj.trim();
        if (!isKpj(v)) return setProblem(t('workerPage.kpjInvalid'));
        setProblem(undefined);
        save.mutate(
          { enrolmentId: enrolment.id, kpj: v },
          {
            onError: (err) => setProblem(describe(err)),
            onSuccess: () => {
              void qc.invalidateQueries({ queryKey: ['workers', 'file', personId] });
              void qc.invalidateQueries({ queryKey: ['workers', 'trail', personId] });
            },
          },
        );
      }}
    >
      <label htmlFor={id}>{t('workerPage.kpjLabel', { name })}</label>
      <div className="wp-kpj-row">
        <Input
          id={id}
          inputMode="numeric"
          maxLength={11}
          placeholder={t('workerPage.kpjPlaceholder')}
          value={kpj}
          onChange={(e) => setKpj(e.target.value.replace(/\D/g, ''))}
          status={problem ? 'error' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-err` : ''}`}
        />
        <Button htmlType="submit" type="primary" loading={save.isPending}>
          {t('workerPage.kpjSave')}
        </Button>
      </div>
      <div id={`${id}-hint`} className="wp-muted">
        {t('workerPage.kpjHint')}
      </div>
      {problem && (
        <div id={`${id}-err`} className="wp-error" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}

function EnrolmentPanel({ e, file }: { e: FileEnrolment; file: WorkerFile }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language.startsWith('en') ? 'en' : 'id') as Lang;
  const me = useUser();
  const can = useCan();
  const columns: Column<Month>[] = [
    { key: 'month', header: t('workerPage.colMonth'), card: 'title', cell: (m) => <strong>{formatMonth(m.month, lang)}</strong> },
    {
      key: 'paid',
      header: t('workerPage.colPaid'),
      card: 'aside',
      cell: (m) =>
        m.paidOn ? (
          <span className="status-badge status-badge-green">{t('workerPage.paid', { date: formatDate(m.paidOn) })}</span>
        ) : (
          <span className={`status-badge status-badge-${m.dueDate < new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10) ? 'orange' : 'grey'}`}>{t('workerPage.unpaid')}</span>
        ),
    },
    { key: 'amount', header: t('workerPage.colAmount'), numeric: true, cell: (m) => formatRupiah(m.amount, lang) },
    { key: 'due', header: t('workerPage.colDue'), cell: (m) => formatDate(m.dueDate) },
    { key: 'ref', header: t('workerPage.colReference'), cell: (m) => (m.paidOn ? m.paymentReference || t('workerPage.fromCredit') : '–') },
  ];
  // the KPJ is BPJS TK's number: its branch types it, through the existing status rules (submitted → registered)
  const mayEnterKpj = me.role === 'bpjs_branch' && can('worker:write') && e.status === 'submitted';
  return (
    <section className="page-panel wp-enrolment" data-testid="enrolment" data-enrolment={e.id} aria-labelledby={`wp-e-${e.id}`}>
      <div className="wp-enrolment-head">
        <h2 id={`wp-e-${e.id}`} className="wp-h2">
          {t('workerPage.enrolment', { segment: t(`segments.${e.segment}`) })}
        </h2>
        <span className={`status-badge status-badge-${STATUS_TONE[e.status]}`}>{statusLabel(t, e.status)}</span>
      </div>
      <dl className="wp-facts">
        <div>
          <dt>{t('workerPage.kpj')}</dt>
          <dd data-testid="enrolment-kpj">{e.kpj ?? t('workerPage.noKpj')}</dd>
        </div>
        <div>
          <dt>{t('workerPage.programs')}</dt>
          <dd>{e.programs.map((p) => t(`programs.${p}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('workerPage.group')}</dt>
          <dd>{t(`groups.${e.group}`, { defaultValue: e.group })}</dd>
        </div>
        <div>
          <dt>{t('workerPage.start')}</dt>
          <dd>{formatDate(e.startDate)}</dd>
        </div>
        {e.endDate && (
          <div>
            <dt>{t('workerPage.end')}</dt>
            <dd>{formatDate(e.endDate)}</dd>
          </div>
        )}
        {e.declaredIncome !== null && (
          <div>
            <dt>{t('workerPage.income')}</dt>
            <dd>{formatRupiah(e.declaredIncome, lang)}</dd>
          </div>
        )}
        <div>
          <dt>{e.fundingProgram ? t('workerPage.fundingProgram') : t('workerPage.funding')}</dt>
          <dd>
            {e.fundingProgram ? (
              can('funding:read') ? <Link to={`/pendanaan/${e.fundingProgram.id}`}>{e.fundingProgram.name}</Link> : e.fundingProgram.name
            ) : (
              e.fundingSource || '–'
            )}
          </dd>
        </div>
      </dl>
      {mayEnterKpj && <KpjEntry enrolment={e} name={file.name} personId={file.id} />}
      <h3 className="wp-h3">{t('workerPage.history')}</h3>
      {e.history.length ? (
        <ol className="wp-history">
          {e.history.map((h, i) => (
            <li key={i}>
              {t('workerPage.historyRow', { status: statusLabel(t, h.status), date: formatDateTimeWib(h.changedAt), by: h.changedBy })}
            </li>
          ))}
        </ol>
      ) : (
        <p className="wp-muted">{t('workerPage.noHistory')}</p>
      )}
      <h3 className="wp-h3">{t('workerPage.cover')}</h3>
      {e.months.length ? (
        <>
          {e.arrears > 0 && <p className="wp-arrears">{t('workerPage.arrears', { amount: formatRupiah(e.arrears, lang) })}</p>}
          <DataTable columns={columns} rows={e.months} rowKey={(m) => m.billId} compact data-testid="cover-table" />
          {e.olderMonths > 0 && <p className="wp-muted">{t('workerPage.olderMonths', { n: e.olderMonths })}</p>}
        </>
      ) : (
        <p className="wp-muted">{t('workerPage.noCover')}</p>
      )}
    </section>
  );
}

function Trail({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const trail = useWorkerTrail(id);
  const rows: AuditEntry[] = trail.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page-panel" aria-labelledby="wp-trail">
      <h2 id="wp-trail" className="wp-h2">
        {t('workerPage.trail')}
      </h2>
      {trail.isError && !trail.data ? (
        <ErrorState error={trail.error} onRetry={() => void trail.refetch()} />
      ) : trail.isPending ? (
        <Skeleton rows={3} title={false} />
      ) : rows.length === 0 ? (
        <p className="wp-muted">{t('workerPage.noTrail')}</p>
      ) : (
        <ol className="wp-trail" data-testid="worker-trail">
          {rows.map((r) => (
            <li key={r.id}>
              <div>
                <strong>{actionText(r.action, i18n.language)}</strong> · {entityText(r.entityType, i18n.language)} · {r.actor} · {formatDateTimeWib(r.at)}
              </div>
              <AuditDiff entry={r} />
            </li>
          ))}
        </ol>
      )}
      {trail.hasNextPage && (
        <Button onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
          {t('workerPage.loadOlder')}
        </Button>
      )}
    </section>
  );
}

/** One worker (issue 14): who they are, every enrolment with its history, cover and payments, and their audit trail. */
export default function WorkerPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const file = useWorkerFile(Number.isInteger(id) ? id : 0);
  const can = useCan();
  const reveal = useRevealNik();
  usePageTitle(file.data?.name ?? t('workerPage.title'));
  if (!Number.isInteger(id) || id <= 0) return <div className="page-panel" role="alert">{t('workerPage.notFound')}</div>;
  if (file.isError) return <ErrorState error={file.error} title={t('workerPage.loadFailed')} onRetry={() => void file.refetch()} />;
  if (file.isPending) return <div className="page-panel"><Skeleton rows={8} /></div>;
  const w = file.data;
  const nik = reveal.data?.id === w.id ? reveal.data.nik : w.nik;
  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{w.name}</h1>
          <p className="page-subtitle">
            {displayRegionName(w.villageName)}
            {w.occupation ? ` · ${w.occupation}` : ''}
          </p>
        </div>
        <div className="page-actions">
          <Link to="/pekerja">{t('workerPage.back')}</Link>
        </div>
      </header>
      <section className="page-panel">
        <dl className="wp-facts">
          <div>
            <dt>{t('workerPage.nik')}</dt>
            <dd>
              <span className="worker-code" data-testid="worker-nik">{nik}</span>
              {can('worker:nik') && reveal.data?.id !== w.id && (
                <Button size="small" type="link" onClick={() => reveal.mutate(w.id)} loading={reveal.isPending} aria-label={t('workers.showNikOf', { name: w.name })}>
                  {t('workers.showNik')}
                </Button>
              )}
            </dd>
          </div>
          {w.birthDate && (
            <div>
              <dt>{t('workerPage.birthDate')}</dt>
              <dd>{formatDate(w.birthDate)}</dd>
            </div>
          )}
          {w.sex && (
            <div>
              <dt>{t('workerPage.sex')}</dt>
              <dd>{t(`sex.${w.sex}`)}</dd>
            </div>
          )}
          <div>
            <dt>{t('workerPage.village')}</dt>
            <dd>{displayRegionName(w.villageName)}</dd>
          </div>
          <div>
            <dt>{t('workerPage.address')}</dt>
            <dd>{w.address || '–'}</dd>
          </div>
          {w.phone && (
            <div>
              <dt>{t('workerPage.phone')}</dt>
              <dd>{w.phone}</dd>
            </div>
          )}
          <div>
            <dt>{t('workerPage.registered')}</dt>
            <dd>{formatDate(w.createdAt)}</dd>
          </div>
        </dl>
        {can('worker:nik') && <p className="wp-muted">{t('workers.nikAudited')}</p>}
      </section>
      {w.enrolments.length ? w.enrolments.map((e) => <EnrolmentPanel key={e.id} e={e} file={w} />) : <div className="page-panel">{t('workerPage.noEnrolments')}</div>}
      <Trail id={w.id} />
    </>
  );
}
