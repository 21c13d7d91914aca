import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CreatedWorker } from '../../api/types';
import { UsersIcon } from '../../components/icons';
import { StatusMessage } from '../../components/status-message';

/** After saving: who was saved, any warnings to check, and "add another" or "to the list". */
export function WorkerSaved({ saved, onAddAnother }: { saved: CreatedWorker; onAddAnother: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const en = i18n.language === 'en';
  const warnings = saved.warnings ?? [];
  return (
    <div className="wf" data-testid="worker-saved">
      <StatusMessage
        tone="success"
        title={t('workerForm.savedTitle')}
        text={t('workerForm.savedText', { name: saved.name, nik: saved.nik })}
        actions={
          <>
            <Button type="primary" size="large" onClick={onAddAnother}>
              {t('workerForm.addAnother')}
            </Button>
            <Button size="large" icon={<UsersIcon />} onClick={() => navigate('/pekerja')}>
              {t('workerForm.toList')}
            </Button>
          </>
        }
      />
      {warnings.length > 0 && (
        <Alert
          className="wf-alert"
          type="warning"
          showIcon
          title={t('workerForm.warningsTitle')}
          description={
            <ul className="wf-issues">
              {warnings.map((w, i) => (
                <li key={i}>{en ? w.messageEn : w.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
