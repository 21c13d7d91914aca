import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { SIZE_CLASSES as SIZES } from '../../../../src/domain/compliance';
import { NATIONAL } from '../../../../src/domain/region-code';
import { PROGRAMS } from '../../../../src/domain/worker';
import type { Employer } from '../../../../src/modules/employers/schemas';
import { useEmployer } from '../../api/use-employer';
import { useUser } from '../../lib/use-user';
import { type EmployerInput, useSaveEmployer } from '../../api/use-save-employer';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { useErrorMessage } from '../../lib/use-error-message';
import { VillagePicker, type VillagePath } from '../workers/village-picker';
import './compliance.css';

const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(/[^\d]/g, '')));

/** Register an employer, or correct one (`/kepatuhan/perusahaan/:id/ubah`); the findings follow at once. */
export default function EmployerFormPage() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const me = useUser();
  const navigate = useNavigate();
  const param = useParams().id;
  const id = param ? Number(param) : undefined;
  const existing = useEmployer(id ?? 0, id !== undefined);
  const save = useSaveEmployer(id);
  const [v, setV] = useState({ name: '', npp: '', nib: '', sector: '', sizeClass: 'small' as Employer['sizeClass'], address: '', employeesDeclared: '', workersRegistered: '0', wageReported: '', wageActual: '' });
  const [programs, setPrograms] = useState<Set<string>>(new Set());
  const [path, setPath] = useState<VillagePath>([]);

  useEffect(() => {
    const e = existing.data;
    if (!id || !e) return;
    setV({ name: e.name, npp: e.npp ?? '', nib: e.nib ?? '', sector: e.sector, sizeClass: e.sizeClass, address: e.address, employeesDeclared: String(e.employeesDeclared), workersRegistered: String(e.workersRegistered), wageReported: e.wageReported?.toString() ?? '', wageActual: e.wageActual?.toString() ?? '' });
    setPrograms(new Set(e.programs));
    const parts = e.region.split('.');
    const depth = me.regionCode === NATIONAL ? 0 : me.regionCode.split('.').length;
    setPath(parts.map((_, i) => parts.slice(0, i + 1).join('.')).slice(depth));
  }, [existing.data]);

  const village = path.length && path[path.length - 1]!.split('.').length === 4 ? path[path.length - 1]! : me.regionCode.split('.').length === 4 ? me.regionCode : '';
  const submit = () => {
    const input: EmployerInput = {
      name: v.name,
      npp: v.npp.trim() || null,
      nib: v.nib.trim() || null,
      sector: v.sector,
      sizeClass: v.sizeClass,
      villageCode: village,
      address: v.address,
      employeesDeclared: num(v.employeesDeclared) ?? 0,
      workersRegistered: num(v.workersRegistered) ?? 0,
      wageReported: num(v.wageReported),
      wageActual: num(v.wageActual),
      programs: [...programs],
    };
    save.mutate(input, { onSuccess: (e) => navigate(`/kepatuhan/perusahaan/${e.id}`) });
  };
  const field = (key: keyof typeof v, label: string, opts: { hint?: string; optional?: boolean; inputMode?: 'numeric' } = {}) => (
    <FormField label={label} hint={opts.hint} optional={opts.optional}>
      {(c) => <input {...c} type="text" inputMode={opts.inputMode} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
    </FormField>
  );

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{id ? t('compliance.editEmployer') : t('compliance.newEmployer')}</h1>
        </div>
        <div className="page-actions">
          <Link to="/kepatuhan">{t('compliance.backToEmployers')}</Link>
        </div>
      </header>
      <section className="page-panel cp-form">
        {field('name', t('compliance.name'))}
        {field('npp', t('compliance.npp'), { optional: true, hint: t('compliance.nppHint') })}
        {field('nib', 'NIB', { optional: true, hint: t('compliance.nibHint'), inputMode: 'numeric' })}
        {field('sector', t('compliance.sector'))}
        <FormField label={t('compliance.sizeClass')}>
          {(c) => <NativeSelect {...c} value={v.sizeClass} onChange={(s) => setV({ ...v, sizeClass: s as Employer['sizeClass'] })} options={SIZES.map((s) => ({ value: s, label: t(`compliance.size.${s}`) }))} />}
        </FormField>
        <FormField label={t('compliance.village')}>{(c) => <VillagePicker me={me} path={path} onChange={setPath} control={c} invalid={false} />}</FormField>
        {field('address', t('compliance.address'), { optional: true })}
        {field('employeesDeclared', t('compliance.employeesDeclared'), { inputMode: 'numeric' })}
        {field('workersRegistered', t('compliance.workersRegistered'), { inputMode: 'numeric' })}
        {field('wageReported', t('compliance.wageReported'), { optional: true, inputMode: 'numeric', hint: t('compliance.wageHint') })}
        {field('wageActual', t('compliance.wageActual'), { optional: true, inputMode: 'numeric', hint: t('compliance.wageHint') })}
        <fieldset className="cp-checks">
          <legend>{t('compliance.programs')}</legend>
          {PROGRAMS.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={programs.has(p)}
                onChange={() => {
                  const n = new Set(programs);
                  if (n.has(p)) n.delete(p);
                  else n.add(p);
                  setPrograms(n);
                }}
              />{' '}
              {p}
            </label>
          ))}
        </fieldset>
        <div>
          <Button type="primary" loading={save.isPending} disabled={!v.name.trim() || !village} onClick={submit}>
            {t('compliance.save')}
          </Button>
        </div>
        {save.isError && <Alert type="error" showIcon title={describe(save.error)} />}
      </section>
    </>
  );
}
