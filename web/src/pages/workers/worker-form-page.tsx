import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { CheckIcon, UploadIcon } from '../../components/icons';
import { StatusMessage } from '../../components/status-message';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { useUser } from '../../lib/use-user';
import { EnrolmentFields } from './enrolment-fields';
import { PersonFields } from './person-fields';
import { useWorkerForm } from './use-worker-form';
import { WorkerSaved } from './worker-saved';
import './workers.css';

/** Single entry of one worker "by name by address", short enough to fill in on a phone. */
export default function WorkerFormPage() {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const me = useUser();
  const can = useCan();
  const form = useWorkerForm(me);
  const en = i18n.language === 'en';

  usePageTitle(t('workerForm.title'));

  if (!can('worker:write')) {
    return <StatusMessage tone="warning" title={t('errors.noWriteTitle')} text={t('errors.noWriteAccess')} />;
  }
  if (form.saved) return <WorkerSaved saved={form.saved} onAddAnother={form.addAnother} />;

  const { create, unplaced } = form;
  const validationFailed = create.error instanceof ApiError && create.error.status === 422;

  return (
    <div className="wf">
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('workerForm.title')}</h1>
          <p className="page-subtitle">
            {t('workerForm.intro')}{' '}
            <Link to="/impor" className="wf-import-link">
              <UploadIcon /> {t('nav.import')}
            </Link>
          </p>
        </div>
      </header>

      {form.restored && !create.isError && <Alert className="wf-alert" type="info" showIcon role="status" title={t('trust.draftKept')} data-testid="draft-kept" />}

      {create.isError && (
        <Alert
          className="wf-alert"
          type="error"
          showIcon
          role="alert"
          title={t('workerForm.failedTitle')}
          description={
            <>
              <div>{validationFailed ? t('workerForm.fixFields') : describe(create.error)}</div>
              {unplaced.length > 0 && (
                <ul className="wf-issues">
                  {unplaced.map((u, i) => (
                    <li key={i}>{en ? u.messageEn : u.message}</li>
                  ))}
                </ul>
              )}
            </>
          }
        />
      )}

      <form className="page-panel wf-form" onSubmit={form.onSubmit} noValidate aria-busy={form.busy}>
        <PersonFields form={form} me={me} />
        <EnrolmentFields form={form} />

        <div className="wf-actions">
          <Button type="primary" htmlType="submit" size="large" icon={<CheckIcon />} loading={form.busy} className="wf-submit">
            {t('workerForm.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
