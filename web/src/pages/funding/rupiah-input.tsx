import { Input } from 'antd';
import { formatNumber } from '../../lib/format';
import { currentLang } from '../../i18n';

/** Digits only, shown with thousands separators as the user types ("1.000.000"). */
export const parseRupiah = (text: string): number | undefined => {
  const digits = text.replace(/\D/g, '');
  return digits ? Number(digits) : undefined;
};

export function RupiahInput({ value, onChange, id, ...rest }: { value: string; onChange: (v: string) => void; id?: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) {
  return (
    <Input
      {...rest}
      id={id}
      inputMode="numeric"
      prefix="Rp"
      value={value}
      onChange={(e) => {
        const n = parseRupiah(e.target.value);
        onChange(n === undefined ? '' : formatNumber(n, currentLang()));
      }}
    />
  );
}
