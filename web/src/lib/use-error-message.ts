import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Turns any thrown value into a message in the chosen language (API errors carry both). */
export function useErrorMessage(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err: unknown) => {
    if (err instanceof ApiError) return err.messageIn(i18n.language);
    return t('errors.unexpected');
  };
}
