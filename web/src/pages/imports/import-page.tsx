import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm } from 'antd';
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { queryKeys } from '../../api/keys';
import type { ImportCounts, ImportView } from '../../api/types';
import { useCommitImport } from '../../api/use-commit-import';
import { useImportJob } from '../../api/use-import-job';
import { useCan } from '../../lib/use-can';
import { importReportUrl, importTemplateUrl, useStartImport } from '../../api/use-start-import';
import { ErrorState } from '../../components/error-state';
import { CheckIcon, DownloadIcon, FileIcon, UploadIcon, UsersIcon } from '../../components/icons';
import { ProgressBar } from '../../components/progress-bar';
import { Skeleton } from '../../components/skeleton';
import { StatusMessage } from '../../components/status-message';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { reasonLabel } from './import-labels';
import { ProblemRows } from './problem-rows';
import type { CountCard, ImportKindUi } from './import-kinds';
import { usePageTitle } from '../../lib/use-page-title';
import '../workers/workers.css';
import './import-page.css';

const MAX_BYTES = 200 * 1024 * 1024;
const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

function formatBytes(n: number): string {
  const lang = currentLang();
  if (n < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(n / 1024)), lang)} KB`;
  return `${formatNumber(n / (1024 * 1024), lang, 1)} MB`;
}

/** Rows of the file that were not saved (rejected, duplicates, already registered, double funded). */
function notSavedOf(c: ImportCounts, registeredAreSaved = false): number {
  return (c.rejected ?? 0) + (c.duplicateInFile ?? 0) + (registeredAreSaved ? 0 : (c.alreadyRegistered ?? 0)) + (c.doubleFunded ?? 0);
}

/**
 * Bulk import from Excel/CSV (workers, employers: `kind`): upload → the server checks every row
 * (progress bar) → preview of what would be saved and why rows were rejected → save all valid rows
 * at once. The import's id is in the address (/impor/12), so a reload or a later visit finds it again.
 */
export default function ImportPage({ kind }: { kind: ImportKindUi }) {
  const { t } = useTranslation();
  const can = useCan();
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : undefined;

  usePageTitle(t(kind.titleKey));

  if (!can(kind.writePermission)) {
    return <StatusMessage tone="warning" title={t('errors.noWriteTitle')} text={t('errors.noWriteAccess')} />;
  }
  return (
    <div className="imp">
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t(kind.titleKey)}</h1>
          <p className="page-subtitle">{t(kind.introKey)}</p>
        </div>
        <div className="page-actions">
          <Button icon={<DownloadIcon />} href={importTemplateUrl(kind.apiBase)} download>
            {t('imports.template')}
          </Button>
        </div>
      </header>
      {id === undefined ? <UploadStep kind={kind} /> : <ImportJob key={id} id={id} kind={kind} />}
    </div>
  );
}

function UploadStep({ kind }: { kind: ImportKindUi }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const navigate = useNavigate();
  const start = useStartImport(kind.apiBase);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<'imports.wrongType' | 'imports.tooLarge' | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const choose = (f: File | undefined) => {
    start.reset();
    if (!f) return;
    if (!/\.(xlsx|csv)$/i.test(f.name)) {
      setFile(null);
      setFileError('imports.wrongType');
      return;
    }
    if (f.size > MAX_BYTES) {
      setFile(null);
      setFileError('imports.tooLarge');
      return;
    }
    setFileError(null);
    setFile(f);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      inputRef.current?.click();
      return;
    }
    start.mutate(file, { onSuccess: ({ id }) => navigate(`${kind.pagePath}/${id}`) });
  };

  return (
    <form className="page-panel imp-upload" onSubmit={onSubmit} aria-busy={start.isPending}>
      <p className="imp-template-hint">{t(kind.hintKey)}</p>
      <label
        htmlFor={inputId}
        className={`imp-drop${dragging ? ' imp-drop-active' : ''}${fileError ? ' imp-drop-invalid' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          name="file"
          accept={ACCEPT}
          className="imp-file-input"
          aria-describedby={`${inputId}-types`}
          disabled={start.isPending}
          onChange={(e) => {
            choose(e.target.files?.[0]);
            e.target.value = ''; // choosing the same file again still fires
          }}
        />
        <span className="imp-drop-icon" aria-hidden="true">
          {file ? <FileIcon /> : <UploadIcon />}
        </span>
        {file ? (
          <span className="imp-file" data-testid="import-file">
            <strong>{file.name}</strong>
            <span className="imp-muted">{formatBytes(file.size)}</span>
          </span>
        ) : (
          <span className="imp-file">
            <strong className="imp-choose">{t('imports.chooseFile')}</strong>
            <span className="imp-muted imp-drop-text">{t('imports.dropHere')}</span>
          </span>
        )}
        <span id={`${inputId}-types`} className="imp-muted imp-types">
          {t('imports.fileTypes')}
        </span>
      </label>
      {fileError && (
        <div className="form-error" role="alert">
          {t(fileError)}
        </div>
      )}
      {start.isError && <Alert className="imp-alert" type="error" showIcon role="alert" title={t('imports.uploadFailed')} description={describe(start.error)} />}
      <div className="imp-actions">
        <Button type="primary" htmlType="submit" size="large" icon={<UploadIcon />} loading={start.isPending} disabled={!file}>
          {t('imports.upload')}
        </Button>
      </div>
    </form>
  );
}


function ImportJob({ id, kind }: { id: number; kind: ImportKindUi }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [awaitingCommit, setAwaitingCommit] = useState(false);
  const job = useImportJob(kind.apiBase, id, awaitingCommit);
  const commit = useCommitImport(kind.apiBase);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const status = job.data?.status;

  useEffect(() => {
    if (status && status !== 'validated') setAwaitingCommit(false);
    if (status === 'committed') void qc.invalidateQueries({ queryKey: queryKeys.workers });
    // A finished phase moves the focus to its heading, so screen readers hear the outcome.
    if (status && status !== 'validating' && status !== 'committing') headingRef.current?.focus();
  }, [status, qc]);

  const again = (
    <Button size="large" icon={<UploadIcon />} onClick={() => navigate(kind.pagePath)}>
      {t('imports.reupload')}
    </Button>
  );

  if (job.isPending) {
    return (
      <div className="page-panel">
        <Skeleton rows={4} />
      </div>
    );
  }
  if (job.isError && !job.data) {
    return <ErrorState error={job.error} title={t('imports.loadError')} onRetry={() => void job.refetch()} extra={again} />;
  }

  const v: ImportView = job.data;
  if (v.status === 'validating' || v.status === 'committing' || (awaitingCommit && v.status === 'validated')) {
    const label = v.status === 'validating' ? t('imports.validating', { file: v.filename }) : t('imports.committing');
    return (
      <section className="page-panel imp-progress" data-testid="import-progress" aria-live="polite">
        <h2 className="imp-heading">{label}</h2>
        <ProgressBar value={v.status === 'validated' ? 0 : v.progress} label={label} />
        <p className="imp-muted">{t('imports.waitNote')}</p>
      </section>
    );
  }

  if (v.status === 'failed') {
    return (
      <div data-testid="import-failed">
        <StatusMessage
          tone="error"
          title={
            <span ref={headingRef} tabIndex={-1} className="imp-focus">
              {t('imports.failedTitle')}
            </span>
          }
          text={v.error ? (currentLang() === 'en' ? v.error.messageEn : v.error.message) : t('errors.unexpected')}
          actions={again}
        />
      </div>
    );
  }

  if (v.status === 'committed') {
    const lang = currentLang();
    return (
      <div data-testid="import-committed">
        <StatusMessage
          tone="success"
          title={
            <span ref={headingRef} tabIndex={-1} className="imp-focus">
              {t('imports.committedTitle')}
            </span>
          }
          text={
            <>
              {kind.committedText(t, v.committed, lang)}
              {notSavedOf(v.counts, kind.registeredAreSaved) > 0 && (
                <>
                  <br />
                  <a href={importReportUrl(kind.apiBase, v.id)} download className="imp-report" data-testid="import-not-saved">
                    <DownloadIcon /> {t('trust.notSaved', { n: formatNumber(notSavedOf(v.counts), lang) })}
                  </a>
                </>
              )}
            </>
          }
          actions={
            <>
              <Button type="primary" size="large" icon={<UsersIcon />} onClick={() => navigate(kind.listPath)}>
                {t(kind.listKey)}
              </Button>
              <Button size="large" icon={<UploadIcon />} onClick={() => navigate(kind.pagePath)}>
                {t('imports.another')}
              </Button>
            </>
          }
        />
      </div>
    );
  }

  const onCommit = (confirmOverCapacity = false) => {
    setAwaitingCommit(true);
    commit.mutate({ id: v.id, confirmOverCapacity }, { onError: () => setAwaitingCommit(false) });
  };
  // Over a funding programme's quota or budget: the server says whether this user may confirm.
  const canConfirm = commit.error instanceof ApiError && commit.error.code === 'FUNDING_CAPACITY_EXCEEDED' && commit.error.details.canConfirm === true;
  return (
    <Preview
      v={v}
      headingRef={headingRef}
      onCommit={onCommit}
      committing={commit.isPending}
      commitError={commit.isError ? describe(commit.error) : null}
      canConfirm={canConfirm}
      cards={kind.cards}
      reportUrl={importReportUrl(kind.apiBase, v.id)}
      problems={<ProblemRows apiBase={kind.apiBase} importId={v.id} />}
      again={again}
      registeredAreSaved={kind.registeredAreSaved}
    />
  );
}

function Preview({
  v,
  headingRef,
  onCommit,
  committing,
  commitError,
  canConfirm,
  cards,
  reportUrl,
  problems,
  again,
  registeredAreSaved,
}: {
  v: ImportView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onCommit: (confirmOverCapacity?: boolean) => void;
  committing: boolean;
  commitError: string | null;
  canConfirm: boolean;
  cards: CountCard[];
  reportUrl: string;
  /** the rows to fix, listed on screen */
  problems: ReactNode;
  again: ReactNode;
  registeredAreSaved?: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const c = v.counts;
  const n = (k: keyof Omit<ImportCounts, 'rejectedByReason' | 'fundingPrograms'>) => c[k] ?? 0;
  const valid = n('valid');
  const notImported = notSavedOf(c, registeredAreSaved);
  const reasons = Object.entries(c.rejectedByReason ?? {}).sort((a, b) => b[1] - a[1]);

  return (
    <section className="page-panel imp-preview" data-testid="import-preview" aria-labelledby={`imp-h-${v.id}`}>
      <h2 id={`imp-h-${v.id}`} className="imp-heading imp-focus" ref={headingRef} tabIndex={-1}>
        {t('imports.previewTitle', { file: v.filename })}
      </h2>
      <dl className="imp-cards">
        {cards.map(({ key, tone }) => (
          <div key={key} className={`imp-card${tone && n(key) > 0 ? ` imp-card-${tone}` : ''}`} data-testid={`import-count-${key}`}>
            <dt>{t(`imports.${key}`)}</dt>
            <dd>{formatNumber(n(key), lang)}</dd>
          </div>
        ))}
      </dl>
      {n('withWarnings') > 0 && <p className="imp-muted">{t('imports.withWarnings', { n: formatNumber(n('withWarnings'), lang) })}</p>}

      {reasons.length > 0 && (
        <>
          <h3 className="imp-subheading">{t('imports.reasonsTitle')}</h3>
          <table className="imp-reasons" data-testid="import-reasons">
            <thead>
              <tr>
                <th scope="col">{t('imports.reason')}</th>
                <th scope="col" className="imp-num">
                  {t('imports.rows')}
                </th>
              </tr>
            </thead>
            <tbody>
              {reasons.map(([code, count]) => (
                <tr key={code}>
                  <td>{reasonLabel(t, code)}</td>
                  <td className="imp-num">{formatNumber(count, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(c.fundingPrograms ?? []).length > 0 && (
        <>
          <h3 className="imp-subheading">{t('imports.fundingTitle')}</h3>
          <table className="imp-reasons" data-testid="import-funding">
            <thead>
              <tr>
                <th scope="col">{t('imports.fundingProgram')}</th>
                <th scope="col" className="imp-num">
                  {t('imports.rows')}
                </th>
              </tr>
            </thead>
            <tbody>
              {c.fundingPrograms!.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.name}
                    {p.message && <div className="imp-warn">{lang === 'en' ? p.message.en : p.message.id}</div>}
                  </td>
                  <td className="imp-num">{formatNumber(p.rows, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {problems}
      {notImported > 0 && (
        <p>
          <a href={reportUrl} download className="imp-report">
            <DownloadIcon /> {t('imports.report')}
          </a>
        </p>
      )}

      {commitError && <Alert className="imp-alert" type="error" showIcon role="alert" title={commitError} />}
      {valid === 0 ? (
        <Alert className="imp-alert" type="warning" showIcon title={t('imports.noneValid')} />
      ) : (
        <p className="imp-muted imp-commit-note">
          {t('imports.commitNote')}
          {notImported > 0 && <> {t('imports.fixOthers')}</>}
        </p>
      )}
      <div className="imp-actions">
        {again}
        {canConfirm ? (
          <Popconfirm
            title={t('trust.overCapacityTitle', { n: formatNumber(valid, lang) })}
            description={<div style={{ maxWidth: 'min(320px, 80vw)' }}>{t('trust.overCapacityText')}</div>}
            okText={t('trust.overCapacityOk')}
            cancelText={t('trust.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onCommit(true)}
          >
            <Button type="primary" danger size="large" icon={<CheckIcon />} loading={committing} data-testid="import-commit-confirm">
              {t('imports.commitOverCapacity', { n: formatNumber(valid, lang) })}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="primary" size="large" icon={<CheckIcon />} disabled={valid === 0} loading={committing} onClick={() => onCommit()} data-testid="import-commit">
            {t('imports.commit', { n: formatNumber(valid, lang) })}
          </Button>
        )}
      </div>
    </section>
  );
}
