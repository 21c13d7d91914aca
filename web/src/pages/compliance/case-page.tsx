import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CaseStep } from '../../../../src/domain/compliance-case';
import { useCaseTransition } from '../../api/use-case-transition';
import { useComplianceCase } from '../../api/use-compliance-case';
import { useCan } from '../../lib/use-can';
import { useUser } from '../../lib/use-user';
import { useUploadCaseDocument } from '../../api/use-upload-case-document';
import { ErrorState } from '../../components/error-state';
import { FileIcon } from '../../components/icons';
import { NativeSelect } from '../../components/native-select';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useErrorMessage } from '../../lib/use-error-message';
import { dateText, findingText, statusLabel, stepLabel } from './labels';
import { usePageTitle } from '../../lib/use-page-title';
import './compliance.css';

/** A case file: every step with its date, deadline, officer and letter; the next move; the documents. */
export default function CasePage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const me = useUser();
  const can = useCan();
  const id = Number(useParams().id);
  const kase = useComplianceCase(id);
  const move = useCaseTransition(id);
  const upload = useUploadCaseDocument(id);
  const [to, setTo] = useState<string>('');
  const [note, setNote] = useState('');
  const [officer, setOfficer] = useState('');
  const writer = can('compliance:write');

  usePageTitle(kase.data ? `${t('compliance.case')} #${kase.data.id}` : undefined);

  if (kase.isError) return <ErrorState error={kase.error} />;
  if (kase.isPending) return <div className="page-panel"><Skeleton rows={8} /></div>;
  const c = kase.data;
  const submit = () => {
    if (!to) return;
    move.mutate({ to: to as CaseStep, note: note.trim() || undefined, officer: officer.trim() || undefined }, { onSuccess: () => { setTo(''); setNote(''); } });
  };

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">
            {t('compliance.case')} #{c.id}: <Link to={`/kepatuhan/perusahaan/${c.employerId}`}>{c.employerName}</Link>
          </h1>
          <p className="page-subtitle">
            <strong data-testid="case-step">{stepLabel(t, c.step)}</strong> · {t('compliance.since', { date: dateText(c.stepDate) })}
            {c.deadline && (
              <>
                {' · '}
                <span className={c.overdue ? 'cp-overdue' : undefined} data-testid="case-deadline">
                  {t('compliance.deadline', { date: dateText(c.deadline) })}
                  {c.overdue && ` (${t('compliance.overdue')})`}
                </span>
              </>
            )}
            {' · '}
            {c.officer} · {displayRegionName(c.regionName)}
          </p>
        </div>
        <div className="page-actions">
          <Link to="/kepatuhan/kasus">{t('compliance.casesTitle')}</Link>
        </div>
      </header>

      <section className="page-panel">
        <h2>{t('compliance.findingsAtOpening')}</h2>
        <ul className="cp-findings">
          {c.findings.map((f) => (
            <li key={f.code}>
              <strong>{statusLabel(t, f.code)}:</strong> {findingText(f, lang)}
            </li>
          ))}
        </ul>
      </section>

      {writer && c.allowedNext.length > 0 && (
        <section className="page-panel">
          <h2>{t('compliance.nextStep')}</h2>
          <div className="cp-form">
            <NativeSelect aria-label={t('compliance.nextStep')} data-testid="next-step" value={to} onChange={setTo} placeholder={t('compliance.chooseStep')} options={c.allowedNext.map((s) => ({ value: s, label: stepLabel(t, s) }))} />
            <label>
              {t('compliance.officer')}
              <input type="text" value={officer} placeholder={me.displayName} onChange={(e) => setOfficer(e.target.value)} maxLength={120} />
            </label>
            <label>
              {t('compliance.note')}
              <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
            </label>
            <div>
              <Button type="primary" disabled={!to} loading={move.isPending} onClick={submit} data-testid="do-transition">
                {t('compliance.moveCase')}
              </Button>
            </div>
            {move.isError && <Alert type="error" showIcon title={describe(move.error)} />}
          </div>
        </section>
      )}

      <section className="page-panel">
        <h2>{t('compliance.history')}</h2>
        <ol className="cp-steps" data-testid="case-steps">
          {c.steps.map((s, i) => (
            <li key={s.id} className={i === c.steps.length - 1 ? 'cp-current' : undefined}>
              <strong>{stepLabel(t, s.step)}</strong> · {dateText(s.stepDate)}
              {s.deadline && ` · ${t('compliance.deadline', { date: dateText(s.deadline) })}`}
              <div className="cp-muted">
                {s.officer} ({s.by}){s.note && ` — ${s.note}`}
              </div>
              {s.letter && (
                <a href={`/api/compliance-cases/${c.id}/letters/${s.id}`} target="_blank" rel="noreferrer" data-testid="letter-link">
                  <FileIcon /> {t('compliance.letterPdf')}
                </a>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section className="page-panel">
        <h2>{t('compliance.documents')}</h2>
        {c.documents.length === 0 ? (
          <p className="cp-muted">{t('compliance.noDocuments')}</p>
        ) : (
          <ul>
            {c.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/compliance-cases/${c.id}/documents/${d.id}`}>{d.filename}</a> <span className="cp-muted">({formatNumber(Math.ceil(d.sizeBytes / 1024), lang)} KB · {d.uploadedBy})</span>
              </li>
            ))}
          </ul>
        )}
        {writer && (
          <label className="cp-form">
            {t('compliance.attach')}
            <input
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) upload.mutate(f);
                e.target.value = '';
              }}
            />
            <span className="cp-muted">{t('compliance.attachHint')}</span>
          </label>
        )}
        {upload.isError && <Alert type="error" showIcon title={describe(upload.error)} />}
      </section>
    </>
  );
}
