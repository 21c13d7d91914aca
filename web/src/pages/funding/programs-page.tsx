import { Alert, Button, Checkbox, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { PAYER_TYPES, type PayerType } from '../../../../src/domain/funding';
import type { Me } from '../../api/types';
import { useCreateFundingProgram } from '../../api/use-create-funding-program';
import { useEarlyWarning } from '../../api/use-early-warning';
import { useFundingPrograms } from '../../api/use-funding-programs';
import { useMe } from '../../api/use-me';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { canWriteFunding } from './funding-permissions';
import { parseRupiah, RupiahInput } from './rupiah-input';
import '../workers/workers.css';
import './funding.css';

const DEFAULT_PAYER: Record<string, PayerType> = { province: 'APBD_PROVINSI', regency: 'APBD_KABKOTA', village: 'DANA_DESA' };
const levelOf = (code: string) => (code === 'ID' ? 'country' : ['province', 'regency', 'district', 'village'][code.split('.').length - 1] ?? 'village');

/** Funding programmes of the user's region, and the form that sets one up. */
export default function ProgramsPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useMe().data as Me;
  const list = useFundingPrograms();
  const writer = canWriteFunding(me.role);
  const [open, setOpen] = useState(false);
  return (
    <div>
      <div className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('funding.programs.title')}</h1>
          <p className="page-subtitle">{t('funding.programs.subtitle')}</p>
        </div>
        <div className="page-actions">
          <Link to="/perencanaan">{t('funding.nav.planning')}</Link>
          {writer && !open && (
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('funding.programs.new')}
            </Button>
          )}
        </div>
      </div>
      {open && <NewProgramForm me={me} onDone={() => setOpen(false)} />}
      <section className="page-panel">
        {list.isPending ? (
          <p>{t('app.loading')}</p>
        ) : list.data?.items.length ? (
          <table className="fd-table">
            <thead>
              <tr>
                <th>{t('funding.programs.name')}</th>
                <th>{t('funding.programs.payerType')}</th>
                <th>{t('funding.programs.region')}</th>
                <th className="num">{t('funding.programs.year')}</th>
                <th className="num">{t('funding.programs.budget')}</th>
                <th className="num">{t('funding.programs.quota')}</th>
                <th className="num">{t('funding.programs.monthlyCost')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/pendanaan/${p.id}`}>{p.name}</Link>
                    {p.legalNumber && <div className="fd-basis">{`${p.legalKind} ${p.legalNumber}`}</div>}
                  </td>
                  <td>{t(`funding.payerTypes.${p.payerType}`)}</td>
                  <td>{p.regionCode}</td>
                  <td className="num">{p.fiscalYear}</td>
                  <td className="num">{formatRupiah(p.budget, lang)}</td>
                  <td className="num">{formatNumber(p.quota, lang)}</td>
                  <td className="num">{formatRupiah(p.monthlyCost, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="fd-muted">{t('funding.programs.empty')}</p>
        )}
      </section>
      <RegionWarning />
    </div>
  );
}

/** Early warning across the programmes of the user's region: how many lapse within N days, per programme. */
function RegionWarning() {
  const { t } = useTranslation();
  const [days, setDays] = useState('30');
  const w = useEarlyWarning({ days: Number(days || 0) });
  return (
    <section className="page-panel" aria-labelledby="fd-region-warn">
      <h2 id="fd-region-warn" className="wf-section">
        {t('funding.warning.regionTitle')}
      </h2>
      <div className="fd-grid">
        <FormField label={t('funding.warning.days')}>{(c) => <Input {...c} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value.replace(/\D/g, '').slice(0, 3))} />}</FormField>
      </div>
      {w.data && (
        <>
          <p>{t('funding.warning.count', { count: w.data.items.length, months: w.data.lapseMonths })}</p>
          {w.data.byProgram.length > 0 && (
            <table className="fd-table">
              <tbody>
                {w.data.byProgram.map((p) => (
                  <tr key={p.programId}>
                    <td>
                      <Link to={`/pendanaan/${p.programId}`}>{p.programName}</Link>
                    </td>
                    <td className="num">{p.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function NewProgramForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const navigate = useNavigate();
  const create = useCreateFundingProgram();
  const region0 = me.regionCode === 'ID' ? '' : me.regionCode;
  const [v, setV] = useState({
    name: '',
    payerType: DEFAULT_PAYER[levelOf(me.regionCode)] ?? ('CSR' as PayerType),
    regionCode: region0,
    fiscalYear: String(new Date().getFullYear() + 1),
    budget: '',
    quota: '',
    segment: 'BPU' as 'BPU' | 'PU',
    programs: ['JKK', 'JKM'],
    basisIncome: '1.000.000',
    legalKind: '',
    legalNumber: '',
    legalDate: '',
  });
  const [file, setFile] = useState<File>();
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const issue = (field: string) => (create.error instanceof ApiError ? create.error.issues.find((i) => i.field === `body.${field}`) : undefined);
  const fieldError = (field: string) => {
    const i = issue(field);
    return i ? (currentLang() === 'en' ? i.messageEn : i.message) : undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        program: {
          name: v.name.trim(),
          payerType: v.payerType,
          regionCode: v.regionCode.trim(),
          fiscalYear: Number(v.fiscalYear),
          budget: parseRupiah(v.budget) ?? 0,
          quota: Number(v.quota.replace(/\D/g, '') || 0),
          segment: v.segment,
          programs: v.programs,
          basisIncome: parseRupiah(v.basisIncome) ?? 1_000_000,
          legalKind: v.legalKind.trim(),
          legalNumber: v.legalNumber.trim(),
          legalDate: v.legalDate || null,
        },
        document: file,
      },
      {
        onSuccess: (p) => {
          onDone();
          navigate(`/pendanaan/${p.id}`);
        },
      },
    );
  };

  return (
    <form className="page-panel" onSubmit={submit} aria-label={t('funding.programs.new')}>
      <h2 className="wf-section">{t('funding.programs.new')}</h2>
      {create.error && <Alert type="error" showIcon title={errorText(create.error)} className="wf-alert" />}
      <div className="fd-grid">
        <FormField label={t('funding.programs.name')} error={fieldError('name')}>
          {(c) => <Input {...c} value={v.name} onChange={(e) => set('name')(e.target.value)} />}
        </FormField>
        <FormField label={t('funding.programs.payerType')}>
          {(c) => <NativeSelect {...c} value={v.payerType} onChange={set('payerType')} options={PAYER_TYPES.map((p) => ({ value: p, label: t(`funding.payerTypes.${p}`) }))} />}
        </FormField>
        <FormField label={t('funding.programs.regionCode')} hint={t('funding.programs.regionCodeHint')} error={fieldError('regionCode')}>
          {(c) => <Input {...c} value={v.regionCode} onChange={(e) => set('regionCode')(e.target.value)} />}
        </FormField>
        <FormField label={t('funding.programs.year')} error={fieldError('fiscalYear')}>
          {(c) => <Input {...c} inputMode="numeric" value={v.fiscalYear} onChange={(e) => set('fiscalYear')(e.target.value.replace(/\D/g, ''))} />}
        </FormField>
        <FormField label={t('funding.programs.budget')} error={fieldError('budget')}>
          {(c) => <RupiahInput {...c} value={v.budget} onChange={set('budget')} />}
        </FormField>
        <FormField label={t('funding.programs.quota')} error={fieldError('quota')}>
          {(c) => <Input {...c} inputMode="numeric" value={v.quota} onChange={(e) => set('quota')(e.target.value.replace(/\D/g, ''))} />}
        </FormField>
        <FormField label={t('funding.calc.segment')}>
          {(c) => <NativeSelect {...c} value={v.segment} onChange={(s) => setV((x) => ({ ...x, segment: s as 'BPU' | 'PU', programs: x.programs.filter((p) => s === 'PU' || p !== 'JP') }))} options={(['BPU', 'PU'] as const).map((s) => ({ value: s, label: t(`funding.segments.${s}`) }))} />}
        </FormField>
        <FormField label={v.segment === 'BPU' ? t('funding.calc.declaredIncome') : t('funding.calc.wage')} hint={t('funding.programs.basisHint')}>
          {(c) => <RupiahInput {...c} value={v.basisIncome} onChange={set('basisIncome')} />}
        </FormField>
        <FormField label={t('funding.programs.legalKind')} hint={t('funding.programs.legalKindHint')}>
          {(c) => <Input {...c} value={v.legalKind} onChange={(e) => set('legalKind')(e.target.value)} />}
        </FormField>
        <FormField label={t('funding.programs.legalNumber')}>{(c) => <Input {...c} value={v.legalNumber} onChange={(e) => set('legalNumber')(e.target.value)} />}</FormField>
        <FormField label={t('funding.programs.legalDate')}>{(c) => <Input {...c} type="date" value={v.legalDate} onChange={(e) => set('legalDate')(e.target.value)} />}</FormField>
        <FormField label={t('funding.programs.document')} hint={t('funding.programs.documentHint')} error={create.error instanceof ApiError && create.error.field === 'file' ? errorText(create.error) : undefined}>
          {(c) => <input {...c} type="file" accept=".pdf,.png,.jpg,.jpeg" onChange={(e) => setFile(e.target.files?.[0])} />}
        </FormField>
      </div>
      <FormField label={t('funding.calc.programs')} group>
        {() => (
          <Checkbox.Group
            value={v.programs}
            onChange={(p) => setV((x) => ({ ...x, programs: p as string[] }))}
            options={(v.segment === 'PU' ? ['JKK', 'JKM', 'JHT', 'JP'] : ['JKK', 'JKM', 'JHT']).map((p) => ({ value: p, label: p, disabled: p === 'JKK' || p === 'JKM' }))}
          />
        )}
      </FormField>
      <div className="fd-actions">
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('funding.programs.save')}
        </Button>
        <Button onClick={onDone}>{t('funding.programs.cancel')}</Button>
      </div>
    </form>
  );
}
