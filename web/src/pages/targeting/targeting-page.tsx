import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, InputNumber } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Candidate } from '../../../../src/modules/targeting/schemas';
import { ApiError } from '../../api/client';
import { useFundingPrograms } from '../../api/use-funding-programs';
import { useRegionChildren } from '../../api/use-region-children';
import { type TargetingFilter, useTargeting } from '../../api/use-targeting';
import { useTargetingEnrol } from '../../api/use-targeting-enrol';
import { useTargetingJob } from '../../api/use-targeting-job';
import { DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { NativeSelect } from '../../components/native-select';
import { Pager } from '../../components/pager';
import { ProgressBar } from '../../components/progress-bar';
import { Skeleton } from '../../components/skeleton';
import { StatusMessage } from '../../components/status-message';
import { currentLang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { useUser } from '../../lib/use-user';
import './targeting.css';

const DECILE_OPTIONS = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
const START: TargetingFilter = { minDecile: 1, maxDecile: 4, minAge: 15, maxAge: 64, fundedElsewhere: 'exclude', page: 1 };

/**
 * DTSEN targeting (issue 16): who of the poorest deciles in a region is not covered yet, what covering
 * them costs, and enrolling them — all filtered, or a selection — into a funding programme in one job.
 */
export default function TargetingPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useUser();
  const navigate = useNavigate();
  const { code } = useParams();
  const region = code ?? me.regionCode;
  usePageTitle(t('targeting.title'));
  const [f, setF] = useState<TargetingFilter>(START);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const list = useTargeting(region, f, can('dtsen:read'));
  const children = useRegionChildren(me.regionCode, me.regionCode.length < 13);
  const lang = currentLang();
  useEffect(() => setSelected(new Set()), [region, f.minDecile, f.maxDecile, f.minAge, f.maxAge, f.fundedElsewhere]);

  if (!can('dtsen:read')) return <StatusMessage tone="warning" title={t('errors.forbiddenTitle')} text={t('targeting.noAccess')} />;
  const set = (patch: Partial<TargetingFilter>) => setF((old) => ({ ...old, page: 1, ...patch }));
  const data = list.data;
  const toggle = (id: number) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="tg">
      <header className="page-panel">
        <h1 className="page-title">{t('targeting.title')}</h1>
        <p className="page-subtitle">{t('targeting.intro')}</p>
        <p className="tg-links">
          {can('dtsen:write') && <Link to="/dtsen/impor">{t('targeting.toImport')}</Link>}
        </p>
      </header>

      <section className="page-panel tg-filters" aria-label={t('targeting.filters')}>
        {me.regionCode.length < 13 && (
          <label className="tg-field">
            <span>{t('targeting.area')}</span>
            <NativeSelect
              data-testid="tg-area"
              value={region === me.regionCode ? '' : region}
              onChange={(v) => navigate(v ? `/dtsen/${v}` : '/dtsen')}
              placeholder={t('targeting.allAreas')}
              options={(children.data ?? []).map((c) => ({ value: c.code, label: displayRegionName(c.name) }))}
            />
          </label>
        )}
        <label className="tg-field">
          <span>{t('targeting.minDecile')}</span>
          <NativeSelect data-testid="tg-min-decile" value={String(f.minDecile)} onChange={(v) => set({ minDecile: Number(v) })} options={DECILE_OPTIONS} />
        </label>
        <label className="tg-field">
          <span>{t('targeting.maxDecile')}</span>
          <NativeSelect data-testid="tg-max-decile" value={String(f.maxDecile)} onChange={(v) => set({ maxDecile: Number(v) })} options={DECILE_OPTIONS} />
        </label>
        <label className="tg-field">
          <span>{t('targeting.minAge')}</span>
          <InputNumber min={0} max={120} value={f.minAge} onChange={(v) => set({ minAge: Number(v ?? 0) })} />
        </label>
        <label className="tg-field">
          <span>{t('targeting.maxAge')}</span>
          <InputNumber min={0} max={120} value={f.maxAge} onChange={(v) => set({ maxAge: Number(v ?? 120) })} />
        </label>
        <label className="tg-field">
          <span>{t('targeting.fundedElsewhere')}</span>
          <NativeSelect
            value={f.fundedElsewhere}
            onChange={(v) => set({ fundedElsewhere: v as TargetingFilter['fundedElsewhere'] })}
            options={(['exclude', 'include', 'only'] as const).map((k) => ({ value: k, label: t(`targeting.funded.${k}`) }))}
          />
        </label>
      </section>

      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {!data && list.isLoading && <Skeleton rows={6} />}
      {data && (
        <>
          <section className="page-panel tg-figures" aria-label={t('targeting.figures')}>
            <div className="tg-figure">
              <span className="tg-figure-label">{t('targeting.total')}</span>
              <strong data-testid="tg-total">{formatNumber(data.total, lang)}</strong>
            </div>
            <div className="tg-figure">
              <span className="tg-figure-label">{t('targeting.costPerMonth')}</span>
              <strong data-testid="tg-cost-month">{formatRupiah(data.costPerMonth, lang)}</strong>
              <span className="tg-figure-note">{t('targeting.unitCost', { amount: formatRupiah(data.unitCostPerMonth, lang) })}</span>
            </div>
            <div className="tg-figure">
              <span className="tg-figure-label">{t('targeting.costPerYear')}</span>
              <strong data-testid="tg-cost-year">{formatRupiah(data.costPerYear, lang)}</strong>
            </div>
            <div className="tg-figure">
              <span className="tg-figure-label">{t('targeting.byDecile')}</span>
              <ul className="tg-deciles" data-testid="tg-by-decile">
                {data.byDecile.map((d) => (
                  <li key={d.decile}>{t('targeting.decileCount', { decile: d.decile, n: formatNumber(d.count, lang) })}</li>
                ))}
              </ul>
            </div>
          </section>

          {can('dtsen:write') && <EnrolPanel region={region} filter={f} selected={[...selected]} total={data.total} onDone={() => setSelected(new Set())} />}

          <section className="page-panel" aria-label={t('targeting.list')}>
            <div className="tg-list-head">
              <h2 className="tg-h2">{t('targeting.list')}</h2>
              <a className="ant-btn" href={exportHref(region, f)} download data-testid="tg-export">
                {t('targeting.export')}
              </a>
            </div>
            {data.items.length === 0 ? (
              <p data-testid="tg-empty">{t('targeting.empty')}</p>
            ) : (
              <DataTable<Candidate>
                data-testid="tg-table"
                rows={data.items}
                rowKey={(r) => r.candidateId}
                columns={[
                  ...(can('dtsen:write')
                    ? [{ key: 'pick', header: t('targeting.pick'), card: 'aside' as const, cell: (r: Candidate) => <Checkbox checked={selected.has(r.candidateId)} onChange={() => toggle(r.candidateId)} aria-label={t('targeting.pickOne', { name: r.name })} /> }]
                    : []),
                  { key: 'name', header: t('targeting.name'), card: 'title', cell: (r) => r.name },
                  { key: 'nik', header: 'NIK', cell: (r) => <span className="tg-nik">{r.nikMasked}</span> },
                  { key: 'village', header: t('targeting.village'), cell: (r) => (r.villageName ? displayRegionName(r.villageName) : '—') },
                  { key: 'decile', header: t('targeting.decile'), numeric: true, cell: (r) => formatNumber(r.decile, lang) },
                  { key: 'occupation', header: t('targeting.occupation'), cell: (r) => r.occupation ?? '—' },
                  { key: 'registered', header: t('targeting.registered'), cell: (r) => (r.registered ? t('targeting.yes') : t('targeting.no')) },
                  ...(f.fundedElsewhere !== 'exclude' ? [{ key: 'funded', header: t('targeting.fundedShort'), cell: (r: Candidate) => (r.fundedElsewhere ? t('targeting.yes') : t('targeting.no')) }] : []),
                ]}
              />
            )}
            <Pager page={f.page} pageSize={data.pageSize} total={Math.min(data.total, 200 * data.pageSize)} onChange={(page) => setF((old) => ({ ...old, page }))} />
          </section>
        </>
      )}
    </div>
  );
}

function exportHref(region: string, f: TargetingFilter) {
  const q = new URLSearchParams({ minDecile: String(f.minDecile), maxDecile: String(f.maxDecile), minAge: String(f.minAge), maxAge: String(f.maxAge), fundedElsewhere: f.fundedElsewhere });
  return `/api/targeting/${encodeURIComponent(region)}/export.xlsx?${q.toString()}`;
}

/** Choose a programme, enrol everyone listed (or the ticked rows); an overrun asks a permitted role to confirm. */
function EnrolPanel({ region, filter, selected, total, onDone }: { region: string; filter: TargetingFilter; selected: number[]; total: number; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const can = useCan();
  const errorText = useErrorMessage();
  const programs = useFundingPrograms(region);
  const [programId, setProgramId] = useState('');
  const [jobId, setJobId] = useState<number>();
  const enrol = useTargetingEnrol(region);
  const job = useTargetingJob(jobId);
  const qc = useQueryClient();
  const finished = job.data?.status === 'done';
  // the enrolled candidates leave the list: reload its page and counts
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: ['targeting', region] });
  }, [finished, qc, region]);
  const bpu = (programs.data?.items ?? []).filter((p) => p.segment === 'BPU' && p.status === 'active');
  const overrun = enrol.error instanceof ApiError && enrol.error.code === 'FUNDING_CAPACITY_EXCEEDED' ? enrol.error : undefined;
  const start = (confirmOverCapacity = false) =>
    enrol.mutate(
      {
        fundingProgramId: Number(programId),
        ...(selected.length
          ? { candidateIds: selected }
          : { minDecile: filter.minDecile, maxDecile: filter.maxDecile, minAge: filter.minAge, maxAge: filter.maxAge }),
        ...(confirmOverCapacity ? { confirmOverCapacity } : {}),
      },
      {
        onSuccess: (r) => {
          setJobId(r.jobId);
          onDone();
        },
      },
    );
  const count = selected.length || total;
  const running = job.data?.status === 'running' || (jobId !== undefined && !job.data);
  return (
    <section className="page-panel tg-enrol" aria-label={t('targeting.enrolTitle')}>
      <h2 className="tg-h2">{t('targeting.enrolTitle')}</h2>
      <div className="tg-enrol-row">
        <label className="tg-field tg-program">
          <span>{t('targeting.program')}</span>
          <NativeSelect data-testid="tg-program" value={programId} onChange={setProgramId} placeholder={t('targeting.chooseProgram')} options={bpu.map((p) => ({ value: String(p.id), label: p.name }))} />
        </label>
        <Button type="primary" size="large" data-testid="tg-enrol" disabled={!programId || count === 0 || enrol.isPending || running} onClick={() => start(false)}>
          {selected.length ? t('targeting.enrolSelected', { n: formatNumber(selected.length, lang) }) : t('targeting.enrolAll', { n: formatNumber(total, lang) })}
        </Button>
      </div>
      {overrun && (
        <Alert
          type="warning"
          showIcon
          data-testid="tg-overrun"
          message={errorText(overrun)}
          action={
            overrun.details.canConfirm && can('funding:override') ? (
              <Button data-testid="tg-confirm" onClick={() => start(true)}>
                {t('targeting.confirmOver')}
              </Button>
            ) : undefined
          }
        />
      )}
      {enrol.error && !overrun && <Alert type="error" showIcon message={errorText(enrol.error)} />}
      {job.data && (
        <div data-testid="tg-job" className="tg-job">
          <ProgressBar value={job.data.progress} label={t('targeting.progress')} />
          {job.data.status === 'done' && (
            <Alert
              type="success"
              showIcon
              data-testid="tg-job-done"
              message={t('targeting.enrolled', { n: formatNumber(job.data.enrolled, lang), skipped: formatNumber(job.data.skippedTotal, lang) })}
              description={
                <>
                  {job.data.skipped.slice(0, 10).map((s) => (
                    <div key={s.candidateId}>{lang === 'en' ? s.messageEn : s.message}</div>
                  ))}
                  <Link to={`/pendanaan/${job.data.fundingProgramId}`}>{t('targeting.toProgram')}</Link> · <Link to="/pekerja">{t('targeting.toRegistry')}</Link>
                </>
              }
            />
          )}
          {job.data.status === 'failed' && job.data.error && <Alert type="error" showIcon message={lang === 'en' ? job.data.error.messageEn : job.data.error.message} />}
        </div>
      )}
    </section>
  );
}
