import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOf } from '../../../../src/domain/region-code';
import { GROUP_SEGMENTS, MANDATORY_PROGRAMS, SEGMENTS } from '../../../../src/domain/worker';
import { ApiError } from '../../api/client';
import type { Group, Segment } from '../../../../src/domain/worker';
import type { CreatedWorker, Issue, Me } from '../../api/types';
import { useCreateWorker } from '../../api/use-create-worker';
import { dropDraft, keepDraft, takeDraft } from '../../lib/form-draft';
import { checkForm, factsFromNik, FIELD_ORDER, formFieldOf, toNewWorker, type FieldMessage, type FormFieldName, type WorkerFormValues } from './worker-form-values';

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
  if (levelOf(me.regionCode) === 'village') return me.regionCode;
  const last = path.at(-1);
  return last && levelOf(last) === 'village' ? last : '';
}

/** The key of this form's draft (form-draft.ts). */
const DRAFT = 'worker';

const dropJpForBpu = (segment: Segment | '', programs: WorkerFormValues['programs']) => (segment === 'BPU' ? programs.filter((p) => p !== 'JP') : programs);

/**
 * State of the worker form: values, one message per field (from the domain's rules before sending,
 * from the server after), saving, and "add another" with the same village and enrolment settings.
 */
export function useWorkerForm(me: Me) {
  const { t, i18n } = useTranslation();
  const create = useCreateWorker();
  // a draft left by a session that expired while sending: restored, and sent again below
  const [draft] = useState(() => takeDraft<WorkerFormValues>(DRAFT, me.username));
  const [values, setValues] = useState<WorkerFormValues>(draft ?? EMPTY);
  const restored = draft !== undefined;
  const [errors, setErrors] = useState<Partial<Record<FormFieldName, FieldMessage>>>({});
  const [unplaced, setUnplaced] = useState<Issue[]>([]);
  const [filledFromNik, setFilledFromNik] = useState(false);
  const [saved, setSaved] = useState<CreatedWorker | null>(null);
  const base = useId();
  const fieldId = (f: FormFieldName) => `${base}-${f}`;
  const en = i18n.language === 'en';
  const villageCode = villageCodeOf(me, values.villagePath);

  const errorOf = (f: FormFieldName): string | undefined => {
    const m = errors[f];
    if (!m) return undefined;
    return 'prompt' in m ? t(m.prompt) : en ? m.message.en : m.message.id;
  };
  const clear = (...fields: FormFieldName[]) => setErrors((e) => ({ ...e, ...Object.fromEntries(fields.map((f) => [f, undefined])) }));

  /** Changes one value; `field` is the message it clears. A typed birth date or sex is no longer "from the NIK". */
  const set = <K extends keyof WorkerFormValues>(key: K, value: WorkerFormValues[K], field?: FormFieldName) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (key === 'birthDate' || key === 'sex') setFilledFromNik(false);
    if (field) clear(field);
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
    clear('nik');
  };

  const onGroup = (value: string) => {
    const group = value as Group | '';
    const allowed: readonly Segment[] = group ? GROUP_SEGMENTS[group] : SEGMENTS;
    setValues((v) => {
      const segment = v.segment && allowed.includes(v.segment) ? v.segment : allowed.length === 1 ? allowed[0]! : '';
      return { ...v, group, segment, programs: dropJpForBpu(segment, v.programs) };
    });
    clear('group', 'segment');
  };

  const onSegment = (value: string) => {
    const segment = value as Segment | '';
    setValues((v) => ({ ...v, segment, programs: dropJpForBpu(segment, v.programs) }));
    clear('segment', 'programs');
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

  const onSubmit = (e?: FormEvent) => {
    e?.preventDefault();
    send(values);
  };

  const send = (values: WorkerFormValues) => {
    const villageCode = villageCodeOf(me, values.villagePath);
    const problems = checkForm(values, villageCode);
    setErrors(problems);
    setUnplaced([]);
    const invalid = Object.keys(problems) as FormFieldName[];
    if (invalid.length) {
      create.reset();
      focusFirst(invalid);
      return;
    }
    // kept until the server answers: a 401 unmounts the form (sign-in again), and the draft waits for it
    keepDraft(DRAFT, me.username, values);
    create.mutate(toNewWorker(values, villageCode), {
      onSettled: (_d, err) => {
        if (!(err instanceof ApiError && err.status === 401)) dropDraft(DRAFT);
      },
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
        const byField: Partial<Record<FormFieldName, FieldMessage>> = {};
        const rest: Issue[] = [];
        for (const issue of issues) {
          const f = formFieldOf(issue.field);
          if (f) byField[f] ??= { message: { id: issue.message, en: issue.messageEn } };
          else rest.push(issue);
        }
        setErrors(byField);
        setUnplaced(rest);
        focusFirst(Object.keys(byField) as FormFieldName[]);
      },
    });
  };

  // back after signing in again: send what the expired session could not
  const resent = useRef(false);
  useEffect(() => {
    if (draft && !resent.current) {
      resent.current = true;
      send(draft);
    }
    // once, on mount
  }, []);

  const addAnother = () => {
    // Same village and enrolment settings: a village secretary usually enters several neighbours in a row.
    setValues((v) => ({ ...EMPTY, villagePath: v.villagePath, enrol: v.enrol, group: v.group, segment: v.segment, programs: v.programs, fundingSource: v.fundingSource, income: v.income, fundingProgramId: v.fundingProgramId }));
    setSaved(null);
    setFilledFromNik(false);
    create.reset();
    window.scrollTo({ top: 0 });
    setTimeout(() => document.getElementById(fieldId('nik'))?.focus(), 0);
  };

  return { values, setValues, set, onNik, onGroup, onSegment, errorOf, fieldId, filledFromNik, villageCode, onSubmit, addAnother, saved, unplaced, create, busy: create.isPending, restored };
}

export type WorkerForm = ReturnType<typeof useWorkerForm>;
