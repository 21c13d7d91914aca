import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { NATIONAL, type RegionLevel } from '../../../../src/domain/region-code';
import { useRegionChildren } from '../../api/use-region-children';
import type { FieldControlProps } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { displayRegionName } from '../../lib/region-name';

const LEVELS: RegionLevel[] = ['country', 'province', 'regency', 'district', 'village'];

/** Level of a region code: ID → country, 32 → province, … 32.02.01.2001 → village. */
export function levelOfCode(code: string): RegionLevel {
  return code === NATIONAL ? 'country' : (LEVELS[code.split('.').length] ?? 'village');
}

/** The regions chosen so far, from just below the user's region down to (at most) a village. */
export type VillagePath = string[];

interface Props {
  me: Me;
  path: VillagePath;
  onChange: (path: VillagePath) => void;
  control: FieldControlProps;
  invalid: boolean;
  disabled?: boolean;
}

/**
 * Chooses a village inside the user's region, one level at a time (kecamatan → desa for a regency
 * operator; kabupaten → kecamatan → desa for a province). Native selects: on a phone each opens the
 * system picker. A village operator's village is fixed to their own.
 */
export function VillagePicker({ me, path, onChange, control, invalid, disabled }: Props) {
  const scopeLevel = levelOfCode(me.regionCode);
  if (scopeLevel === 'village') {
    return (
      <div className="village-fixed" id={control.id} aria-describedby={control['aria-describedby']}>
        <strong>{displayRegionName(me.regionName)}</strong>
        <span className="village-fixed-code">{me.regionCode}</span>
      </div>
    );
  }
  // One select per level below the user's region; each lists the children of the one above.
  const depth = LEVELS.length - 1 - LEVELS.indexOf(scopeLevel);
  const selects = Array.from({ length: depth }, (_, i) => {
    const parent = i === 0 ? me.regionCode : path[i - 1];
    const level = LEVELS[LEVELS.indexOf(scopeLevel) + 1 + i] as RegionLevel;
    return (
      <LevelSelect
        key={level}
        parent={parent}
        level={level}
        value={path[i] ?? ''}
        // The last select (the village) carries the field's label, hint and error.
        control={i === depth - 1 ? control : undefined}
        invalid={invalid && !path[i]}
        disabled={disabled}
        onChange={(code) => onChange([...path.slice(0, i), ...(code ? [code] : [])])}
      />
    );
  });
  return <div className="village-picker">{selects}</div>;
}

function LevelSelect({
  parent,
  level,
  value,
  control,
  invalid,
  disabled,
  onChange,
}: {
  parent: string | undefined;
  level: RegionLevel;
  value: string;
  control: FieldControlProps | undefined;
  invalid: boolean;
  disabled: boolean | undefined;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const children = useRegionChildren(parent ?? '', Boolean(parent));
  const levelName = t(`levels.${level}`);
  const options = (children.data ?? []).map((r) => ({ value: r.code, label: displayRegionName(r.name) }));
  return (
    <NativeSelect
      {...(control ?? {})}
      aria-label={control ? undefined : levelName}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={
        children.isError
          ? t('regions.loadError')
          : parent && children.isPending
            ? t('workerForm.loadingOptions')
            : t('workerForm.choose', { level: levelName })
      }
      disabled={disabled || !parent || children.isPending}
      invalid={invalid}
    />
  );
}
