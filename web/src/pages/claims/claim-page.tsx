import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CLAIM_STEP_LABELS, type ClaimStep } from '../../../../src/domain/claims';
import { todayWib } from '../../../../src/domain/wib';
import { useClaim, useClaimHandover, useClaimTransition, useUploadClaimDocument } from '../../api/use-claims';
import { ErrorState } from '../../components/error-state';
import { FileIcon } from '../../components/icons';
import { NativeSelect } from '../../components/native-select';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatDate, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { EligibilityPanel } from './estimate';
import './claims.css';

/** A claim: eligibility and estimate, the checklist with its files, the next step, the hand-over, the history and the letter. */
export default function ClaimPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const can = useCan();
  const id = Number(useParams().id);
  const claim = useClaim(id);
  const move = useClaimTransition(id);
  const upload = useUploadClaimDocument(id);
  const handover = useClaimHandover(id);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [paid, setPaid] = useState('');
  const [ho, setHo] = useState({ by: '', place: '', date: todayWib() });
  const writer = can('claim:write');
  usePageTitle(claim.data ? `${t('claims.caseTitle')} #${claim.data.id}` : undefined);

  if (claim.isError) return <ErrorState error={claim.error} />;
  if (claim.isPending) return <div className="page-panel"><Skeleton rows={8} /></div>;
  const c = claim.data;
  const step = (s: ClaimStep) => CLAIM_STEP_LABELS[s][lang];
  const submit = () => {
    if (!to) return;
    const amount = Number(paid.replace(/\D/g, ''));
    move.mutate({ to: to as ClaimStep, ...(note.trim() ? { note: note.trim() } : {}), ...(to === 'paid' ? { paidAmount: amount } : {}) }, { onSuccess: () => { setTo(''); setNote(''); } });
  };
  const fileInput = (item: string, testId?: string) => (
    <input
      type="file"
      accept="application/pdf,image/png,image/jpeg"
      aria-label={`${t('claims.upload')} ${item}`}
      data-testid={testId ?? `claim-file-${item}`}
      onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) upload.mutate({ item, file: f });
        e.target.value = '';
      }}
    />
  );

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">
            {t('claims.caseTitle')} #{c.id}: {c.personName}
          </h1>
          <p className="page-subtitle">
            {lang === 'en' ? c.typeLabelEn : c.typeLabel} · {formatDate(c.incidentDate)} · {displayRegionName(c.regionName)}
            <br />
            <strong data-testid="claim-step">{step(c.step)}</strong> · {t('claims.since', { date: formatDate(c.stepDate) })}
            {c.overdue && <span className="cl-flag"> · {t('claims.overdue')}</span>}
            {c.lateReport && <span className="cl-flag" data-testid="claim-late"> · {t('claims.lateReport')}</span>}
          </p>
          {c.paidAmount !== null && <p data-testid="claim-paid">{t('claims.paid', { amount: formatRupiah(c.paidAmount, lang), date: formatDate(c.paidOn ?? c.stepDate) })}</p>}
          {c.rejectionReason && <p className="cl-flag">{t('claims.rejected', { reason: c.rejectionReason })}</p>}
          {c.handover && <p data-testid="claim-handover">{t('claims.handoverDone', { by: c.handover.by, place: c.handover.place, date: formatDate(c.handover.on) })}</p>}
        </div>
        <div className="page-actions">
          <a href={`/api/claims/${c.id}/letter.pdf`} target="_blank" rel="noreferrer" data-testid="claim-letter">
            <FileIcon /> {t('claims.letter')}
          </a>
          <Link to="/klaim">{t('claims.listTitle')}</Link>
        </div>
      </header>

      <section className="page-panel">
        <EligibilityPanel e={c} />
      </section>

      <section className="page-panel">
        <h2>{t('claims.checklist')}</h2>
        <p role="status" data-testid="claim-missing">{c.missingDocuments.length ? t('claims.missing', { n: c.missingDocuments.length }) : t('claims.complete')}</p>
        <ul className="cl-checklist">
          {c.checklist.map((i) => (
            <li key={i.code} className={i.document ? 'cl-done' : undefined} data-testid={`claim-item-${i.code}`}>
              <span>
                {i.document ? '☑' : '☐'} {lang === 'en' ? i.labelEn : i.label}
                {!i.required && <em className="cl-muted"> ({t('claims.optional')})</em>}
              </span>
              {i.document && (
                <a href={`/api/claims/${c.id}/files/${i.document.id}`} className="cl-muted">
                  {i.document.filename}
                </a>
              )}
              {writer && !['rejected', 'closed'].includes(c.step) && fileInput(i.code)}
            </li>
          ))}
        </ul>
        <p className="cl-muted">{t('claims.uploadHint')}</p>
        {upload.isError && <Alert type="error" showIcon title={describe(upload.error)} />}
      </section>

      {writer && c.allowedNext.length > 0 && (
        <section className="page-panel cl-form">
          <h2>{t('claims.nextStep')}</h2>
          <NativeSelect aria-label={t('claims.nextStep')} data-testid="claim-next-step" value={to} onChange={setTo} placeholder={t('claims.chooseStep')} options={c.allowedNext.map((s) => ({ value: s, label: step(s) }))} />
          {to === 'paid' && (
            <label>
              {t('claims.paidAmount')}
              <input type="text" inputMode="numeric" value={paid} onChange={(e) => setPaid(e.target.value)} data-testid="claim-paid-amount" />
            </label>
          )}
          <label>
            {t('claims.note')}
            <textarea rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div>
            <Button type="primary" disabled={!to} loading={move.isPending} onClick={submit} data-testid="claim-move">
              {t('claims.move')}
            </Button>
          </div>
          {move.isError && <Alert type="error" showIcon title={describe(move.error)} />}
        </section>
      )}

      {writer && c.paidAmount !== null && !c.handover && (
        <section className="page-panel cl-form">
          <h2>{t('claims.handover')}</h2>
          <label>{t('claims.handoverBy')}<input type="text" value={ho.by} maxLength={120} onChange={(e) => setHo({ ...ho, by: e.target.value })} data-testid="claim-handover-by" /></label>
          <label>{t('claims.handoverPlace')}<input type="text" value={ho.place} maxLength={200} onChange={(e) => setHo({ ...ho, place: e.target.value })} data-testid="claim-handover-place" /></label>
          <label>{t('claims.handoverDate')}<input type="date" value={ho.date} max={todayWib()} onChange={(e) => setHo({ ...ho, date: e.target.value })} /></label>
          <label>{t('claims.handoverPhoto')}{fileInput('HANDOVER_PHOTO', 'claim-handover-photo')}</label>
          <div>
            <Button type="primary" loading={handover.isPending} disabled={!ho.by.trim() || !ho.place.trim()} onClick={() => handover.mutate(ho)} data-testid="claim-handover-save">
              {t('claims.handoverSave')}
            </Button>
          </div>
          {handover.isError && <Alert type="error" showIcon title={describe(handover.error)} />}
        </section>
      )}

      {c.heirs.length > 0 && (
        <section className="page-panel">
          <h2>{t('claims.heirs')}</h2>
          <ul>
            {c.heirs.map((h) => (
              <li key={h.id}>
                <strong>{h.name}</strong> ({h.relation}) <span className="cl-muted">{[h.nik, h.phone, h.bankAccount].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="page-panel">
        <h2>{t('claims.history')}</h2>
        <ol data-testid="claim-steps">
          {c.steps.map((s) => (
            <li key={s.id}>
              <strong>{step(s.step)}</strong> · {formatDate(s.stepDate)} <span className="cl-muted">({s.by}){s.note && ` — ${s.note}`}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
