import { Checkbox, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { GROUP_SEGMENTS, GROUPS, MANDATORY_PROGRAMS, PROGRAMS, SEGMENTS } from '../../../../src/domain/worker';
import type { Program, Segment } from '../../../../src/domain/worker';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { FundingProgramPicker } from '../funding/funding-program-picker';
import type { WorkerForm } from './use-worker-form';

/** The first enrolment: group (the segment follows), programmes (JKK and JKM always), income and payer. */
export function EnrolmentFields({ form }: { form: WorkerForm }) {
  const { t } = useTranslation();
  const allowedSegments: readonly Segment[] = form.values.group ? GROUP_SEGMENTS[form.values.group] : SEGMENTS;
  const bpu = form.values.segment === 'BPU';
  return (
    <>
      <h2 className="wf-section">{t('workerForm.sectionEnrolment')}</h2>
      <Checkbox checked={form.values.enrol} onChange={(e) => form.set('enrol', e.target.checked)} disabled={form.busy} className="wf-enrol">
        {t('workerForm.enrol')}
      </Checkbox>
      {form.values.enrol && (
        <div className="wf-grid">
          <FormField id={form.fieldId('group')} label={t('workerForm.group')} error={form.errorOf('group')}>
            {(p) => (
              <NativeSelect
                {...p}
                value={form.values.group}
                onChange={form.onGroup}
                placeholder={t('workerForm.groupChoose')}
                options={GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
                invalid={Boolean(form.errorOf('group'))}
                disabled={form.busy}
              />
            )}
          </FormField>
          <FormField id={form.fieldId('segment')} label={t('workerForm.segment')} error={form.errorOf('segment')}>
            {(p) => (
              <NativeSelect
                {...p}
                value={form.values.segment}
                onChange={form.onSegment}
                placeholder={t('workerForm.segmentChoose')}
                options={allowedSegments.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
                invalid={Boolean(form.errorOf('segment'))}
                disabled={form.busy}
              />
            )}
          </FormField>
          <FormField group className="wf-wide" label={t('workerForm.programs')} hint={bpu ? t('workerForm.jpNotBpu') : undefined} error={form.errorOf('programs')}>
            {() => (
              <div id={form.fieldId('programs')} className="wf-programs">
                {PROGRAMS.map((prog: Program) => {
                  const mandatory = MANDATORY_PROGRAMS.includes(prog);
                  return (
                    <Checkbox
                      key={prog}
                      className={mandatory ? 'wf-program-locked' : undefined}
                      checked={mandatory || form.values.programs.includes(prog)}
                      disabled={form.busy || mandatory || (prog === 'JP' && bpu)}
                      onChange={(e) =>
                        form.set('programs', e.target.checked ? [...form.values.programs, prog] : form.values.programs.filter((x) => x !== prog), 'programs')
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
            id={form.fieldId('declaredIncome')}
            optional
            label={t('workerForm.income')}
            hint={bpu ? t('workerForm.incomeHint') : undefined}
            error={form.errorOf('declaredIncome')}
          >
            {(p) => (
              <Input
                {...p}
                size="large"
                inputMode="numeric"
                autoComplete="off"
                prefix="Rp"
                value={form.values.income}
                onChange={(e) => form.set('income', e.target.value, 'declaredIncome')}
                maxLength={20}
                status={form.errorOf('declaredIncome') ? 'error' : undefined}
                disabled={form.busy}
              />
            )}
          </FormField>
          {/* funding (issue 4): pick the payer programme; the free text below stays for payers not set up yet */}
          <FundingProgramPicker
            villageCode={form.villageCode}
            segment={form.values.segment}
            value={form.values.fundingProgramId ?? ''}
            confirm={form.values.confirmOverCapacity ?? false}
            disabled={form.busy}
            onChange={(id, name) => form.setValues((v) => ({ ...v, fundingProgramId: id, fundingSource: name ?? v.fundingSource }))}
            onConfirm={(confirmOverCapacity) => form.setValues((v) => ({ ...v, confirmOverCapacity }))}
          />
          <FormField id={form.fieldId('fundingSource')} optional label={t('workerForm.fundingSource')} hint={t('workerForm.fundingHint')} error={form.errorOf('fundingSource')}>
            {(p) => (
              <Input
                {...p}
                size="large"
                value={form.values.fundingSource}
                onChange={(e) => form.set('fundingSource', e.target.value, 'fundingSource')}
                maxLength={200}
                status={form.errorOf('fundingSource') ? 'error' : undefined}
                disabled={form.busy}
              />
            )}
          </FormField>
        </div>
      )}
    </>
  );
}
