import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCommitImport } from '../../api/use-commit-import';
import { useImportJob } from '../../api/use-import-job';
import { importReportUrl, importTemplateUrl } from '../../api/use-start-import';
import { useCohort, useCohortUpload } from '../../api/use-projects';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from '../../components/data-table';
import { currentLang } from '../../i18n';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import '../workers/workers.css';
import '../funding/funding.css';
import './projects.css';

const IMPORTS = '/api/cohort-imports';

/** One election ad hoc cohort: period, cost, who is covered, its monthly bills; the staff list by upload. */
export default function CohortPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const id = Number(useParams().id);
  const can = useCan();
  const c = useCohort(id);
  usePageTitle(c.data?.name);
  const errorText = useErrorMessage();
  if (c.error) return <Alert type="error" showIcon title={errorText(c.error)} />;
  if (!c.data) return <p>{t('app.loading')}</p>;
  const d = c.data;
  return (
    <div>
      <div className="page-panel page-header">
        <div>
          <h1 className="page-title">{d.name}</h1>
          <p className="page-subtitle">
            {`${d.organiser === 'KPU' ? 'KPU' : 'Bawaslu'} ${d.regionName}`} · {[d.election, d.stage].filter(Boolean).join(' · ')} · {t(`projects.statuses.${d.status}`)}
          </p>
        </div>
        <div className="page-actions">
          <Link to="/proyek">{t('projects.nav')}</Link>
        </div>
      </div>
      <section className="page-panel">
        <dl className="pj-facts">
          <div>
            <dt>{t('projects.period')}</dt>
            <dd>{`${formatDate(d.startDate)} – ${formatDate(d.endDate)}`}</dd>
          </div>
          <div>
            <dt>{t('projects.months')}</dt>
            <dd>{d.months}</dd>
          </div>
          <div>
            <dt>{t('projects.monthly')}</dt>
            <dd>{formatRupiah(d.monthlyCost, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.cost')}</dt>
            <dd>{formatRupiah(d.cost, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.coveredToday')}</dt>
            <dd data-testid="ch-covered">{`${formatNumber(d.coveredToday, lang)} / ${formatNumber(d.workers, lang)}`}</dd>
          </div>
          <div>
            <dt>{t('projects.billed')}</dt>
            <dd data-testid="ch-billed">{formatRupiah(d.billed, lang)}</dd>
          </div>
          <div>
            <dt>{t('projects.paid')}</dt>
            <dd data-testid="ch-paid">{formatRupiah(d.paid, lang)}</dd>
          </div>
        </dl>
      </section>
      {can('worker:write') && d.status !== 'ended' && <CohortUpload id={id} />}
      <section className="page-panel" aria-labelledby="ch-bills">
        <h2 id="ch-bills" className="wf-section">
          {t('projects.bills')}
        </h2>
        <p>
          <Link to={`/pendanaan/${d.fundingProgramId}`}>{`${t('projects.billingAt')}: ${d.fundingProgramName}`}</Link>
        </p>
        {d.bills.length > 0 && (
          <DataTable
            compact
            columns={[
              { key: 'month', header: t('projects.month'), card: 'title', cell: (b) => formatMonth(b.month, lang) },
              { key: 'workers', header: t('projects.workers'), numeric: true, cell: (b) => formatNumber(b.workers, lang) },
              { key: 'amount', header: t('projects.amount'), numeric: true, cell: (b) => formatRupiah(b.amount, lang) },
              { key: 'paid', header: t('projects.paid'), numeric: true, cell: (b) => formatRupiah(b.paid, lang) },
            ]}
            rows={d.bills}
            rowKey={(b) => b.month}
          />
        )}
      </section>
    </div>
  );
}

function CohortUpload({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qc = useQueryClient();
  const errorText = useErrorMessage();
  const upload = useCohortUpload(id);
  const [jobId, setJobId] = useState<number>();
  const [committing, setCommitting] = useState(false);
  const job = useImportJob(IMPORTS, jobId, committing);
  const commit = useCommitImport(IMPORTS);
  const v = job.data;
  if (v?.status === 'committed' && committing) {
    setCommitting(false);
    void qc.invalidateQueries({ queryKey: ['projects'] });
  }
  return (
    <section className="page-panel" aria-labelledby="ch-upload">
      <h2 id="ch-upload" className="wf-section">
        {t('projects.upload')}
      </h2>
      <p>
        <a href={importTemplateUrl(IMPORTS)}>{t('projects.template')}</a>
      </p>
      {upload.error && <Alert type="error" showIcon title={errorText(upload.error)} className="wf-alert" />}
      {commit.error && <Alert type="error" showIcon title={errorText(commit.error)} className="wf-alert" />}
      <input
        type="file"
        accept=".xlsx,.csv"
        aria-label={t('projects.upload')}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) upload.mutate(f, { onSuccess: (r) => setJobId(r.id) });
        }}
      />
      {v?.status === 'validating' && <p>{t('projects.validating')}</p>}
      {v?.status === 'failed' && <Alert type="error" showIcon title={t('projects.importFailed', { message: lang === 'en' ? v.error?.messageEn : v.error?.message })} />}
      {v?.status === 'validated' && (
        <div>
          <p data-testid="ch-validated">{t('projects.validated', { valid: formatNumber(v.counts.valid ?? 0, lang), rejected: formatNumber(v.counts.rejected ?? 0, lang) })}</p>
          {(v.counts.rejected ?? 0) > 0 && <a href={importReportUrl(IMPORTS, v.id)}>{t('projects.report')}</a>}
          <Button type="primary" loading={commit.isPending || committing} disabled={(v.counts.valid ?? 0) === 0} onClick={() => commit.mutate({ id: v.id }, { onSuccess: () => setCommitting(true) })}>
            {t('projects.commit')}
          </Button>
        </div>
      )}
      {v?.status === 'committed' && <Alert type="success" showIcon title={t('projects.committed', { n: formatNumber(v.committed?.enrolments ?? 0, lang) })} />}
    </section>
  );
}
