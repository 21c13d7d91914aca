import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../lib/use-error-message';
import { StatusMessage } from './status-message';

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  extra?: ReactNode;
  fullScreen?: boolean;
}

/** A failed load, explained in the user's language (the API's own message), with a way forward. */
export function ErrorState({ error, title, onRetry, extra, fullScreen = false }: Props) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const status = error instanceof ApiError ? error.status : 0;
  const final = status === 403 || status === 404; // asking again will not help
  return (
    <StatusMessage
      tone={status === 403 ? 'warning' : status === 404 ? 'info' : 'error'}
      title={title ?? (status === 403 ? t('errors.forbiddenTitle') : t('regions.loadError'))}
      text={describe(error)}
      fullScreen={fullScreen}
      actions={
        (onRetry && !final) || extra ? (
          <>
            {onRetry && !final && (
              <Button type="primary" onClick={onRetry}>
                {t('regions.retry')}
              </Button>
            )}
            {extra}
          </>
        ) : undefined
      }
    />
  );
}
