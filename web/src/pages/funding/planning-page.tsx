import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYER_TYPES, type PayerType } from '../../../../src/domain/funding';
import type { Me } from '../../api/types';
import { useMe } from '../../api/use-me';
import { usePlanning } from '../../api/use-planning';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatNumber, formatPercentValue, formatRupiah } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { parseRupiah, RupiahInput } from './rupiah-input';
import '../workers/workers.css';
import './funding.css';

/** "What does it cost to reach X % coverage by month M", beside the region's programme budgets. */
export default function PlanningPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const errorText = useErrorMessage();
  const me = useMe().data as Me;
  const planning = usePlanning();
  const nextYear = new Date().getFullYear() + 1;
  const [v, setV] = useState({ region: me.regionCode, target: '50', byMonth: `${nextYear}-12`, employed: '', income: '1.000.000', payerA: 'APBD_KABKOTA' as PayerType, shareA: '70', payerB: 'DANA_DESA' as PayerType });
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const a = Math.min(100, Number(v.shareA || 0)) / 100;
    planning.mutate({
      region: v.region.trim(),
      targetPercent: Number(v.target.replace(',', '.')),
      byMonth: v.byMonth,
      employedPopulation: parseRupiah(v.employed) ?? 0,
      mix: [{ segment: 'BPU', programs: ['JKK', 'JKM'], income: parseRupiah(v.income) ?? 1_000_000, share: 1 }],
      payers: a >= 1 ? [{ payerType: v.payerA, share: 1 }] : [{ payerType: v.payerA, share: a }, { payerType: v.payerB, share: 1 - a }],
    });
  };
  const payerOptions = PAYER_TYPES.map((p) => ({ value: p, label: t(`funding.payerTypes.${p}`) }));
  const r = planning.data;
  return (
    <div className="wf">
      <div className="page-panel">
        <h1 className="page-title">{t('funding.planning.title')}</h1>
        <p className="page-subtitle">{t('funding.planning.subtitle')}</p>
      </div>
      <form className="page-panel" onSubmit={submit} aria-label={t('funding.planning.title')}>
        <div className="fd-grid">
          <FormField label={t('funding.planning.region')}>{(c) => <Input {...c} value={v.region} onChange={(e) => set('region')(e.target.value)} />}</FormField>
          <FormField label={t('funding.planning.target')}>{(c) => <Input {...c} inputMode="decimal" value={v.target} onChange={(e) => set('target')(e.target.value)} />}</FormField>
          <FormField label={t('funding.planning.byMonth')}>{(c) => <Input {...c} type="month" value={v.byMonth} onChange={(e) => set('byMonth')(e.target.value)} />}</FormField>
          <FormField label={t('funding.planning.employed')} hint={t('funding.planning.employedHint')}>
            {(c) => <Input {...c} inputMode="numeric" value={v.employed} onChange={(e) => set('employed')(formatNumber(parseRupiah(e.target.value) ?? 0, lang).replace(/^0$/, ''))} />}
          </FormField>
          <FormField label={t('funding.planning.income')}>{(c) => <RupiahInput {...c} value={v.income} onChange={set('income')} />}</FormField>
          <FormField label={`${t('funding.planning.payers')} 1`}>{(c) => <NativeSelect {...c} value={v.payerA} onChange={set('payerA')} options={payerOptions} />}</FormField>
          <FormField label={t('funding.planning.share')}>{(c) => <Input {...c} inputMode="numeric" value={v.shareA} onChange={(e) => set('shareA')(e.target.value.replace(/\D/g, '').slice(0, 3))} />}</FormField>
          <FormField label={`${t('funding.planning.payers')} 2`}>{(c) => <NativeSelect {...c} value={v.payerB} onChange={set('payerB')} options={payerOptions} />}</FormField>
        </div>
        <Button type="primary" htmlType="submit" loading={planning.isPending}>
          {t('funding.planning.compute')}
        </Button>
      </form>
      {planning.error && <Alert type="error" showIcon title={errorText(planning.error)} className="wf-alert" />}
      {r && (
        <section className="page-panel" aria-live="polite">
          <table className="fd-table">
            <tbody>
              <tr>
                <td>{t('funding.planning.active')}</td>
                <td className="num">
                  {formatNumber(r.activeParticipants, lang)} ({formatPercentValue(r.currentPercent, lang)})
                </td>
              </tr>
              <tr>
                <td>{t('funding.planning.needed')}</td>
                <td className="num" data-testid="plan-needed">
                  {formatNumber(r.workersNeeded, lang)}
                </td>
              </tr>
              <tr>
                <td>{t('funding.planning.perMonth')}</td>
                <td className="num">{formatNumber(r.newWorkersPerMonth, lang)}</td>
              </tr>
              <tr>
                <td>{t('funding.planning.monthly')}</td>
                <td className="num">{formatRupiah(r.monthlyCost, lang)}</td>
              </tr>
              <tr>
                <td>{t('funding.planning.annual')}</td>
                <td className="num" data-testid="plan-annual">
                  {formatRupiah(r.annualCost, lang)}
                </td>
              </tr>
              {r.byPayer.map((p) => (
                <tr key={p.payerType}>
                  <td>— {t(`funding.payerTypes.${p.payerType}`)}</td>
                  <td className="num">{formatRupiah(p.annualCost, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 className="wf-section">{t('funding.planning.budgets')}</h2>
          <table className="fd-table">
            <tbody>
              {r.budgets.map((b) => (
                <tr key={b.programId}>
                  <td>
                    {b.name}
                    <div className="fd-basis">
                      {t(`funding.payerTypes.${b.payerType}`)} · {b.regionCode}
                    </div>
                  </td>
                  <td className="num">{formatRupiah(b.budget, lang)}</td>
                  <td className="num">{formatRupiah(b.available, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{t('funding.planning.budgetTotal')}</td>
                <td className="num">{formatRupiah(r.budgetTotal, lang)}</td>
                <td className="num">{formatRupiah(r.availableTotal, lang)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}
    </div>
  );
}
