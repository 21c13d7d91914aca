import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useFundingPrograms } from '../../api/use-funding-programs';
import { useCohorts, useCreateCohort, useCreateProject, useProjects } from '../../api/use-projects';
import { DataTable } from '../../components/data-table';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { useUser } from '../../lib/use-user';
import { NATIONAL } from '../../../../src/domain/region-code';
import { parseRupiah, RupiahInput } from '../funding/rupiah-input';
import '../workers/workers.css';
import '../funding/funding.css';
import './projects.css';

/** Error text of one field of a failed write, in the chosen language. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  const i = error instanceof ApiError ? error.issues.find((x) => x.field === `body.${field}`) : undefined;
  return i ? (currentLang() === 'en' ? i.messageEn : i.message) : undefined;
}

/** The region's construction projects and election ad hoc cohorts: status, cost, flags, who is covered today. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t('projects.title'));
  const lang = currentLang();
  const can = useCan();
  const projects = useProjects();
  const cohorts = useCohorts();
  const [open, setOpen] = useState<'project' | 'cohort' | null>(null);
  const writer = can('project:write');
  return (
    <div>
      <div className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('projects.title')}</h1>
          <p className="page-subtitle">{t('projects.subtitle')}</p>
        </div>
        {writer && !open && (
          <div className="page-actions">
            <Button type="primary" onClick={() => setOpen('project')}>
              {t('projects.newProject')}
            </Button>
            <Button onClick={() => setOpen('cohort')}>{t('projects.newCohort')}</Button>
          </div>
        )}
      </div>
      {open === 'project' && <NewProjectForm onCancel={() => setOpen(null)} />}
      {open === 'cohort' && <NewCohortForm onCancel={() => setOpen(null)} />}
      <section className="page-panel" aria-labelledby="pj-projects">
        <h2 id="pj-projects" className="wf-section">
          {t('projects.projectsTitle')}
        </h2>
        {projects.data?.items.length ? (
          <DataTable
            compact
            columns={[
              { key: 'name', header: t('projects.name'), card: 'title', cell: (p) => <Link to={`/proyek/${p.id}`}>{p.name}</Link> },
              { key: 'village', header: t('projects.village'), cell: (p) => p.villageName },
              { key: 'status', header: t('projects.status'), card: 'aside', cell: (p) => t(`projects.statuses.${p.status}`) },
              { key: 'total', header: t('projects.contribution'), numeric: true, cell: (p) => formatRupiah(p.contribution.total, lang) },
              { key: 'outstanding', header: t('projects.outstanding'), numeric: true, cell: (p) => formatRupiah(p.outstanding, lang) },
              {
                key: 'flags',
                header: t('projects.deadline'),
                cell: (p) => (
                  <>
                    {formatDate(p.registrationDeadline)}
                    {p.late && <span className="pj-flag"> {t('projects.late')}</span>}
                    {p.unpaid && <span className="pj-flag"> {t('projects.unpaid')}</span>}
                  </>
                ),
              },
              { key: 'covered', header: t('projects.coveredToday'), numeric: true, cell: (p) => `${formatNumber(p.coveredToday, lang)} / ${formatNumber(p.workers, lang)}` },
            ]}
            rows={projects.data.items}
            rowKey={(p) => p.id}
          />
        ) : (
          <p className="fd-muted">{projects.isPending ? t('app.loading') : t('projects.empty')}</p>
        )}
      </section>
      <section className="page-panel" aria-labelledby="pj-cohorts">
        <h2 id="pj-cohorts" className="wf-section">
          {t('projects.cohortsTitle')}
        </h2>
        {cohorts.data?.items.length ? (
          <DataTable
            compact
            columns={[
              { key: 'name', header: t('projects.name'), card: 'title', cell: (c) => <Link to={`/proyek/kohort/${c.id}`}>{c.name}</Link> },
              { key: 'organiser', header: t('projects.organiser'), cell: (c) => `${c.organiser === 'KPU' ? 'KPU' : 'Bawaslu'} ${c.regionName}` },
              { key: 'period', header: t('projects.period'), cell: (c) => `${formatDate(c.startDate)} – ${formatDate(c.endDate)}` },
              { key: 'status', header: t('projects.status'), card: 'aside', cell: (c) => t(`projects.statuses.${c.status}`) },
              { key: 'cost', header: t('projects.cost'), numeric: true, cell: (c) => formatRupiah(c.cost, lang) },
              { key: 'covered', header: t('projects.coveredToday'), numeric: true, cell: (c) => `${formatNumber(c.coveredToday, lang)} / ${formatNumber(c.workers, lang)}` },
            ]}
            rows={cohorts.data.items}
            rowKey={(c) => c.id}
          />
        ) : (
          <p className="fd-muted">{cohorts.isPending ? t('app.loading') : t('projects.empty')}</p>
        )}
      </section>
    </div>
  );
}

function ProgramSelect({ region, value, onChange, error, segment }: { region: string; value: string; onChange: (v: string) => void; error?: string | undefined; segment?: string }) {
  const { t } = useTranslation();
  const list = useFundingPrograms(region || undefined);
  const options = (list.data?.items ?? []).filter((p) => p.status === 'active' && (!segment || p.segment === segment));
  return (
    <FormField label={t('projects.program')} error={error}>
      {(c) => <NativeSelect {...c} value={value} onChange={onChange} placeholder={t('projects.programNone')} options={options.map((p) => ({ value: String(p.id), label: `${p.name} (${p.fiscalYear})` }))} />}
    </FormField>
  );
}

function NewProjectForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const navigate = useNavigate();
  const errorText = useErrorMessage();
  const create = useCreateProject();
  const [v, setV] = useState({ name: '', villageCode: me.regionCode.length > 10 ? me.regionCode : '', contractValue: '', wagesTotal: '', spkDate: '', startDate: '', endDate: '', fundingProgramId: '', executor: 'swakelola' });
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const err = (f: string) => fieldErrorOf(create.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wages = parseRupiah(v.wagesTotal);
    create.mutate(
      {
        name: v.name.trim(),
        villageCode: v.villageCode.trim(),
        contractValue: parseRupiah(v.contractValue) ?? 0,
        spkDate: v.spkDate,
        startDate: v.startDate,
        endDate: v.endDate,
        fundingProgramId: Number(v.fundingProgramId || 0),
        executor: v.executor as 'swakelola' | 'contractor',
        ...(wages ? { wagesTotal: wages } : {}),
      },
      { onSuccess: (p) => navigate(`/proyek/${p.id}`) },
    );
  };
  return (
    <form className="page-panel" onSubmit={submit} aria-label={t('projects.newProject')}>
      <h2 className="wf-section">{t('projects.newProject')}</h2>
      {create.error && <Alert type="error" showIcon title={errorText(create.error)} className="wf-alert" />}
      <div className="fd-grid">
        <FormField label={t('projects.name')} error={err('name')}>{(c) => <Input {...c} value={v.name} onChange={(e) => set('name')(e.target.value)} />}</FormField>
        <FormField label={t('projects.village')} hint={t('projects.villageHint')} error={err('villageCode')}>
          {(c) => <Input {...c} value={v.villageCode} onChange={(e) => set('villageCode')(e.target.value)} />}
        </FormField>
        <FormField label={t('projects.contractValue')} error={err('contractValue')}>{(c) => <RupiahInput {...c} value={v.contractValue} onChange={set('contractValue')} />}</FormField>
        <FormField optional label={t('projects.wagesTotal')} hint={t('projects.wagesHint')} error={err('wagesTotal')}>
          {(c) => <RupiahInput {...c} value={v.wagesTotal} onChange={set('wagesTotal')} />}
        </FormField>
        <FormField label={t('projects.spkDate')} error={err('spkDate')}>{(c) => <Input {...c} type="date" value={v.spkDate} onChange={(e) => set('spkDate')(e.target.value)} />}</FormField>
        <FormField label={t('projects.startDate')} error={err('startDate')}>{(c) => <Input {...c} type="date" value={v.startDate} onChange={(e) => set('startDate')(e.target.value)} />}</FormField>
        <FormField label={t('projects.endDate')} error={err('endDate')}>{(c) => <Input {...c} type="date" value={v.endDate} onChange={(e) => set('endDate')(e.target.value)} />}</FormField>
        <FormField label={t('projects.executor')}>
          {(c) => <NativeSelect {...c} value={v.executor} onChange={set('executor')} options={(['swakelola', 'contractor'] as const).map((x) => ({ value: x, label: t(`projects.executors.${x}`) }))} />}
        </FormField>
        <ProgramSelect region={v.villageCode.trim()} value={v.fundingProgramId} onChange={set('fundingProgramId')} error={err('fundingProgramId')} />
      </div>
      <div className="page-actions">
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('projects.save')}
        </Button>
        <Button onClick={onCancel}>{t('projects.cancel')}</Button>
      </div>
    </form>
  );
}

function NewCohortForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const navigate = useNavigate();
  const errorText = useErrorMessage();
  const create = useCreateCohort();
  const [v, setV] = useState({ name: '', organiser: 'KPU', regionCode: me.regionCode === NATIONAL ? '' : me.regionCode, election: '', stage: '', startDate: '', endDate: '', fundingProgramId: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const err = (f: string) => fieldErrorOf(create.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        name: v.name.trim(),
        organiser: v.organiser as 'KPU' | 'BAWASLU',
        regionCode: v.regionCode.trim(),
        election: v.election.trim(),
        stage: v.stage.trim(),
        startDate: v.startDate,
        endDate: v.endDate,
        fundingProgramId: Number(v.fundingProgramId || 0),
      },
      { onSuccess: (c) => navigate(`/proyek/kohort/${c.id}`) },
    );
  };
  return (
    <form className="page-panel" onSubmit={submit} aria-label={t('projects.newCohort')}>
      <h2 className="wf-section">{t('projects.newCohort')}</h2>
      {create.error && <Alert type="error" showIcon title={errorText(create.error)} className="wf-alert" />}
      <div className="fd-grid">
        <FormField label={t('projects.name')} error={err('name')}>{(c) => <Input {...c} value={v.name} onChange={(e) => set('name')(e.target.value)} />}</FormField>
        <FormField label={t('projects.organiser')}>
          {(c) => <NativeSelect {...c} value={v.organiser} onChange={set('organiser')} options={[{ value: 'KPU', label: 'KPU' }, { value: 'BAWASLU', label: 'Bawaslu' }]} />}
        </FormField>
        <FormField label={t('projects.region')} hint={t('projects.regionHint')} error={err('regionCode')}>
          {(c) => <Input {...c} value={v.regionCode} onChange={(e) => set('regionCode')(e.target.value)} />}
        </FormField>
        <FormField optional label={t('projects.election')}>{(c) => <Input {...c} value={v.election} onChange={(e) => set('election')(e.target.value)} />}</FormField>
        <FormField optional label={t('projects.stage')}>{(c) => <Input {...c} value={v.stage} onChange={(e) => set('stage')(e.target.value)} />}</FormField>
        <FormField label={t('projects.startDate')} error={err('startDate')}>{(c) => <Input {...c} type="date" value={v.startDate} onChange={(e) => set('startDate')(e.target.value)} />}</FormField>
        <FormField label={t('projects.endDate')} error={err('endDate')}>{(c) => <Input {...c} type="date" value={v.endDate} onChange={(e) => set('endDate')(e.target.value)} />}</FormField>
        <ProgramSelect region={v.regionCode.trim()} segment="BPU" value={v.fundingProgramId} onChange={set('fundingProgramId')} error={err('fundingProgramId')} />
      </div>
      <div className="page-actions">
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('projects.save')}
        </Button>
        <Button onClick={onCancel}>{t('projects.cancel')}</Button>
      </div>
    </form>
  );
}
