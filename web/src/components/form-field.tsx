import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './form-field.css';

/** Props a field's control spreads so the label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  /** Several controls (radio buttons, checkboxes): a fieldset with a legend instead of a label. */
  group?: boolean;
  /** Element id for the control (so the form can focus the first invalid field). */
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * One labelled form field with its hint and error underneath (a few lines instead of antd Form, which
 * brings a whole validation framework for forms the server validates anyway).
 */
export function FormField({ label, hint, error, optional = false, group = false, id, className, children }: Props) {
  const { t } = useTranslation();
  const auto = useId();
  const controlId = id ?? auto;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const labelText = (
    <>
      {label}
      {optional && <span className="form-optional"> ({t('workerForm.optional')})</span>}
    </>
  );
  const body = (
    <>
      {children({ id: controlId, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <div id={errorId} className="form-error">
          {error}
        </div>
      )}
      {hint && (
        <div id={hintId} className="form-hint">
          {hint}
        </div>
      )}
    </>
  );
  const cls = `form-field${error ? ' form-field-invalid' : ''}${className ? ` ${className}` : ''}`;
  if (group) {
    return (
      <fieldset className={cls} aria-describedby={describedBy}>
        <legend className="form-label">{labelText}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className={cls}>
      <label htmlFor={controlId} className="form-label">
        {labelText}
      </label>
      {body}
    </div>
  );
}
