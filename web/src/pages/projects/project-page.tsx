import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAddProjectWorker, useProject, useProjectPayment, useProjectWorkers } from '../../api/use-projects';
import { DataTable } from '../../components/data-table';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatDate, formatRupiah } from '../../lib/format';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { todayWib } from '../../../../src/domain/wib';
import { parseRupiah, RupiahInput } from '../funding/rupiah-input';
import { fieldErrorOf } from './projects-page';
import '../workers/workers.css';
import '../funding/funding.css';
import './projects.css';

/** One construction project: contribution, deadline, bills and payments, its workers (phone-first). */
export default function ProjectPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const id = Number(useParams().id);
  const can = useCan();
  const p = useProject(id);
  const workers = useProjectWorkers(id);
  usePageTitle(p.data?.name);
  const errorText = useErrorMessage();
  if (p.error) return <Alert type="error" showIcon title={errorText(p.error)} />;
  if (!p.data) return <p>{t('app.loading')}</p>;
  const d = p.data;
  return (
    <div>
      <div className="page-panel page-header">
        <div>
          <h1 className="page-title">{d.name}</h1>
          <p className="page-subtitle">
            {d.villageName} · {t(`projects.owners.${d.ownerType}`)} · {t(`projects.executors.${d.executor}`)} · {t(`projects.statuses.${d.status}`)}
            {d.late && <span className="pj-flag">{t('projects.late')}</span>}
            {d.unpaid && <span className="pj-flag">{t('projects.unpaid')}</span>}
          </p>
        </div>
        <div className="page-actions">
          <Link to="/proyek">{t('projects.nav')}</Link>
        </div>
      </div>
      <section className="page-panel" aria-label={t('projects.contribution')}>
        <dl className="pj-facts">
          <div>
            <dt>{t('projects.contractValue')}</dt>
            <dd>{formatRupiah(d.contractValue, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.jkk')}</dt>
            <dd data-testid="pj-jkk">{formatRupiah(d.contribution.jkk, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.jkm')}</dt>
            <dd data-testid="pj-jkm">{formatRupiah(d.contribution.jkm, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.contribution')}</dt>
            <dd>{formatRupiah(d.contribution.total, lang)}</dd>
          </div>
          <div>
            <dt title={t('projects.deadlineHint')}>{t('projects.deadline')}</dt>
            <dd data-testid="pj-deadline">{formatDate(d.registrationDeadline)}</dd>
          </div>
          <div>
            <dt>{t('projects.period')}</dt>
            <dd>{`${formatDate(d.startDate)} – ${formatDate(d.endDate)}`}</dd>
          </div>
          <div>
            <dt>{t('projects.outstanding')}</dt>
            <dd data-testid="pj-outstanding">{formatRupiah(d.outstanding, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.coveredToday')}</dt>
            <dd>{`${d.coveredToday} / ${d.workers}`}</dd>
          </div>
        </dl>
      </section>
      <section className="page-panel" aria-labelledby="pj-bills">
        <h2 id="pj-bills" className="wf-section">
          {t('projects.bills')}
        </h2>
        <DataTable
          compact
          columns={[
            { key: 'kind', header: t('projects.name'), card: 'title', cell: (b) => t(`projects.billKinds.${b.kind}`) },
            { key: 'amount', header: t('projects.amount'), numeric: true, cell: (b) => formatRupiah(b.amount, lang) },
            { key: 'paid', header: t('projects.paid'), numeric: true, cell: (b) => formatRupiah(b.paidAmount, lang) },
            { key: 'due', header: t('projects.dueDate'), cell: (b) => formatDate(b.dueDate) },
            { key: 'status', header: t('projects.status'), card: 'aside', cell: (b) => t(`projects.billStatus.${b.status}`) },
          ]}
          rows={d.bills}
          rowKey={(b) => b.id}
        />
        {can('payment:write') && d.outstanding > 0 && <PaymentForm id={id} outstanding={d.outstanding} />}
      </section>
      {can('worker:write') && d.status !== 'ended' && <AddWorkerForm id={id} villageCode={d.villageCode} />}
      <section className="page-panel" aria-labelledby="pj-workers">
        <h2 id="pj-workers" className="wf-section">
          {t('projects.workers')}
        </h2>
        {workers.data?.items.length ? (
          <DataTable
            compact
            columns={[
              { key: 'name', header: t('projects.workerName'), card: 'title', cell: (w) => w.name },
              { key: 'nik', header: t('projects.nik'), cell: (w) => w.nik },
              { key: 'from', header: t('projects.coverFrom'), cell: (w) => formatDate(w.startDate) },
              { key: 'until', header: t('projects.coverUntil'), cell: (w) => (w.endDate ? formatDate(w.endDate) : '—') },
            ]}
            rows={workers.data.items}
            rowKey={(w) => w.enrolmentId}
          />
        ) : (
          <p className="fd-muted">{t('projects.notRegistered')}</p>
        )}
      </section>
    </div>
  );
}

function PaymentForm({ id, outstanding }: { id: number; outstanding: number }) {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const pay = useProjectPayment(id);
  const [v, setV] = useState({ amount: String(outstanding), paidOn: todayWib(), reference: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    pay.mutate({ amount: parseRupiah(v.amount) ?? 0, paidOn: v.paidOn, ...(v.reference.trim() ? { reference: v.reference.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label={t('projects.pay')}>
      <h3 className="wf-section">{t('projects.pay')}</h3>
      {pay.error && <Alert type="error" showIcon title={errorText(pay.error)} className="wf-alert" />}
      {pay.isSuccess && <Alert type="success" showIcon title={t('projects.paidDone')} className="wf-alert" />}
      <div className="fd-grid">
        <FormField label={t('projects.payAmount')} error={fieldErrorOf(pay.error, 'amount')}>{(c) => <RupiahInput {...c} value={v.amount} onChange={(amount) => setV((x) => ({ ...x, amount }))} />}</FormField>
        <FormField label={t('projects.paidOn')} error={fieldErrorOf(pay.error, 'paidOn')}>{(c) => <Input {...c} type="date" value={v.paidOn} onChange={(e) => setV((x) => ({ ...x, paidOn: e.target.value }))} />}</FormField>
        <FormField optional label={t('projects.reference')}>{(c) => <Input {...c} value={v.reference} onChange={(e) => setV((x) => ({ ...x, reference: e.target.value }))} />}</FormField>
      </div>
      <Button type="primary" htmlType="submit" loading={pay.isPending}>
        {t('projects.pay')}
      </Button>
    </form>
  );
}

function AddWorkerForm({ id, villageCode }: { id: number; villageCode: string }) {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const add = useAddProjectWorker(id);
  const empty = { nik: '', name: '', birthDate: '', sex: 'L', villageCode, address: '' };
  const [v, setV] = useState(empty);
  const [added, setAdded] = useState<string>();
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const err = (f: string) => fieldErrorOf(add.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { nik: v.nik.trim(), name: v.name.trim(), birthDate: v.birthDate, sex: v.sex as 'L' | 'P', villageCode: v.villageCode.trim(), address: v.address.trim() },
      {
        onSuccess: (w) => {
          setAdded(w.startDate);
          setV(empty);
        },
      },
    );
  };
  return (
    <form className="page-panel" onSubmit={submit} aria-label={t('projects.addWorker')}>
      <h2 className="wf-section">{t('projects.addWorker')}</h2>
      {add.error && <Alert type="error" showIcon title={errorText(add.error)} className="wf-alert" />}
      {added && !add.error && <Alert type="success" showIcon title={t('projects.added', { date: formatDate(added) })} className="wf-alert" />}
      <div className="fd-grid">
        <FormField label={t('projects.nik')} error={err('nik')}>{(c) => <Input {...c} inputMode="numeric" value={v.nik} onChange={(e) => set('nik')(e.target.value)} />}</FormField>
        <FormField label={t('projects.workerName')} error={err('name')}>{(c) => <Input {...c} value={v.name} onChange={(e) => set('name')(e.target.value)} />}</FormField>
        <FormField label={t('projects.birthDate')} error={err('birthDate')}>{(c) => <Input {...c} type="date" value={v.birthDate} onChange={(e) => set('birthDate')(e.target.value)} />}</FormField>
        <FormField label={t('projects.sex')} error={err('sex')}>
          {(c) => <NativeSelect {...c} value={v.sex} onChange={set('sex')} options={(['L', 'P'] as const).map((s) => ({ value: s, label: t(`projects.sexes.${s}`) }))} />}
        </FormField>
        <FormField label={t('projects.domicile')} error={err('villageCode')}>{(c) => <Input {...c} value={v.villageCode} onChange={(e) => set('villageCode')(e.target.value)} />}</FormField>
        <FormField optional label={t('projects.address')}>{(c) => <Input {...c} value={v.address} onChange={(e) => set('address')(e.target.value)} />}</FormField>
      </div>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('projects.addWorker')}
      </Button>
    </form>
  );
}
