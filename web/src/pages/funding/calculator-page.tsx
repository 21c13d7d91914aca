import { Alert, Button, Checkbox, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useBenefit, useContribution } from '../../api/use-calc';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatRupiah } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { parseRupiah, RupiahInput } from './rupiah-input';
import '../workers/workers.css';
import '../../components/data-table.css';
import './funding.css';
import { todayWib } from '../../../../src/domain/wib';

type Segment = 'BPU' | 'PU' | 'JAKON' | 'PMI';
const today = () => todayWib();

/** Simulasi iuran & manfaat: what a contribution costs and what the death benefits pay, on a date. */
export default function CalculatorPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const errorText = useErrorMessage();
  const [segment, setSegment] = useState<Segment>('BPU');
  const [amount, setAmount] = useState(formatRupiah(1_000_000, lang).replace('Rp', ''));
  const [riskGroup, setRiskGroup] = useState('1');
  const [programs, setPrograms] = useState<string[]>(['JKK', 'JKM']);
  const [months, setMonths] = useState('12');
  const [prePlacement, setPrePlacement] = useState(false);
  const [daily, setDaily] = useState(false);
  const [date, setDate] = useState(today());
  const [query, setQuery] = useState<Record<string, string | number | undefined>>();
  const [contribMonths, setContribMonths] = useState('36');
  const [benefitQuery, setBenefitQuery] = useState<Record<string, string | number | undefined>>();

  const contribution = useContribution(query);
  const jkm = useBenefit(benefitQuery && { type: 'JKM', contributionMonths: benefitQuery.contributionMonths, date: benefitQuery.date });
  // A daily wage is made monthly by the date-effective factor the contribution answer reports (asked once it is there).
  const days = contribution.data?.dailyWageDays;
  const jkk = useBenefit(
    !benefitQuery
      ? undefined
      : benefitQuery.dailyWage === undefined
        ? { type: 'JKK_DEATH', wage: benefitQuery.wage, date: benefitQuery.date }
        : days === undefined
          ? undefined
          : { type: 'JKK_DEATH', wage: Number(benefitQuery.dailyWage) * days, date: benefitQuery.date },
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = parseRupiah(amount);
    const base = { segment, date };
    const q =
      segment === 'BPU'
        ? { ...base, declaredIncome: value, programs: programs.filter((p) => p !== 'JP').join(',') }
        : segment === 'PU'
          ? { ...base, ...(daily ? { dailyWage: value } : { wage: value }), riskGroup, programs: programs.join(',') }
          : segment === 'JAKON'
            ? { ...base, contractValue: value }
            : { ...base, months, prePlacement: String(prePlacement) };
    setQuery(q);
    setBenefitQuery({ contributionMonths: contribMonths, ...(daily && segment === 'PU' ? { dailyWage: value ?? 0 } : { wage: segment === 'BPU' || segment === 'PU' ? value : 1_000_000 }), date });
  };
  const amountLabel = segment === 'BPU' ? t('funding.calc.declaredIncome') : segment === 'PU' ? t('funding.calc.wage') : t('funding.calc.contractValue');
  const programOptions = segment === 'PU' ? ['JKK', 'JKM', 'JHT', 'JP'] : ['JKK', 'JKM', 'JHT'];

  return (
    <div className="wf">
      <div className="page-panel">
        <h1 className="page-title">{t('funding.calc.title')}</h1>
        <p className="page-subtitle">
          {t('funding.calc.subtitle')} <Link to="/tarif">{t('funding.rates.title')}</Link>
        </p>
      </div>
      <form className="page-panel" onSubmit={submit} aria-label={t('funding.calc.title')}>
        <div className="fd-grid">
          <FormField label={t('funding.calc.segment')}>
            {(c) => (
              <NativeSelect
                {...c}
                value={segment}
                onChange={(v) => setSegment(v as Segment)}
                options={(['BPU', 'PU', 'JAKON', 'PMI'] as const).map((s) => ({ value: s, label: t(`funding.segments.${s}`) }))}
              />
            )}
          </FormField>
          {segment !== 'PMI' && <FormField label={amountLabel}>{(c) => <RupiahInput {...c} value={amount} onChange={setAmount} />}</FormField>}
          {segment === 'PU' && (
            <FormField label={t('funding.calc.riskGroup')} hint={t('funding.calc.riskGroupHint')}>
              {(c) => <NativeSelect {...c} value={riskGroup} onChange={setRiskGroup} options={['1', '2', '3', '4', '5'].map((g) => ({ value: g, label: g }))} />}
            </FormField>
          )}
          {segment === 'PMI' && (
            <FormField label={t('funding.calc.months')}>{(c) => <Input {...c} inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value.replace(/\D/g, ''))} />}</FormField>
          )}
          <FormField label={t('funding.calc.date')}>{(c) => <Input {...c} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}</FormField>
          <FormField label={t('funding.calc.contributionMonths')} hint={t('funding.calc.contributionMonthsHint')}>
            {(c) => <Input {...c} inputMode="numeric" value={contribMonths} onChange={(e) => setContribMonths(e.target.value.replace(/\D/g, ''))} />}
          </FormField>
        </div>
        {(segment === 'BPU' || segment === 'PU') && (
          <FormField label={t('funding.calc.programs')} group>
            {() => (
              <Checkbox.Group
                value={programs}
                onChange={(v) => setPrograms(v as string[])}
                options={programOptions.map((p) => ({ value: p, label: p, disabled: p === 'JKK' || p === 'JKM' }))}
              />
            )}
          </FormField>
        )}
        {segment === 'PU' && (
          <Checkbox checked={daily} onChange={(e) => setDaily(e.target.checked)}>
            {t('funding.calc.daily')}
          </Checkbox>
        )}
        {segment === 'PMI' && (
          <Checkbox checked={prePlacement} onChange={(e) => setPrePlacement(e.target.checked)}>
            {t('funding.calc.prePlacement')}
          </Checkbox>
        )}
        <div className="fd-actions">
          <Button type="primary" htmlType="submit" size="large">
            {t('funding.calc.compute')}
          </Button>
        </div>
      </form>

      {contribution.error && <Alert type="error" showIcon title={errorText(contribution.error)} className="wf-alert" />}
      {contribution.data && (
        <section className="page-panel" aria-live="polite">
          <h2 className="wf-section">{t('funding.calc.contribution')}</h2>
          <table className="data-table data-table-compact">
            <thead>
              <tr>
                <th>{t('funding.calc.program')}</th>
                <th className="num">{t('funding.calc.employer')}</th>
                <th className="num">{t('funding.calc.worker')}</th>
                <th className="num">{t('funding.calc.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {contribution.data.lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    {l.program}
                    {l.note && <div className="fd-basis">{l.note}</div>}
                    <div className="fd-basis">{l.basis.join('; ')}</div>
                  </td>
                  <td className="num">{formatRupiah(l.employer, lang)}</td>
                  <td className="num">{formatRupiah(l.worker, lang)}</td>
                  <td className="num">{formatRupiah(l.amount, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>{t('funding.calc.total')}</td>
                <td className="num" data-testid="calc-total">
                  {formatRupiah(contribution.data.total, lang)}
                </td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}
      {[jkm, jkk].map((b, i) =>
        b.data ? (
          <section className="page-panel" key={i}>
            <h2 className="wf-section">{i === 0 ? t('funding.calc.jkmBenefit') : t('funding.calc.jkkDeathBenefit')}</h2>
            <table className="data-table data-table-compact">
              <tbody>
                {b.data.parts.map((p) => (
                  <tr key={p.name}>
                    <td>
                      {t(`funding.benefitParts.${p.name as 'LUMP_SUM'}`)}
                      {p.condition && <div className="fd-basis">{lang === 'en' ? p.condition.en : p.condition.id}</div>}
                    </td>
                    <td className="num">{p.conditional ? (p.eligible ? `${t('funding.calc.upTo')} ${formatRupiah(p.amount, lang)}` : t('funding.calc.notEligible')) : formatRupiah(p.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('funding.calc.totalCash')}</td>
                  <td className="num">{formatRupiah(b.data.total, lang)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
        ) : b.error ? (
          <Alert key={i} type="error" showIcon title={errorText(b.error)} className="wf-alert" />
        ) : null,
      )}
    </div>
  );
}
