import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { inSubtree } from '../../../../src/domain/region-code';
import type { FundingProgram } from '../../../../src/modules/funding/programs/schemas';
import { useBillingRun } from '../../api/use-billing-run';
import { useBills } from '../../api/use-bills';
import { useEarlyWarning } from '../../api/use-early-warning';
import { useFundingProgram } from '../../api/use-funding-program';
import { useCan } from '../../lib/use-can';
import { useUser } from '../../lib/use-user';
import { useProgramBudget } from '../../api/use-program-budget';
import { useRecordPayment } from '../../api/use-record-payment';
import { useUpdateFundingProgram } from '../../api/use-update-funding-program';
import { DataTable } from '../../components/data-table';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatDate, formatNumber, formatPercent, formatRupiah } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { PAYMENT_IMPORT } from '../imports/import-kinds';
import { parseRupiah, RupiahInput } from './rupiah-input';
import '../workers/workers.css';
import './funding.css';
import { monthName } from '../../../../src/domain/wib';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** One programme: budget, monthly billing, payments (by hand and statement import), early warning. */
export default function ProgramPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const id = Number(useParams().id);
  const can = useCan();
  const me = useUser();
  const program = useFundingProgram(id);
  const errorText = useErrorMessage();
  if (program.error) return <Alert type="error" showIcon title={errorText(program.error)} />;
  if (!program.data) return <p>{t('app.loading')}</p>;
  const p = program.data;
  const owned = inSubtree(me.regionCode, p.regionCode);
  return (
    <div>
      <div className="page-panel page-header">
        <div>
          <p className="fd-muted">
            <Link to="/pendanaan">{t('funding.nav.programs')}</Link>
          </p>
          <h1 className="page-title">{p.name}</h1>
          <p className="page-subtitle">
            {t(`funding.payerTypes.${p.payerType}`)} · {p.regionCode} · {t('funding.programs.year')} {p.fiscalYear} · {p.segment} {p.programs.join('+')} ·{' '}
            {t('funding.programs.monthlyCost')} {formatRupiah(p.monthlyCost, lang)}
          </p>
          {(p.legalNumber || p.document) && (
            <p className="fd-basis">
              {t('funding.programs.legalBasis')}: {p.legalKind} {p.legalNumber} {p.legalDate ?? ''}{' '}
              {p.document && <a href={`/api/funding-programs/${p.id}/document`}>{p.document.name}</a>}
            </p>
          )}
        </div>
      </div>
      <BudgetPanel id={id} />
      {/* A programme owned above one's region is readable only (the server answers 403): its writes are not offered. */}
      {owned && can('funding:write') && <EditPanel program={p} />}
      {owned && can('funding:write') && <BillingPanel id={id} />}
      <BillsPanel id={id} />
      {owned && can('payment:write') && <PaymentPanel id={id} />}
      <WarningPanel id={id} />
    </div>
  );
}

function usePanel() {
  const { t } = useTranslation();
  return { t, lang: currentLang(), errorText: useErrorMessage() };
}

function BudgetPanel({ id }: { id: number }) {
  const { t, lang } = usePanel();
    const b = useProgramBudget(id).data;
    if (!b) return null;
    const rows: [string, string][] = [
      [t('funding.budget.budget'), formatRupiah(b.budget, lang)],
      [t('funding.budget.committed'), `${formatRupiah(b.committed, lang)} (${formatPercent(b.budgetUsed, lang)})`],
      [t('funding.budget.billed'), formatRupiah(b.billed, lang)],
      [t('funding.budget.paid'), formatRupiah(b.paid, lang)],
      [t('funding.budget.outstanding'), formatRupiah(b.outstanding, lang)],
      [t('funding.budget.credit'), formatRupiah(b.credit, lang)],
      [t('funding.budget.available'), formatRupiah(b.available, lang)],
      [t('funding.budget.quota'), `${formatNumber(b.enrolled, lang)} / ${formatNumber(b.quota, lang)} (${formatPercent(b.quotaUsed, lang)})`],
    ];
    return (
      <section className="page-panel" aria-labelledby="fd-budget">
        <h2 id="fd-budget" className="wf-section">
          {t('funding.budget.title')}
        </h2>
        <table className="data-table data-table-compact">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <td>{k}</td>
                <td className="num">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="fd-basis">{t('funding.budget.committedHint', { months: b.remainingMonths })}</p>
      </section>
    );
  }

function EditPanel({ program }: { program: FundingProgram }) {
  const { t, lang, errorText } = usePanel();
  const update = useUpdateFundingProgram(program.id);
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ budget: formatNumber(program.budget, lang), quota: String(program.quota), status: program.status });
  const [file, setFile] = useState<File>();
  if (!open) {
    return (
      <div className="fd-actions" style={{ marginBottom: 12 }}>
        <Button onClick={() => setOpen(true)}>{t('funding.edit.open')}</Button>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { patch: { budget: parseRupiah(v.budget) ?? program.budget, quota: Number(v.quota || 0), status: v.status }, document: file },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <form className="page-panel" onSubmit={submit} aria-label={t('funding.edit.open')}>
      <h2 className="wf-section">{t('funding.edit.open')}</h2>
      <div className="fd-grid">
        <FormField label={t('funding.programs.budget')}>{(c) => <RupiahInput {...c} value={v.budget} onChange={(budget) => setV((x) => ({ ...x, budget }))} />}</FormField>
        <FormField label={t('funding.programs.quota')}>{(c) => <Input {...c} inputMode="numeric" value={v.quota} onChange={(e) => setV((x) => ({ ...x, quota: e.target.value.replace(/\D/g, '') }))} />}</FormField>
        <FormField label={t('funding.edit.status')}>
          {(c) => (
            <NativeSelect
              {...c}
              value={v.status}
              onChange={(status) => setV((x) => ({ ...x, status }))}
              options={[
                { value: 'active', label: t('funding.edit.active') },
                { value: 'closed', label: t('funding.edit.closed') },
              ]}
            />
          )}
        </FormField>
        <FormField label={t('funding.programs.document')} hint={t('funding.programs.documentHint')}>
          {(c) => <input {...c} type="file" accept=".pdf,.png,.jpg,.jpeg" onChange={(e) => setFile(e.target.files?.[0])} />}
        </FormField>
      </div>
      <div className="fd-actions">
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('funding.programs.save')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('funding.programs.cancel')}</Button>
      </div>
      {update.error && <Alert type="error" showIcon title={errorText(update.error)} className="wf-alert" />}
    </form>
  );
}

function BillingPanel({ id }: { id: number }) {
  const { t, lang, errorText } = usePanel();
    const run = useBillingRun(id);
    const [month, setMonth] = useState(today().slice(0, 7));
    const submit = (e: FormEvent) => {
      e.preventDefault();
      run.mutate(month);
    };
    return (
      <form className="page-panel" onSubmit={submit} aria-labelledby="fd-billing">
        <h2 id="fd-billing" className="wf-section">
          {t('funding.billing.title')}
        </h2>
        <div className="fd-grid">
          <FormField label={t('funding.billing.month')}>{(c) => <Input {...c} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />}</FormField>
        </div>
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          {t('funding.billing.run')}
        </Button>
        {run.error && <Alert type="error" showIcon title={errorText(run.error)} className="wf-alert" />}
        {run.data && (
          <Alert
            type={run.data.created ? 'success' : 'info'}
            showIcon
            className="wf-alert"
            title={t(run.data.created ? 'funding.billing.created' : 'funding.billing.existing', {
              month: run.data.month,
              workers: formatNumber(run.data.workerCount, lang),
              amount: formatRupiah(run.data.amount, lang),
              due: run.data.dueDate,
            })}
          />
        )}
      </form>
    );
  }

function BillsPanel({ id }: { id: number }) {
  const { t, lang } = usePanel();
    const bills = useBills(id).data?.items ?? [];
    return (
      <section className="page-panel" aria-labelledby="fd-bills">
        <h2 id="fd-bills" className="wf-section">
          {t('funding.bills.title')}
        </h2>
        {bills.length === 0 ? (
          <p className="fd-muted">{t('funding.bills.empty')}</p>
        ) : (
          <DataTable
            compact
            columns={[
              { key: 'month', header: t('funding.billing.month'), card: 'title', cell: (b) => monthName(b.month, currentLang()) },
              { key: 'due', header: t('funding.bills.due'), cell: (b) => formatDate(b.dueDate) },
              { key: 'workers', header: t('funding.bills.workers'), numeric: true, cell: (b) => formatNumber(b.workerCount, lang) },
              { key: 'amount', header: t('funding.bills.amount'), numeric: true, cell: (b) => formatRupiah(b.amount, lang) },
              { key: 'paid', header: t('funding.bills.paid'), numeric: true, cell: (b) => formatRupiah(b.paidAmount, lang) },
              { key: 'outstanding', header: t('funding.bills.outstanding'), numeric: true, cell: (b) => formatRupiah(b.outstanding, lang) },
              { key: 'status', header: t('funding.bills.status'), card: 'aside', cell: (b) => t(`funding.bills.statuses.${b.status}`) },
            ]}
            rows={bills}
            rowKey={(b) => b.id}
          />
        )}
      </section>
    );
  }

function PaymentPanel({ id }: { id: number }) {
  const { t, lang, errorText } = usePanel();
    const record = useRecordPayment(id);
    const [v, setV] = useState({ amount: '', paidOn: today(), month: '', reference: '' });
    const submit = (e: FormEvent) => {
      e.preventDefault();
      record.mutate({ amount: parseRupiah(v.amount) ?? 0, paidOn: v.paidOn, ...(v.month ? { month: v.month } : {}), ...(v.reference ? { reference: v.reference } : {}) });
    };
    return (
      <section className="page-panel" aria-labelledby="fd-pay">
        <h2 id="fd-pay" className="wf-section">
          {t('funding.payments.title')}
        </h2>
        <form onSubmit={submit} aria-label={t('funding.payments.title')}>
          <div className="fd-grid">
            <FormField label={t('funding.payments.amount')}>{(c) => <RupiahInput {...c} value={v.amount} onChange={(amount) => setV((x) => ({ ...x, amount }))} />}</FormField>
            <FormField label={t('funding.payments.paidOn')}>{(c) => <Input {...c} type="date" value={v.paidOn} onChange={(e) => setV((x) => ({ ...x, paidOn: e.target.value }))} />}</FormField>
            <FormField label={t('funding.payments.month')} optional hint={t('funding.payments.monthHint')}>
              {(c) => <Input {...c} type="month" value={v.month} onChange={(e) => setV((x) => ({ ...x, month: e.target.value }))} />}
            </FormField>
            <FormField label={t('funding.payments.reference')} optional>
              {(c) => <Input {...c} value={v.reference} onChange={(e) => setV((x) => ({ ...x, reference: e.target.value }))} />}
            </FormField>
          </div>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('funding.payments.record')}
          </Button>
        </form>
        {record.error && <Alert type="error" showIcon title={errorText(record.error)} className="wf-alert" />}
        {record.data && (
          <Alert
            type="success"
            showIcon
            className="wf-alert"
            title={t('funding.payments.recorded', {
              lines: formatNumber(record.data.linesPaid, lang),
              credit: formatRupiah(record.data.credit, lang),
              reactivated: formatNumber(record.data.reactivated, lang),
            })}
          />
        )}
        <p className="fd-muted">
          {t('funding.payments.importHint', { id })}{' '}
          <Link to={PAYMENT_IMPORT.pagePath} data-testid="payment-import">
            {t('funding.payments.import')}
          </Link>
        </p>
      </section>
    );
  }

function WarningPanel({ id }: { id: number }) {
  const { t } = usePanel();
    const [days, setDays] = useState('30');
    const w = useEarlyWarning({ programId: id, days: Number(days || 0) });
    return (
      <section className="page-panel" aria-labelledby="fd-warn">
        <h2 id="fd-warn" className="wf-section">
          {t('funding.warning.title')}
        </h2>
        <div className="fd-grid">
          <FormField label={t('funding.warning.days')}>{(c) => <Input {...c} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value.replace(/\D/g, '').slice(0, 3))} />}</FormField>
        </div>
        {w.data && (
          <>
            <p data-testid="warning-count">{t('funding.warning.count', { count: w.data.items.length, months: w.data.lapseMonths })}</p>
            {w.data.items.length > 0 && (
              <>
                <p>
                  <a href={`/api/early-warning.xlsx?programId=${id}&days=${Number(days || 0)}`} download data-testid="warning-export">
                    {t('funding.warning.export')}
                  </a>
                </p>
                <DataTable
                  compact
                  data-testid="warning-table"
                  rows={w.data.items.slice(0, 100)}
                  rowKey={(i) => i.enrolmentId}
                  columns={[
                    { key: 'name', header: t('funding.warning.name'), card: 'title', cell: (i) => i.name },
                    { key: 'lapse', header: t('funding.warning.lapseDate'), card: 'aside', cell: (i) => formatDate(i.lapseDate) },
                    { key: 'nik', header: t('funding.warning.nik'), cell: (i) => i.nikMasked },
                    { key: 'kpj', header: t('funding.warning.kpj'), cell: (i) => i.kpj ?? '–' },
                    { key: 'village', header: t('funding.programs.region'), cell: (i) => i.villageName },
                    { key: 'unpaid', header: t('funding.warning.unpaid'), numeric: true, cell: (i) => i.unpaidMonths },
                  ]}
                />
              </>
            )}
          </>
        )}
      </section>
    );
  }
