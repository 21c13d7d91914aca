import { Button, Input, Popconfirm } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { NATIONAL } from '../../../../src/domain/region-code';
import type { Home } from '../../../../src/modules/home/schemas';
import { useHome } from '../../api/use-home';
import { useOpenCase } from '../../api/use-open-case';
import { useRegisterKpj } from '../../api/use-register-kpj';
import { ErrorState } from '../../components/error-state';
import { PageLoading } from '../../components/page-loading';
import { currentLang, type Lang } from '../../i18n';
import { formatDate, formatNumber, formatPercent, formatPercentValue, formatRupiah, formatSigned } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { useUser } from '../../lib/use-user';
import { formatDateTimeWib, formatMonth, isKpj } from './home-format';
import './home.css';

const IMPORT_PAGES: Record<string, string> = { workers: '/impor', employers: '/kepatuhan/impor', registrations: '/pekerja/impor-kpj', participation: '/data-resmi/impor', denominators: '/penduduk-bekerja/impor', umk: '/kepatuhan/umk/impor', payments: '/pendanaan/impor-pembayaran' };

/** One card of the home page: a heading, its figures, and the one click to act. */
function Card({ title, testId, children, action, wide = false }: { title: ReactNode; testId: string; children: ReactNode; action?: ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <section className={`home-card${wide ? ' home-card-wide' : ''}`} aria-labelledby={id} data-testid={testId}>
      <h2 className="home-card-title" id={id}>
        {title}
      </h2>
      <div className="home-card-body">{children}</div>
      {action && <div className="home-card-action">{action}</div>}
    </section>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="home-empty">{children}</p>;

function Bills({ bills, lang }: { bills: NonNullable<Home['bills']>; lang: Lang }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!bills.length) return <Empty>{t('home.bills.none')}</Empty>;
  const badge = (s: 'paid' | 'partial' | 'unpaid') => <span className={`status-badge status-badge-${s === 'paid' ? 'green' : s === 'partial' ? 'orange' : 'grey'}`}>{t(`home.bills.status.${s}`)}</span>;
  return (
    <ul className="home-list">
      {bills.map((b) => (
        <li key={b.programId} className="home-item" data-testid="home-bill">
          <div className="home-item-head">
            <strong>{b.programName}</strong>
            <span className="home-muted">{b.ownedHere ? t('home.bills.ownedHere') : t('home.bills.ownedBy', { region: displayRegionName(b.owner.name) })}</span>
          </div>
          <div className="home-bill-month" data-testid="bill-this-month">
            <div className="home-label">{t('home.bills.thisMonth', { month: b.thisMonth ? formatMonth(b.thisMonth.month, lang) : '' })}</div>
            {b.thisMonth ? (
              <>
                <div className="home-figure-sm" data-testid="bill-amount">
                  {formatRupiah(b.thisMonth.amount, lang)} {badge(b.thisMonth.status)}
                </div>
                <div className="home-muted">
                  {t('home.bills.workers', { n: formatNumber(b.thisMonth.workerCount, lang) })} ·{' '}
                  {t('home.bills.due', { date: formatDate(b.thisMonth.dueDate) })}
                  {b.thisMonth.status === 'partial' && <> · {t('home.bills.paidOf', { paid: formatRupiah(b.thisMonth.paidAmount, lang), amount: formatRupiah(b.thisMonth.amount, lang) })}</>}
                </div>
              </>
            ) : (
              <div className="home-muted">{t('home.bills.notBilled')}</div>
            )}
          </div>
          {b.lastMonth && (
            <div className="home-bill-month" data-testid="bill-last-month">
              <div className="home-label">
                {t('home.bills.lastMonth', { month: formatMonth(b.lastMonth.month, lang) })}: {formatRupiah(b.lastMonth.amount, lang)} {badge(b.lastMonth.status)}
              </div>
              {b.lastMonth.payments.length ? (
                <ul className="home-proof">
                  {b.lastMonth.payments.map((p, i) => (
                    <li key={i} data-testid="payment-proof">
                      {t('home.bills.proof', { reference: p.reference || t('home.bills.fromCredit'), date: formatDate(p.paidOn), amount: formatRupiah(p.amount, lang) })}
                      {p.appliedAmount !== p.amount && <> {t('home.bills.proofApplied', { applied: formatRupiah(p.appliedAmount, lang) })}</>}
                    </li>
                  ))}
                </ul>
              ) : (
                <div className="home-muted">{t('home.bills.noProof')}</div>
              )}
            </div>
          )}
          {can('funding:read') && (
            <Link to={`/pendanaan/${b.programId}`} className="home-link">
              {t('home.bills.toProgram')}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}

function Workers({ rows, lang }: { rows: NonNullable<Home['workersByStatus']>; lang: Lang }) {
  const { t } = useTranslation();
  const total = rows.reduce((a, r) => a + r.count, 0);
  return (
    <>
      <div className="home-figure">{formatNumber(total, lang)}</div>
      <ul className="home-chips">
        {rows.map((r) => (
          <li key={r.status}>
            <Link to={`/pekerja?status=${r.status}`} className="home-chip" data-testid={`workers-${r.status}`}>
              <span>{t(`statuses.${r.status}`)}</span> <strong>{formatNumber(r.count, lang)}</strong>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function Todo({ todo, lang }: { todo: NonNullable<Home['todo']>; lang: Lang }) {
  const { t } = useTranslation();
  const n = (v: number) => formatNumber(v, lang);
  const items: { key: string; count: number; text: string; to: string }[] = [
    { key: 'rejected', count: todo.rejectedRows, text: t('home.todo.rejectedRows', { n: n(todo.rejectedRows) }), to: '/impor' },
    { key: 'imports', count: todo.importsWaiting, text: t('home.todo.importsWaiting', { n: n(todo.importsWaiting) }), to: '/impor' },
    { key: 'lapses', count: todo.lapsesComing, text: t('home.todo.lapsesComing', { n: n(todo.lapsesComing) }), to: '/pendanaan' },
    { key: 'kpj', count: todo.awaitingKpj, text: t('home.todo.awaitingKpj', { n: n(todo.awaitingKpj) }), to: '/pekerja?status=submitted' },
  ].filter((i) => i.count > 0);
  if (!items.length) return <Empty>{t('home.todo.nothing')}</Empty>;
  return (
    <ul className="home-list">
      {items.map((i) => (
        <li key={i.key} className="home-todo" data-testid={`todo-${i.key}`}>
          <Link to={i.to}>{i.text}</Link>
        </li>
      ))}
    </ul>
  );
}

function Coverage({ c, region, lang }: { c: NonNullable<Home['coverage']>; region: string; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="home-figure" data-testid="coverage-pct">
        {c.coveragePct === null ? '–' : formatPercentValue(c.coveragePct, lang)}
      </div>
      <div className="home-muted">
        {c.coveragePct === null
          ? t('home.coverage.noDenominator')
          : c.targetPct === null
            ? t('home.coverage.noTarget')
            : t('home.coverage.target', { pct: formatPercentValue(c.targetPct, lang), year: c.targetYear ?? '' })}
      </div>
      <p data-testid="coverage-active">{t('home.coverage.active', { n: formatNumber(c.activeParticipants, lang) })}</p>
      {c.gapWorkers !== null && (
        <p className="home-gap" data-testid="coverage-gap">
          {c.gapWorkers > 0 ? t('home.coverage.gap', { workers: formatNumber(c.gapWorkers, lang), rupiah: formatRupiah(c.gapRupiahPerMonth ?? 0, lang) }) : t('home.coverage.reached')}
        </p>
      )}
      <p className="home-muted" data-testid="coverage-changed">
        {t('home.coverage.changed', { started: formatNumber(c.newEnrolments, lang), lapsed: formatNumber(c.lapses, lang), ended: formatNumber(c.ended, lang) })}
        {c.monthOnMonth && <> · {t('home.coverage.mom', { change: formatSigned(c.monthOnMonth.activeChange, lang) })}</>}
      </p>
      <div className="home-actions">
        <Link to={region === NATIONAL ? '/cakupan' : `/cakupan/${region}`}>{t('home.coverage.toCoverage')}</Link>
      </div>
    </>
  );
}

function KpjRow({ item }: { item: NonNullable<Home['awaitingKpj']>['items'][number] }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const save = useRegisterKpj();
  const [kpj, setKpj] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = useId();
  const submit = () => {
    const v = kpj.trim();
    if (!isKpj(v)) return setProblem(t('home.kpj.invalid'));
    setProblem(undefined);
    save.mutate({ enrolmentId: item.enrolmentId, kpj: v }, { onError: (e) => setProblem(describe(e)) });
  };
  return (
    <li className="home-item" data-testid="kpj-row" data-enrolment={item.enrolmentId}>
      <div className="home-item-head">
        <strong>{item.name}</strong>
        <span className="home-muted">
          {item.nikMasked} · {displayRegionName(item.village.name)} · {t(`segments.${item.segment}`)} · {t('home.kpj.since', { date: formatDate(item.submittedAt) })}
        </span>
      </div>
      <form
        className="home-kpj-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={id} className="sr-only">
          {t('home.kpj.label', { name: item.name })}
        </label>
        <Input
          id={id}
          inputMode="numeric"
          maxLength={11}
          placeholder={t('home.kpj.placeholder')}
          value={kpj}
          onChange={(e) => setKpj(e.target.value.replace(/\D/g, ''))}
          status={problem ? 'error' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-err` : undefined}
        />
        <Button htmlType="submit" type="primary" loading={save.isPending}>
          {t('home.kpj.save')}
        </Button>
      </form>
      {problem && (
        <div id={`${id}-err`} className="home-error" role="alert">
          {problem}
        </div>
      )}
    </li>
  );
}

function EmployerRow({ e, lang }: { e: NonNullable<Home['employersUnregistered']>[number]; lang: Lang }) {
  const { t } = useTranslation();
  const can = useCan();
  const open = useOpenCase();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  return (
    <li className="home-item" data-testid="employer-row">
      <div className="home-item-head">
        <Link to={`/kepatuhan/perusahaan/${e.id}`}>
          <strong>{e.name}</strong>
        </Link>
        <span className="home-muted">{displayRegionName(e.regionName)}</span>
      </div>
      <div>{t('home.employers.row', { missing: formatNumber(e.notRegistered, lang), registered: formatNumber(e.workersRegistered, lang), declared: formatNumber(e.employeesDeclared, lang) })}</div>
      {e.openCaseId ? (
        <Link to={`/kepatuhan/kasus/${e.openCaseId}`} className="home-link">
          {t('home.employers.caseOpen')}
        </Link>
      ) : (
        can('compliance:write') && (
          <Popconfirm
            title={t('home.employers.confirmTitle', { name: e.name })}
            description={<div className="home-confirm">{t('home.employers.confirmText')}</div>}
            okText={t('home.employers.confirmOk')}
            cancelText={t('home.employers.cancel')}
            onConfirm={() => open.mutate(e.id, { onSuccess: (c) => navigate(`/kepatuhan/kasus/${c.id}`) })}
          >
            <Button loading={open.isPending} data-testid="open-case">
              {t('home.employers.openCase')}
            </Button>
          </Popconfirm>
        )
      )}
      {open.isError && (
        <div className="home-error" role="alert">
          {describe(open.error)}
        </div>
      )}
    </li>
  );
}

function AuditList({ rows }: { rows: NonNullable<Home['nikViews']> }) {
  const { t, i18n } = useTranslation();
  if (!rows.length) return <Empty>{t('home.audit.none')}</Empty>;
  const action = (a: string) => (i18n.exists(`home.audit.action.${a}`) ? t(`home.audit.action.${a}` as 'home.audit.action.other') : t('home.audit.action.other'));
  const entity = (e: string) => (i18n.exists(`home.audit.entity.${e}`) ? t(`home.audit.entity.${e}` as 'home.audit.entity.other') : t('home.audit.entity.other'));
  return (
    <ul className="home-list">
      {rows.map((r) => (
        <li key={r.id} className="home-item" data-testid="audit-row">
          <div>
            <strong>{action(r.action)}</strong> · {entity(r.entityType)}{' '}
            {r.entityType === 'worker' ? <Link to={`/pekerja/${r.entityId}`}>#{r.entityId}</Link> : <>#{r.entityId}</>}
          </div>
          <div className="home-muted">{t('home.audit.row', { actor: r.actor, date: formatDateTimeWib(r.at) })}</div>
        </li>
      ))}
    </ul>
  );
}

/** The first page after login: the signed-in role's first questions, answered with live figures for its own region. */
export default function HomePage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useUser();
  const can = useCan();
  const q = useHome();
  usePageTitle(t('home.title'));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorState error={q.error} title={t('home.loadFailed')} onRetry={() => void q.refetch()} />;
  const h = q.data;
  const month = formatMonth(h.month, lang);
  const n = (v: number) => formatNumber(v, lang);
  const regionName = displayRegionName(h.region.name);

  return (
    <div className="home" data-testid="home" data-role={h.role}>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('home.greeting', { name: me.displayName })}</h1>
          <p className="page-subtitle">{t('home.subtitle', { role: t(`roles.${h.role}`), region: regionName, date: formatDate(h.today) })}</p>
        </div>
      </header>
      <div className="home-grid">
        {h.bills && (
          <Card title={t('home.bills.title')} testId="home-bills" wide>
            <p className="home-muted">{t('home.bills.intro')}</p>
            <Bills bills={h.bills} lang={lang} />
          </Card>
        )}
        {h.workersByStatus && (
          <Card title={t('home.workers.title')} testId="home-workers" action={<Link to="/pekerja">{t('home.workers.toList')}</Link>}>
            <Workers rows={h.workersByStatus} lang={lang} />
          </Card>
        )}
        {h.coverage !== undefined && (
          <Card title={t('home.coverage.title', { month })} testId="home-coverage" action={can('funding:read') && h.region.code !== NATIONAL ? <Link to="/perencanaan">{t('home.coverage.toPlan')}</Link> : undefined}>
            {h.coverage ? <Coverage c={h.coverage} region={h.region.code} lang={lang} /> : <Empty>{t('home.coverage.noDenominator')}</Empty>}
          </Card>
        )}
        {h.todo && (
          <Card
            title={t('home.todo.title')}
            testId="home-todo"
            action={
              can('worker:write') ? (
                <div className="home-actions">
                  <Link to="/pekerja/baru">{t('home.todo.addWorker')}</Link>
                  <Link to="/impor">{t('home.todo.import')}</Link>
                </div>
              ) : undefined
            }
          >
            <Todo todo={h.todo} lang={lang} />
          </Card>
        )}
        {h.imports && (
          <Card title={t('home.imports.title')} testId="home-imports">
            {h.imports.length ? (
              <ul className="home-list">
                {h.imports.map((j) => (
                  <li key={j.id} className="home-item" data-testid="import-row">
                    <Link to={`${IMPORT_PAGES[j.kind] ?? '/impor'}/${j.id}`}>
                      <strong>{j.filename}</strong>
                    </Link>
                    <div className="home-muted">
                      {t(`home.imports.kind.${j.kind}` as 'home.imports.kind.workers')} · {t(`home.imports.status.${j.status}` as 'home.imports.status.validated')}
                    </div>
                    <div>{t('home.imports.row', { valid: n(j.valid), rejected: n(j.rejected) })}</div>
                    <div className="home-muted">{t('home.imports.by', { user: j.createdBy, date: formatDate(j.createdAt) })}</div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('home.imports.none')}</Empty>
            )}
          </Card>
        )}
        {h.programmesNear && (
          <Card title={t('home.programmes.title')} testId="home-programmes">
            {h.programmesNear.length ? (
              <ul className="home-list">
                {h.programmesNear.map((p) => (
                  <li key={p.programId} className="home-item" data-testid="programme-row">
                    <Link to={`/pendanaan/${p.programId}`}>
                      <strong>{p.name}</strong>
                    </Link>
                    <div>{t('home.programmes.quota', { enrolled: n(p.enrolled), quota: n(p.quota), pct: formatPercent(p.quotaUsed, lang) })}</div>
                    <div>{t('home.programmes.budget', { pct: formatPercent(p.budgetUsed, lang), budget: formatRupiah(p.budget, lang) })}</div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('home.programmes.none')}</Empty>
            )}
          </Card>
        )}
        {h.awaitingKpj && (
          <Card
            title={t('home.kpj.title')}
            testId="home-kpj"
            wide
            action={can('worker:write') ? <Link to="/pekerja/impor-kpj">{t('home.kpj.importAll')}</Link> : undefined}
          >
            <p className="home-count" data-testid="kpj-total">
              {t('home.kpj.total', { n: n(h.awaitingKpj.total) })}
            </p>
            {h.awaitingKpj.items.length ? (
              <ul className="home-list">
                {h.awaitingKpj.items.map((i) => (
                  <KpjRow key={i.enrolmentId} item={i} />
                ))}
              </ul>
            ) : (
              <Empty>{t('home.kpj.none')}</Empty>
            )}
          </Card>
        )}
        {h.lapsesDue && (
          <Card title={t('home.lapses.title', { days: h.lapsesDue.days })} testId="home-lapses" action={<Link to="/pendanaan">{t('home.open')}</Link>}>
            <p className="home-count" data-testid="lapses-total">
              {t('home.lapses.total', { n: n(h.lapsesDue.total) })}
            </p>
            {h.lapsesDue.items.length ? (
              <ul className="home-list">
                {h.lapsesDue.items.map((l) => (
                  <li key={l.enrolmentId} className="home-item" data-testid="lapse-row">
                    <strong>{l.name}</strong> · {displayRegionName(l.village.name)}
                    <div className="home-muted">
                      {t('home.lapses.row', { program: l.programName, months: n(l.unpaidMonths) })} · {t('home.lapses.on', { date: formatDate(l.lapseDate) })}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('home.lapses.none', { days: h.lapsesDue.days })}</Empty>
            )}
          </Card>
        )}
        {h.unpaidBills && (
          <Card title={t('home.unpaid.title')} testId="home-unpaid">
            <p className="home-count" data-testid="unpaid-total">
              {t('home.unpaid.total', { n: n(h.unpaidBills.total), amount: formatRupiah(h.unpaidBills.outstanding, lang) })}
            </p>
            {h.unpaidBills.items.length ? (
              <ul className="home-list">
                {h.unpaidBills.items.map((b) => (
                  <li key={b.billId} className="home-item" data-testid="unpaid-row">
                    <Link to={`/pendanaan/${b.programId}`}>
                      <strong>{b.programName}</strong>
                    </Link>
                    <div>{t('home.unpaid.row', { month: formatMonth(b.month, lang), amount: formatRupiah(b.outstanding, lang) })}</div>
                    <div className={b.overdue ? 'home-overdue' : 'home-muted'}>{t(b.overdue ? 'home.unpaid.overdue' : 'home.unpaid.due', { date: formatDate(b.dueDate) })}</div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('home.unpaid.none')}</Empty>
            )}
          </Card>
        )}
        {h.employersUnregistered && (
          <Card title={t('home.employers.title')} testId="home-employers" wide action={<Link to="/kepatuhan">{t('home.employers.toList')}</Link>}>
            {h.employersUnregistered.length ? (
              <ul className="home-list">
                {h.employersUnregistered.map((e) => (
                  <EmployerRow key={e.id} e={e} lang={lang} />
                ))}
              </ul>
            ) : (
              <Empty>{t('home.employers.none')}</Empty>
            )}
          </Card>
        )}
        {h.overdueCases && (
          <Card title={t('home.cases.title')} testId="home-cases" action={<Link to="/kepatuhan/kasus?overdue=true">{t('home.cases.toList')}</Link>}>
            <p className="home-count" data-testid="cases-total">
              {t('home.cases.total', { n: n(h.overdueCases.total) })}
            </p>
            {h.overdueCases.items.length ? (
              <ul className="home-list">
                {h.overdueCases.items.map((c) => (
                  <li key={c.id} className="home-item" data-testid="case-row">
                    <Link to={`/kepatuhan/kasus/${c.id}`}>
                      <strong>{c.employerName}</strong>
                    </Link>
                    <div className="home-muted">
                      {t(`compliance.step.${c.step}`)} · {displayRegionName(c.regionName)}
                    </div>
                    {c.deadline && <div className="home-overdue">{t('home.cases.deadline', { date: formatDate(c.deadline) })}</div>}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('home.cases.none')}</Empty>
            )}
          </Card>
        )}
        {h.ranking && (
          <Card title={t('home.ranking.title', { month })} testId="home-ranking" action={<Link to={h.region.code === NATIONAL ? '/cakupan' : `/cakupan/${h.region.code}`}>{t('home.coverage.toCoverage')}</Link>}>
            {h.ranking.highest.length ? (
              <div className="home-ranking">
                {(['highest', 'lowest'] as const).map((side) => (
                  <div key={side}>
                    <h3 className="home-label">{t(`home.ranking.${side}`)}</h3>
                    <ol className="home-rank" data-testid={`ranking-${side}`}>
                      {h.ranking![side].map((k) => (
                        <li key={k.code}>
                          <Link to={`/cakupan/${k.code}`}>{displayRegionName(k.name)}</Link> <strong>{formatPercentValue(k.coveragePct, lang)}</strong>
                        </li>
                      ))}
                    </ol>
                  </div>
                ))}
              </div>
            ) : (
              <Empty>{t('home.ranking.none')}</Empty>
            )}
            {h.ranking.withoutData > 0 && <p className="home-muted">{t('home.ranking.withoutData', { n: n(h.ranking.withoutData) })}</p>}
          </Card>
        )}
        {h.staleRegions && (
          <Card title={t('home.stale.title')} testId="home-stale">
            <p className="home-muted">{t('home.stale.help', { months: h.staleRegions.afterMonths })}</p>
            {h.staleRegions.items.length ? (
              <ul className="home-list">
                {h.staleRegions.items.map((r) => (
                  <li key={r.code} className="home-item" data-testid="stale-row">
                    <Link to={`/cakupan/${r.code}`}>{displayRegionName(r.name)}</Link>{' '}
                    <span className="home-muted">{r.lastPeriod ? t('home.stale.last', { month: formatMonth(r.lastPeriod, lang) }) : t('home.stale.never')}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('home.stale.none')}</Empty>
            )}
          </Card>
        )}
        {h.nikViews && (
          <Card title={t('home.audit.nikViews')} testId="home-nik-views" action={<Link to="/audit?action=view_nik">{t('home.audit.toAudit')}</Link>}>
            <AuditList rows={h.nikViews} />
          </Card>
        )}
        {h.exports && (
          <Card title={t('home.audit.exports')} testId="home-exports" action={<Link to="/audit?action=export">{t('home.audit.toAudit')}</Link>}>
            <AuditList rows={h.exports} />
          </Card>
        )}
        {h.recentChanges && (
          <Card title={t('home.audit.changes')} testId="home-changes" action={<Link to="/audit">{t('home.audit.toAudit')}</Link>}>
            <AuditList rows={h.recentChanges} />
          </Card>
        )}
      </div>
    </div>
  );
}
