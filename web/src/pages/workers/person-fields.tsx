import { Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelOf } from '../../../../src/domain/region-code';
import type { Sex } from '../../../../src/domain/nik';
import type { Me } from '../../api/types';
import { FormField } from '../../components/form-field';
import type { WorkerForm } from './use-worker-form';
import { VillagePicker } from './village-picker';
import { maskDateInput } from './worker-form-values';

/** The person: NIK (fills in birth date and sex), name, birth date, sex, village, address, phone, occupation. */
export function PersonFields({ form, me }: { form: WorkerForm; me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="wf-section">{t('workerForm.sectionPerson')}</h2>
      <div className="wf-grid">
        <FormField id={form.fieldId('nik')} label={t('workerForm.nik')} hint={t('workerForm.nikHint')} error={form.errorOf('nik')}>
          {(p) => (
            <Input
              {...p}
              size="large"
              value={form.values.nik}
              onChange={(e) => form.onNik(e.target.value)}
              inputMode="numeric"
              autoComplete="off"
              maxLength={16}
              status={form.errorOf('nik') ? 'error' : undefined}
              disabled={form.busy}
              className="wf-mono"
            />
          )}
        </FormField>
        <FormField id={form.fieldId('name')} label={t('workerForm.name')} error={form.errorOf('name')}>
          {(p) => (
            <Input
              {...p}
              size="large"
              value={form.values.name}
              onChange={(e) => form.set('name', e.target.value, 'name')}
              autoComplete="off"
              autoCapitalize="words"
              maxLength={200}
              status={form.errorOf('name') ? 'error' : undefined}
              disabled={form.busy}
            />
          )}
        </FormField>
        <FormField
          id={form.fieldId('birthDate')}
          label={t('workerForm.birthDate')}
          hint={form.filledFromNik ? t('workerForm.filledFromNik') : t('workerForm.birthDateHint')}
          error={form.errorOf('birthDate')}
        >
          {(p) => (
            <Input
              {...p}
              size="large"
              value={form.values.birthDate}
              onChange={(e) => form.set('birthDate', maskDateInput(e.target.value), 'birthDate')}
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              autoComplete="off"
              maxLength={10}
              status={form.errorOf('birthDate') ? 'error' : undefined}
              disabled={form.busy}
              className="wf-mono"
            />
          )}
        </FormField>
        <FormField group label={t('workerForm.sex')} error={form.errorOf('sex')}>
          {(p) => (
            <div id={form.fieldId('sex')}>
              <Radio.Group
                aria-invalid={p['aria-invalid']}
                optionType="button"
                buttonStyle="solid"
                size="large"
                value={form.values.sex || undefined}
                onChange={(e) => form.set('sex', e.target.value as Sex, 'sex')}
                disabled={form.busy}
                className="wf-sex"
                options={(['L', 'P'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
              />
            </div>
          )}
        </FormField>
        <FormField
          id={form.fieldId('villageCode')}
          className="wf-wide"
          label={t('workerForm.village')}
          hint={levelOf(me.regionCode) === 'village' ? t('workerForm.villageFixed') : undefined}
          error={form.errorOf('villageCode')}
        >
          {(p) => (
            <VillagePicker
              me={me}
              path={form.values.villagePath}
              onChange={(path) => form.set('villagePath', path, 'villageCode')}
              control={p}
              invalid={Boolean(form.errorOf('villageCode'))}
              disabled={form.busy}
            />
          )}
        </FormField>
        <FormField id={form.fieldId('address')} className="wf-wide" label={t('workerForm.address')} hint={t('workerForm.addressHint')} error={form.errorOf('address')}>
          {(p) => (
            <Input.TextArea
              {...p}
              value={form.values.address}
              onChange={(e) => form.set('address', e.target.value, 'address')}
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={500}
              status={form.errorOf('address') ? 'error' : undefined}
              disabled={form.busy}
            />
          )}
        </FormField>
        <FormField id={form.fieldId('phone')} optional label={t('workerForm.phone')} error={form.errorOf('phone')}>
          {(p) => (
            <Input
              {...p}
              size="large"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={form.values.phone}
              onChange={(e) => form.set('phone', e.target.value, 'phone')}
              maxLength={20}
              status={form.errorOf('phone') ? 'error' : undefined}
              disabled={form.busy}
            />
          )}
        </FormField>
        <FormField id={form.fieldId('occupation')} optional label={t('workerForm.occupation')} error={form.errorOf('occupation')}>
          {(p) => (
            <Input
              {...p}
              size="large"
              value={form.values.occupation}
              onChange={(e) => form.set('occupation', e.target.value, 'occupation')}
              maxLength={120}
              status={form.errorOf('occupation') ? 'error' : undefined}
              disabled={form.busy}
            />
          )}
        </FormField>
      </div>
    </>
  );
}
