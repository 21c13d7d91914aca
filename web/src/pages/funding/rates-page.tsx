import { Alert, Button, Checkbox, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddRate } from '../../api/use-add-rate';
import { useCan } from '../../lib/use-can';
import { useRates } from '../../api/use-rates';
import type { Rate } from '../../../../src/modules/funding/rates/schemas';
import { DataTable } from '../../components/data-table';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import '../workers/workers.css';
import './funding.css';
import { todayWib } from '../../../../src/domain/wib';
import { rateLabel } from '../../../../src/domain/rate-labels';

const today = () => todayWib();

/** ppm → "0,24%", rupiah → "Rp6.800", count → "36". */
function shown(r: Pick<Rate, 'unit' | 'value'>, lang: 'id' | 'en') {
  if (r.unit === 'ppm') return `${formatNumber(r.value / 10_000, lang, 2)}%`;
  if (r.unit === 'rupiah') return formatRupiah(r.value, lang);
  return formatNumber(r.value, lang);
}

/** The rate table (tarif berlaku), and for the national role a form that adds a value from a date. */
export default function RatesPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const can = useCan();
  const rates = useRates();
  const add = useAddRate();
  const errorText = useErrorMessage();
  const items = rates.data?.items ?? [];
  const keys = [...new Set(items.map((r) => r.key))];
  const [v, setV] = useState({ key: 'BPU_JKM', effectiveFrom: today(), value: '', legalBasis: '', unconfirmed: false });
  const unit = items.find((r) => r.key === v.key)?.unit ?? 'rupiah';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const raw = Number(v.value.replace(/\./g, '').replace(',', '.'));
    add.mutate({ key: v.key, effectiveFrom: v.effectiveFrom, value: unit === 'ppm' ? Math.round(raw * 10_000) : Math.round(raw), legalBasis: v.legalBasis, unconfirmed: v.unconfirmed });
  };
  return (
    <div>
      <div className="page-panel">
        <h1 className="page-title">{t('funding.rates.title')}</h1>
        <p className="page-subtitle">{t('funding.rates.subtitle')}</p>
      </div>
      {can('rate:manage') && (
        <form className="page-panel" onSubmit={submit} aria-label={t('funding.rates.add')}>
          <h2 className="wf-section">{t('funding.rates.add')}</h2>
          <div className="fd-grid">
            <FormField label={t('funding.rates.key')}>{(c) => <NativeSelect {...c} value={v.key} onChange={(key) => setV((x) => ({ ...x, key }))} options={keys.map((k) => ({ value: k, label: rateLabel(k, lang) }))} />}</FormField>
            <FormField label={t('funding.rates.effectiveFrom')} hint={t('funding.rates.effectiveHint')}>
              {(c) => <Input {...c} type="date" min={today()} value={v.effectiveFrom} onChange={(e) => setV((x) => ({ ...x, effectiveFrom: e.target.value }))} />}
            </FormField>
            <FormField label={`${t('funding.rates.value')} (${unit === 'ppm' ? '%' : unit === 'rupiah' ? 'Rp' : '#'})`}>
              {(c) => <Input {...c} inputMode="decimal" value={v.value} onChange={(e) => setV((x) => ({ ...x, value: e.target.value }))} />}
            </FormField>
            <FormField label={t('funding.rates.legalBasis')}>{(c) => <Input {...c} value={v.legalBasis} onChange={(e) => setV((x) => ({ ...x, legalBasis: e.target.value }))} />}</FormField>
          </div>
          <Checkbox checked={v.unconfirmed} onChange={(e) => setV((x) => ({ ...x, unconfirmed: e.target.checked }))}>
            {t('funding.rates.unconfirmed')}
          </Checkbox>
          <div className="fd-actions">
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('funding.rates.save')}
            </Button>
          </div>
          {add.error && <Alert type="error" showIcon title={errorText(add.error)} className="wf-alert" />}
          {add.data && <Alert type="success" showIcon title={t('funding.rates.saved', { key: rateLabel(add.data.key, lang), date: add.data.effectiveFrom })} className="wf-alert" />}
        </form>
      )}
      <section className="page-panel">
        <DataTable
          compact
          columns={[
            { key: 'key', header: t('funding.rates.key'), card: 'title', cell: (r) => rateLabel(r.key, lang) },
            { key: 'from', header: t('funding.rates.effectiveFrom'), card: 'aside', cell: (r) => formatDate(r.effectiveFrom) },
            { key: 'value', header: t('funding.rates.value'), numeric: true, cell: (r) => shown(r, lang) },
            {
              key: 'basis',
              header: t('funding.rates.legalBasis'),
              cell: (r) => (
                <>
                  {r.legalBasis}
                  {r.unconfirmed && <span className="fd-basis"> · {t('funding.rates.unconfirmedTag')}</span>}
                </>
              ),
            },
          ]}
          rows={items}
          rowKey={(r) => `${r.key}@${r.effectiveFrom}`}
        />
      </section>
    </div>
  );
}
