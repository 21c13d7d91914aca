import type { SelectHTMLAttributes } from 'react';
import './native-select.css';

interface Option {
  value: string;
  label: string;
}

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'size'> & {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Text of the empty first option ("Semua segmen", "Pilih kecamatan…"). */
  placeholder?: string;
  invalid?: boolean;
  size?: 'middle' | 'large';
};

/**
 * A styled native <select>: phones show their own picker (big, searchable by typing on desktop),
 * and it costs nothing next to antd Select's popup, virtual list and search machinery.
 */
export function NativeSelect({ value, onChange, options, placeholder, invalid, size = 'large', className, ...rest }: Props) {
  return (
    <select
      {...rest}
      className={`native-select native-select-${size}${invalid ? ' native-select-invalid' : ''}${className ? ` ${className}` : ''}`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
