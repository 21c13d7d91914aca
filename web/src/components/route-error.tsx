import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from './status-message';

/** Last resort when a page throws while rendering (or its chunk fails to download on a bad connection). */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <StatusMessage
      tone="error"
      fullScreen
      title={t('errors.unexpected')}
      actions={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      }
    />
  );
}
