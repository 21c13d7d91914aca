import { Alert, Button, Checkbox, Input, Radio } from 'antd';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { CreatedWorker, Issue, Me } from '../../api/types';
import type { Sex } from '../../../../src/domain/nik';
import { type Group, GROUP_SEGMENTS, GROUPS, MANDATORY_PROGRAMS, type Program, PROGRAMS, type Segment, SEGMENTS } from '../../../../src/domain/worker';
import { useCreateWorker } from '../../api/use-create-worker';
import { useMe } from '../../api/use-me';
import { canWriteWorkers } from '../../auth/permissions';
import { FormField } from '../../components/form-field';
import { CheckIcon, UploadIcon, UsersIcon } from '../../components/icons';
import { NativeSelect } from '../../components/native-select';
import { StatusMessage } from '../../components/status-message';
import { useErrorMessage } from '../../lib/use-error-message';
import { levelOfCode, VillagePicker } from './village-picker';
import {
  factsFromNik,
  FIELD_ORDER,
  formFieldOf,
  maskDateInput,
  parseDisplayDate,
  parseIncome,
  toNewWorker,
  type FormFieldName,
  type WorkerFormValues,
} from './worker-form-values';
import { FundingProgramPicker } from '../funding/funding-program-picker';
import './workers.css';

type ClientErrorKey =
  | 'workerForm.nikInvalid'
  | 'workerForm.nameRequired'
  | 'workerForm.birthDateInvalid'
  | 'workerForm.sexRequired'
  | 'workerForm.villageRequired'
  | 'workerForm.groupRequired'
  | 'workerForm.segmentRequired'
  | 'workerForm.incomeInvalid';

const EMPTY: WorkerFormValues = {
  nik: '',
  name: '',
  birthDate: '',
  sex: '',
  villagePath: [],
  address: '',
  phone: '',
  occupation: '',
  enrol: true,
  group: '',
  segment: '',
  programs: [...MANDATORY_PROGRAMS],
  income: '',
  fundingSource: '',
};

/** The village chosen in the form, or '' while the picker has not reached a village. */
function villageCodeOf(me: Me, path: string[]): string {
  if (levelOfCode(me.regionCode) === 'village') return me.regionCode;
  const last = path.at(-1);
  return last && levelOfCode(last) === 'village' ? last : '';
}

function validate(v: WorkerFormValues, villageCode: string): Partial<Record<FormFieldName, ClientErrorKey>> {
  const e: Partial<Record<FormFieldName, ClientErrorKey>> = {};
  if (!/^\d{16}$/.test(v.nik.trim())) e.nik = 'workerForm.nikInvalid';
  if (!v.name.trim()) e.name = 'workerForm.nameRequired';
  if (!parseDisplayDate(v.birthDate)) e.birthDate = 'workerForm.birthDateInvalid';
  if (!v.sex) e.sex = 'workerForm.sexRequired';
  if (!villageCode) e.villageCode = 'workerForm.villageRequired';
  if (v.enrol) {
    if (!v.group) e.group = 'workerForm.groupRequired';
    if (!v.segment) e.segment = 'workerForm.segmentRequired';
    if (parseIncome(v.income) === undefined) e.declaredIncome = 'workerForm.incomeInvalid';
  }
  return e;
}

/** Single entry of one worker "by name by address", short enough to fill in on a phone. */
export default function WorkerFormPage() {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const me = useMe().data as Me;
  const navigate = useNavigate();
  const create = useCreateWorker();
  const [values, setValues] = useState<WorkerFormValues>(EMPTY);
  const [clientErrors, setClientErrors] = useState<Partial<Record<FormFieldName, ClientErrorKey>>>({});
  const [serverIssues, setServerIssues] = useState<Partial<Record<FormFieldName, Issue>>>({});
  const [unplaced, setUnplaced] = useState<Issue[]>([]);
  const [filledFromNik, setFilledFromNik] = useState(false);
  const [saved, setSaved] = useState<CreatedWorker | null>(null);
  const base = useId();
  const fieldId = (f: FormFieldName) => `${base}-${f}`;
  const en = i18n.language === 'en';

  useEffect(() => {
    document.title = `${t('workerForm.title')} · ${t('app.name')}`;
  }, [t]);

  if (!canWriteWorkers(me.role)) {
    return <StatusMessage tone="warning" title={t('errors.noWriteTitle')} text={t('errors.noWriteAccess')} />;
  }

  const villageCode = villageCodeOf(me, values.villagePath);
  const errorOf = (f: FormFieldName): string | undefined => {
    const c = clientErrors[f];
    if (c) return t(c);
    const s = serverIssues[f];
    return s ? (en ? s.messageEn : s.message) : undefined;
  };

  const set = <K extends keyof WorkerFormValues>(key: K, value: WorkerFormValues[K], field?: FormFieldName) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) {
      setClientErrors((e) => ({ ...e, [field]: undefined }));
      setServerIssues((e) => ({ ...e, [field]: undefined }));
    }
  };

  const onNik = (raw: string) => {
    const nik = raw.replace(/\D/g, '').slice(0, 16);
    const facts = factsFromNik(nik);
    // A complete NIK fills in birth date and sex when both are still empty (the user checks them).
    if (facts && !values.birthDate && !values.sex) {
      setValues((v) => ({ ...v, nik, birthDate: facts.birthDate, sex: facts.sex }));
      setFilledFromNik(true);
    } else {
      setValues((v) => ({ ...v, nik }));
    }
    setClientErrors((e) => ({ ...e, nik: undefined }));
    setServerIssues((e) => ({ ...e, nik: undefined }));
  };

  const onGroup = (value: string) => {
    const group = value as Group | '';
    const allowed: readonly Segment[] = group ? GROUP_SEGMENTS[group] : SEGMENTS;
    setValues((v) => {
      const segment = v.segment && allowed.includes(v.segment) ? v.segment : allowed.length === 1 ? allowed[0]! : '';
      return { ...v, group, segment, programs: segment === 'BPU' ? v.programs.filter((p) => p !== 'JP') : v.programs };
    });
    setClientErrors((e) => ({ ...e, group: undefined, segment: undefined }));
    setServerIssues((e) => ({ ...e, group: undefined, segment: undefined }));
  };

  const onSegment = (value: string) => {
    const segment = value as Segment | '';
    setValues((v) => ({ ...v, segment, programs: segment === 'BPU' ? v.programs.filter((p) => p !== 'JP') : v.programs }));
    setClientErrors((e) => ({ ...e, segment: undefined }));
    setServerIssues((e) => ({ ...e, segment: undefined, programs: undefined }));
  };

  const focusFirst = (fields: Iterable<FormFieldName>) => {
    const invalid = new Set(fields);
    const first = FIELD_ORDER.find((f) => invalid.has(f));
    if (!first) return;
    const el = document.getElementById(fieldId(first));
    const target = el && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) ? el : el?.querySelector<HTMLElement>('input:not([disabled]),select,textarea');
    target?.focus();
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs = validate(values, villageCode);
    setClientErrors(errs);
    setServerIssues({});
    setUnplaced([]);
    const invalid = (Object.keys(errs) as FormFieldName[]).filter((k) => errs[k]);
    if (invalid.length) {
      create.reset();
      focusFirst(invalid);
      return;
    }
    create.mutate(toNewWorker(values, villageCode), {
      onSuccess: (worker) => {
        setSaved(worker);
        window.scrollTo({ top: 0 });
      },
      onError: (err) => {
        if (!(err instanceof ApiError)) return;
        const issues: Issue[] = err.issues.length
          ? err.issues
          : err.field
            ? [{ field: err.field, code: err.code, message: err.message, messageEn: err.messageEn }]
            : [];
        const byField: Partial<Record<FormFieldName, Issue>> = {};
        const rest: Issue[] = [];
        for (const issue of issues) {
          const f = formFieldOf(issue.field);
          if (f) byField[f] ??= issue;
          else rest.push(issue);
        }
        setServerIssues(byField);
        setUnplaced(rest);
        focusFirst(Object.keys(byField) as FormFieldName[]);
      },
    });
  };

  const addAnother = () => {
    // Same village and enrolment settings: a village secretary usually enters several neighbours in a row.
    setValues((v) => ({ ...EMPTY, villagePath: v.villagePath, enrol: v.enrol, group: v.group, segment: v.segment, programs: v.programs, fundingSource: v.fundingSource, income: v.income, fundingProgramId: v.fundingProgramId }));
    setSaved(null);
    setFilledFromNik(false);
    create.reset();
    window.scrollTo({ top: 0 });
    setTimeout(() => document.getElementById(fieldId('nik'))?.focus(), 0);
  };

  if (saved) {
    const warnings = saved.warnings ?? [];
    return (
      <div className="wf" data-testid="worker-saved">
        <StatusMessage
          tone="success"
          title={t('workerForm.savedTitle')}
          text={t('workerForm.savedText', { name: saved.name, nik: saved.nik })}
          actions={
            <>
              <Button type="primary" size="large" onClick={addAnother}>
                {t('workerForm.addAnother')}
              </Button>
              <Button size="large" icon={<UsersIcon />} onClick={() => navigate('/pekerja')}>
                {t('workerForm.toList')}
              </Button>
            </>
          }
        />
        {warnings.length > 0 && (
          <Alert
            className="wf-alert"
            type="warning"
            showIcon
            title={t('workerForm.warningsTitle')}
            description={
              <ul className="wf-issues">
                {warnings.map((w, i) => (
                  <li key={i}>{en ? w.messageEn : w.message}</li>
                ))}
              </ul>
            }
          />
        )}
      </div>
    );
  }

  const busy = create.isPending;
  const allowedSegments: readonly Segment[] = values.group ? GROUP_SEGMENTS[values.group] : SEGMENTS;
  const bpu = values.segment === 'BPU';
  const serverFailed = create.isError;
  const validationFailed = create.error instanceof ApiError && create.error.status === 422;

  return (
    <div className="wf">
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('workerForm.title')}</h1>
          <p className="page-subtitle">
            {t('workerForm.intro')}{' '}
            <Link to="/impor" className="wf-import-link">
              <UploadIcon /> {t('nav.import')}
            </Link>
          </p>
        </div>
      </header>

      {serverFailed && (
        <Alert
          className="wf-alert"
          type="error"
          showIcon
          role="alert"
          title={t('workerForm.failedTitle')}
          description={
            <>
              <div>{validationFailed ? t('workerForm.fixFields') : describe(create.error)}</div>
              {unplaced.length > 0 && (
                <ul className="wf-issues">
                  {unplaced.map((u, i) => (
                    <li key={i}>{en ? u.messageEn : u.message}</li>
                  ))}
                </ul>
              )}
            </>
          }
        />
      )}

      <form className="page-panel wf-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <h2 className="wf-section">{t('workerForm.sectionPerson')}</h2>
        <div className="wf-grid">
          <FormField id={fieldId('nik')} label={t('workerForm.nik')} hint={t('workerForm.nikHint')} error={errorOf('nik')}>
            {(p) => (
              <Input
                {...p}
                size="large"
                value={values.nik}
                onChange={(e) => onNik(e.target.value)}
                inputMode="numeric"
                autoComplete="off"
                maxLength={16}
                status={errorOf('nik') ? 'error' : undefined}
                disabled={busy}
                className="wf-mono"
              />
            )}
          </FormField>
          <FormField id={fieldId('name')} label={t('workerForm.name')} error={errorOf('name')}>
            {(p) => (
              <Input
                {...p}
                size="large"
                value={values.name}
                onChange={(e) => set('name', e.target.value, 'name')}
                autoComplete="off"
                autoCapitalize="words"
                maxLength={200}
                status={errorOf('name') ? 'error' : undefined}
                disabled={busy}
              />
            )}
          </FormField>
          <FormField
            id={fieldId('birthDate')}
            label={t('workerForm.birthDate')}
            hint={filledFromNik ? t('workerForm.filledFromNik') : t('workerForm.birthDateHint')}
            error={errorOf('birthDate')}
          >
            {(p) => (
              <Input
                {...p}
                size="large"
                value={values.birthDate}
                onChange={(e) => {
                  set('birthDate', maskDateInput(e.target.value), 'birthDate');
                  setFilledFromNik(false);
                }}
                inputMode="numeric"
                placeholder="dd/mm/yyyy"
                autoComplete="off"
                maxLength={10}
                status={errorOf('birthDate') ? 'error' : undefined}
                disabled={busy}
                className="wf-mono"
              />
            )}
          </FormField>
          <FormField group label={t('workerForm.sex')} error={errorOf('sex')}>
            {(p) => (
              <div id={fieldId('sex')}>
                <Radio.Group
                  aria-invalid={p['aria-invalid']}
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  value={values.sex || undefined}
                  onChange={(e) => {
                    set('sex', e.target.value as Sex, 'sex');
                    setFilledFromNik(false);
                  }}
                  disabled={busy}
                  className="wf-sex"
                  options={(['L', 'P'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
                />
              </div>
            )}
          </FormField>
          <FormField
            id={fieldId('villageCode')}
            className="wf-wide"
            label={t('workerForm.village')}
            hint={levelOfCode(me.regionCode) === 'village' ? t('workerForm.villageFixed') : undefined}
            error={errorOf('villageCode')}
          >
            {(p) => (
              <VillagePicker
                me={me}
                path={values.villagePath}
                onChange={(path) => set('villagePath', path, 'villageCode')}
                control={p}
                invalid={Boolean(errorOf('villageCode'))}
                disabled={busy}
              />
            )}
          </FormField>
          <FormField id={fieldId('address')} className="wf-wide" label={t('workerForm.address')} hint={t('workerForm.addressHint')} error={errorOf('address')}>
            {(p) => (
              <Input.TextArea
                {...p}
                value={values.address}
                onChange={(e) => set('address', e.target.value, 'address')}
                autoSize={{ minRows: 2, maxRows: 4 }}
                maxLength={500}
                status={errorOf('address') ? 'error' : undefined}
                disabled={busy}
              />
            )}
          </FormField>
          <FormField id={fieldId('phone')} optional label={t('workerForm.phone')} error={errorOf('phone')}>
            {(p) => (
              <Input
                {...p}
                size="large"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                value={values.phone}
                onChange={(e) => set('phone', e.target.value, 'phone')}
                maxLength={20}
                status={errorOf('phone') ? 'error' : undefined}
                disabled={busy}
              />
            )}
          </FormField>
          <FormField id={fieldId('occupation')} optional label={t('workerForm.occupation')} error={errorOf('occupation')}>
            {(p) => (
              <Input
                {...p}
                size="large"
                value={values.occupation}
                onChange={(e) => set('occupation', e.target.value, 'occupation')}
                maxLength={120}
                status={errorOf('occupation') ? 'error' : undefined}
                disabled={busy}
              />
            )}
          </FormField>
        </div>

        <h2 className="wf-section">{t('workerForm.sectionEnrolment')}</h2>
        <Checkbox checked={values.enrol} onChange={(e) => set('enrol', e.target.checked)} disabled={busy} className="wf-enrol">
          {t('workerForm.enrol')}
        </Checkbox>
        {values.enrol && (
          <div className="wf-grid">
            <FormField id={fieldId('group')} label={t('workerForm.group')} error={errorOf('group')}>
              {(p) => (
                <NativeSelect
                  {...p}
                  value={values.group}
                  onChange={onGroup}
                  placeholder={t('workerForm.groupChoose')}
                  options={GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
                  invalid={Boolean(errorOf('group'))}
                  disabled={busy}
                />
              )}
            </FormField>
            <FormField id={fieldId('segment')} label={t('workerForm.segment')} error={errorOf('segment')}>
              {(p) => (
                <NativeSelect
                  {...p}
                  value={values.segment}
                  onChange={onSegment}
                  placeholder={t('workerForm.segmentChoose')}
                  options={allowedSegments.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
                  invalid={Boolean(errorOf('segment'))}
                  disabled={busy}
                />
              )}
            </FormField>
            <FormField group className="wf-wide" label={t('workerForm.programs')} hint={bpu ? t('workerForm.jpNotBpu') : undefined} error={errorOf('programs')}>
              {() => (
                <div id={fieldId('programs')} className="wf-programs">
                  {PROGRAMS.map((prog: Program) => {
                    const mandatory = MANDATORY_PROGRAMS.includes(prog);
                    return (
                      <Checkbox
                        key={prog}
                        className={mandatory ? 'wf-program-locked' : undefined}
                        checked={mandatory || values.programs.includes(prog)}
                        disabled={busy || mandatory || (prog === 'JP' && bpu)}
                        onChange={(e) =>
                          set('programs', e.target.checked ? [...values.programs, prog] : values.programs.filter((x) => x !== prog), 'programs')
                        }
                      >
                        <strong>{prog}</strong> <span className="wf-program-name">{t(`programs.${prog}`)}</span>
                        {mandatory && <span className="wf-mandatory"> ({t('workerForm.mandatory')})</span>}
                      </Checkbox>
                    );
                  })}
                </div>
              )}
            </FormField>
            <FormField
              id={fieldId('declaredIncome')}
              optional
              label={t('workerForm.income')}
              hint={bpu ? t('workerForm.incomeHint') : undefined}
              error={errorOf('declaredIncome')}
            >
              {(p) => (
                <Input
                  {...p}
                  size="large"
                  inputMode="numeric"
                  autoComplete="off"
                  prefix="Rp"
                  value={values.income}
                  onChange={(e) => set('income', e.target.value, 'declaredIncome')}
                  maxLength={20}
                  status={errorOf('declaredIncome') ? 'error' : undefined}
                  disabled={busy}
                />
              )}
            </FormField>
            {/* funding (issue 4): pick the payer programme; the free text below stays for payers not set up yet */}
            <FundingProgramPicker
              villageCode={villageCode}
              segment={values.segment}
              value={values.fundingProgramId ?? ''}
              confirm={values.confirmOverCapacity ?? false}
              disabled={busy}
              onChange={(id, name) => setValues((v) => ({ ...v, fundingProgramId: id, fundingSource: name ?? v.fundingSource }))}
              onConfirm={(confirmOverCapacity) => setValues((v) => ({ ...v, confirmOverCapacity }))}
            />
            <FormField id={fieldId('fundingSource')} optional label={t('workerForm.fundingSource')} hint={t('workerForm.fundingHint')} error={errorOf('fundingSource')}>
              {(p) => (
                <Input
                  {...p}
                  size="large"
                  value={values.fundingSource}
                  onChange={(e) => set('fundingSource', e.target.value, 'fundingSource')}
                  maxLength={200}
                  status={errorOf('fundingSource') ? 'error' : undefined}
                  disabled={busy}
                />
              )}
            </FormField>
          </div>
        )}

        <div className="wf-actions">
          <Button type="primary" htmlType="submit" size="large" icon={<CheckIcon />} loading={busy} className="wf-submit">
            {t('workerForm.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
