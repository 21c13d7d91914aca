import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFundingPrograms } from '../../api/use-funding-programs';
import { useUser } from '../../lib/use-user';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { formatRupiah } from '../../lib/format';

const OVERRIDERS = ['province_operator', 'regency_operator'];

/**
 * The payer of a new enrolment: the active programmes that pay for this village (owned by it or a
 * region above it) and this segment. Roles allowed to go over quota or budget get a confirm box.
 */
export function FundingProgramPicker(props: {
  villageCode: string;
  segment: string;
  value: string;
  confirm: boolean;
  disabled?: boolean;
  onChange: (id: string, name?: string) => void;
  onConfirm: (confirm: boolean) => void;
}) {
  const { t } = useTranslation();
  const me = useUser();
  const list = useFundingPrograms(props.villageCode || undefined);
  const options = (list.data?.items ?? []).filter((p) => p.status === 'active' && (!props.segment || p.segment === props.segment));
  if (!props.villageCode || options.length === 0) return null;
  return (
    <>
      <FormField optional label={t('funding.picker.label')} hint={t('funding.picker.hint')}>
        {(c) => (
          <NativeSelect
            {...c}
            value={props.value}
            disabled={props.disabled}
            placeholder={t('funding.picker.none')}
            onChange={(id) => props.onChange(id, options.find((p) => String(p.id) === id)?.name)}
            options={options.map((p) => ({ value: String(p.id), label: `${p.name} (${p.fiscalYear}, ${formatRupiah(p.monthlyCost, currentLang())}/bln)` }))}
          />
        )}
      </FormField>
      {props.value && OVERRIDERS.includes(me.role) && (
        <Checkbox checked={props.confirm} disabled={props.disabled} onChange={(e) => props.onConfirm(e.target.checked)}>
          {t('funding.picker.confirm')}
        </Checkbox>
      )}
    </>
  );
}
