import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CLAIM_TYPE_LABELS, CLAIM_TYPES, type ClaimType, isDeath } from '../../../../src/domain/claims';
import { todayWib } from '../../../../src/domain/wib';
import { useClaimEligibility, useCreateClaim } from '../../api/use-claims';
import { useWorkers } from '../../api/use-workers';
import { NativeSelect } from '../../components/native-select';
import { currentLang } from '../../i18n';
import { displayRegionName } from '../../lib/region-name';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { EligibilityPanel } from './estimate';
import './claims.css';

/**
 * The case form for the village secretary, made for a phone: find the person by NIK or name, see at
 * once whether they were covered on the incident date and what the benefit is, then record the case.
 */
export default function ClaimFormPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const navigate = useNavigate();
  usePageTitle(t('claims.formTitle'));
  const [search, setSearch] = useState('');
  const term = useDebouncedValue(search.trim(), 300);
  const byNik = /^\d{16}$/.test(term);
  const people = useWorkers(byNik ? { nik: term } : { q: term }, 1, 5);
  const [person, setPerson] = useState<{ id: number; name: string } | null>(null);
  const [type, setType] = useState<ClaimType>('JKM');
  const [incidentDate, setIncidentDate] = useState(todayWib());
  const [reportedOn, setReportedOn] = useState(todayWib());
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [traffic, setTraffic] = useState(false);
  const [heir, setHeir] = useState({ name: '', relation: '', nik: '', phone: '', bankAccount: '' });
  const eligibility = useClaimEligibility({ personId: person?.id, type, incidentDate });
  const create = useCreateClaim();

  const submit = () => {
    if (!person) return;
    const heirs = isDeath(type) && heir.name.trim() && heir.relation.trim()
      ? [{ name: heir.name, relation: heir.relation, ...(heir.nik ? { nik: heir.nik } : {}), ...(heir.phone ? { phone: heir.phone } : {}), ...(heir.bankAccount ? { bankAccount: heir.bankAccount } : {}) }]
      : undefined;
    create.mutate(
      { personId: person.id, type, incidentDate, reportedOn, description, ...(place ? { incidentPlace: place } : {}), ...(type !== 'JKM' ? { trafficAccident: traffic } : {}), ...(heirs ? { heirs } : {}) },
      { onSuccess: (c) => navigate(`/klaim/${c.id}`) },
    );
  };
  const setH = (k: keyof typeof heir) => (e: React.ChangeEvent<HTMLInputElement>) => setHeir({ ...heir, [k]: e.target.value });

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('claims.formTitle')}</h1>
          <p className="page-subtitle">{t('claims.formSubtitle')}</p>
        </div>
        <div className="page-actions">
          <Link to="/klaim">{t('claims.listTitle')}</Link>
        </div>
      </header>
      <section className="page-panel cl-form">
        <label>
          {t('claims.findPerson')}
          <input type="search" inputMode="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="claim-person-search" />
          <span className="cl-muted">{t('claims.findHint')}</span>
        </label>
        {term.length >= 3 && people.data && (
          people.data.items.length === 0 ? (
            <p role="status">{t('claims.noPerson')}</p>
          ) : (
            <ul className="cl-people" data-testid="claim-people">
              {people.data.items.map((w) => (
                <li key={w.id} className={person?.id === w.id ? 'cl-picked' : undefined}>
                  <span>
                    <strong>{w.name}</strong>
                    <div className="cl-muted">
                      {w.nik} · {displayRegionName(w.villageName)}
                      {w.status && ` · ${t(`statuses.${w.status}`)}`}
                    </div>
                  </span>
                  <Button onClick={() => setPerson({ id: w.id, name: w.name })} type={person?.id === w.id ? 'primary' : 'default'} data-testid="claim-pick-person">
                    {person?.id === w.id ? t('claims.chosen') : t('claims.choose')}
                  </Button>
                </li>
              ))}
            </ul>
          )
        )}
        {person && (
          <>
            <label>
              {t('claims.type')}
              <NativeSelect aria-label={t('claims.type')} value={type} onChange={(v) => setType(v as ClaimType)} options={CLAIM_TYPES.map((c) => ({ value: c, label: CLAIM_TYPE_LABELS[c][lang] }))} data-testid="claim-type" />
            </label>
            <label>
              {t('claims.incidentDate')}
              <input type="date" value={incidentDate} max={todayWib()} onChange={(e) => setIncidentDate(e.target.value)} data-testid="claim-incident-date" />
            </label>
            {eligibility.data && <EligibilityPanel e={eligibility.data} />}
            {eligibility.isError && <Alert type="error" showIcon title={describe(eligibility.error)} />}
            <label>
              {t('claims.incidentPlace')}
              <input type="text" value={place} maxLength={200} onChange={(e) => setPlace(e.target.value)} />
            </label>
            <label>
              {t('claims.description')}
              <textarea rows={3} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} data-testid="claim-description" />
            </label>
            {type !== 'JKM' && (
              <label className="cl-check">
                <input type="checkbox" checked={traffic} onChange={(e) => setTraffic(e.target.checked)} /> {t('claims.trafficAccident')}
              </label>
            )}
            <label>
              {t('claims.reportedOn')}
              <input type="date" value={reportedOn} max={todayWib()} onChange={(e) => setReportedOn(e.target.value)} />
            </label>
            {isDeath(type) && (
              <fieldset className="cl-form">
                <legend>{t('claims.heir')}</legend>
                <label>{t('claims.heirName')}<input type="text" value={heir.name} onChange={setH('name')} maxLength={200} data-testid="claim-heir-name" /></label>
                <label>{t('claims.heirRelation')}<input type="text" value={heir.relation} onChange={setH('relation')} maxLength={60} data-testid="claim-heir-relation" /></label>
                <label>{t('claims.heirNik')}<input type="text" inputMode="numeric" value={heir.nik} onChange={setH('nik')} maxLength={16} /></label>
                <label>{t('claims.heirPhone')}<input type="text" inputMode="tel" value={heir.phone} onChange={setH('phone')} maxLength={20} /></label>
                <label>{t('claims.heirBank')}<input type="text" inputMode="numeric" value={heir.bankAccount} onChange={setH('bankAccount')} maxLength={30} /></label>
              </fieldset>
            )}
            <div>
              <Button type="primary" size="large" onClick={submit} loading={create.isPending} data-testid="claim-save">
                {t('claims.save')}
              </Button>
            </div>
            {create.isError && <Alert type="error" showIcon title={describe(create.error)} />}
          </>
        )}
      </section>
    </>
  );
}
