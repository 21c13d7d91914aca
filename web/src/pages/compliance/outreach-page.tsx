import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIENCES } from '../../../../src/domain/outreach';
import type { Me } from '../../api/types';
import { useCan } from '../../lib/use-can';
import { useUser } from '../../lib/use-user';
import { useOutreachEvents } from '../../api/use-outreach-events';
import { useOutreachReach } from '../../api/use-outreach-reach';
import { useRecordOutreach } from '../../api/use-record-outreach';
import { useRegionChildren } from '../../api/use-region-children';
import { DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { NativeSelect } from '../../components/native-select';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useErrorMessage } from '../../lib/use-error-message';
import { dateText } from './labels';
import { usePageTitle } from '../../lib/use-page-title';
import './compliance.css';
import { todayWib } from '../../../../src/domain/wib';

/** Outreach (sosialisasi): how many villages have been reached, which not yet, and a form to record an event. */
export default function OutreachPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useUser();
  const can = useCan();
  const reach = useOutreachReach(me.regionCode);
  const events = useOutreachEvents(1);
  usePageTitle(t('outreach.title'));

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('outreach.title')}</h1>
          <p className="page-subtitle">{displayRegionName(me.regionName)}</p>
        </div>
      </header>
      {reach.isError ? (
        <ErrorState error={reach.error} onRetry={() => void reach.refetch()} />
      ) : reach.isPending ? (
        <div className="page-panel"><Skeleton rows={4} /></div>
      ) : (
        <>
          <section className="page-panel cp-grid" data-testid="reach-summary">
            <div className="cp-figure">
              <div className="cp-figure-value" data-testid="reach-pct">{formatPercentValue(reach.data.pct, lang)}</div>
              <div className="cp-figure-label">{t('outreach.reached')}</div>
            </div>
            <div className="cp-figure">
              <div className="cp-figure-value" data-testid="reach-count">
                {formatNumber(reach.data.villagesReached, lang)} / {formatNumber(reach.data.villagesTotal, lang)}
              </div>
              <div className="cp-figure-label">{t('outreach.desaReached')}</div>
            </div>
            <div className="cp-figure">
              <div className="cp-figure-value">{formatNumber(reach.data.notReached.length, lang)}</div>
              <div className="cp-figure-label">{t('outreach.notReachedCount')}</div>
            </div>
          </section>
          {reach.data.notReached.length > 0 && (
            <section className="page-panel">
              <h2>{t('outreach.notReached')}</h2>
              <ul data-testid="not-reached">
                {reach.data.notReached.slice(0, 50).map((v) => (
                  <li key={v.code}>
                    {displayRegionName(v.name)} <span className="cp-muted">{v.code}</span>
                  </li>
                ))}
              </ul>
              {reach.data.notReached.length > 50 && <p className="cp-muted">{t('outreach.more', { n: formatNumber(reach.data.notReached.length - 50, lang) })}</p>}
            </section>
          )}
          {reach.data.byChild.length > 0 && (
            <section className="page-panel cp-table-wrap">
              <h2>{t('outreach.byArea')}</h2>
              <DataTable
                columns={[
                  { key: 'area', header: t('outreach.area'), card: 'title', cell: (c) => displayRegionName(c.name) },
                  { key: 'reached', header: t('outreach.desaReached'), cell: (c) => `${formatNumber(c.villagesReached, lang)} / ${formatNumber(c.villagesTotal, lang)}` },
                  {
                    key: 'pct',
                    header: '%',
                    cell: (c) => (
                      <>
                        <div className="cp-bar" title={formatPercentValue(c.pct, lang)}>
                          <span style={{ width: `${c.pct}%` }} />
                        </div>
                        {formatPercentValue(c.pct, lang)}
                      </>
                    ),
                  },
                ]}
                rows={reach.data.byChild}
                rowKey={(c) => c.code}
              />
            </section>
          )}
        </>
      )}
      {can('outreach:write') && <RecordEvent me={me} />}
      <section className="page-panel">
        <h2>{t('outreach.recent')}</h2>
        {events.data?.items.length ? (
          <ul>
            {events.data.items.map((e) => (
              <li key={e.id}>
                <strong>{dateText(e.heldOn)}</strong> · {e.title} · {e.organiser} ·{' '}
                <span className="cp-muted">
                  {t('outreach.eventFigures', { villages: formatNumber(e.villageCount, lang), attendance: formatNumber(e.attendance, lang), enrolments: formatNumber(e.enrolmentsAfter, lang) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="cp-muted">{t('outreach.noEvents')}</p>
        )}
      </section>
    </>
  );
}

function RecordEvent({ me }: { me: Me }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const record = useRecordOutreach();
  const [path, setPath] = useState<string[]>([]);
  const node = path[path.length - 1] ?? me.regionCode;
  const children = useRegionChildren(node);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [form, setForm] = useState({ heldOn: todayWib(), title: '', organiser: '', attendance: '', enrolmentsAfter: '0' });
  const [audiences, setAudiences] = useState<Set<string>>(new Set(['village_heads']));
  const [done, setDone] = useState(false);
  const villages = children.data?.filter((c) => c.level === 'village') ?? [];
  const areas = children.data?.filter((c) => c.level !== 'village') ?? [];
  const toggle = (set: Set<string>, v: string) => {
    const n = new Set(set);
    if (n.has(v)) n.delete(v);
    else n.add(v);
    return n;
  };
  const submit = () => {
    setDone(false);
    record.mutate(
      { heldOn: form.heldOn, title: form.title, organiser: form.organiser, audiences: [...audiences], attendance: Number(form.attendance || 0), enrolmentsAfter: Number(form.enrolmentsAfter || 0), villageCodes: [...chosen] },
      { onSuccess: () => { setChosen(new Set()); setDone(true); } },
    );
  };

  return (
    <section className="page-panel">
      <h2>{t('outreach.record')}</h2>
      <div className="cp-form" data-testid="outreach-form">
        <label>
          {t('outreach.date')}
          <input type="date" value={form.heldOn} onChange={(e) => setForm({ ...form, heldOn: e.target.value })} />
        </label>
        <label>
          {t('outreach.eventTitle')}
          <input type="text" name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label>
          {t('outreach.organiser')}
          <input type="text" name="organiser" value={form.organiser} onChange={(e) => setForm({ ...form, organiser: e.target.value })} />
        </label>
        <fieldset className="cp-checks">
          <legend>{t('outreach.audience')}</legend>
          {AUDIENCES.map((a) => (
            <label key={a}>
              <input type="checkbox" checked={audiences.has(a)} onChange={() => setAudiences(toggle(audiences, a))} /> {t(`outreach.audiences.${a}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('outreach.attendance')}
          <input type="number" name="attendance" min={0} value={form.attendance} onChange={(e) => setForm({ ...form, attendance: e.target.value })} />
        </label>
        <label>
          {t('outreach.enrolmentsAfter')}
          <input type="number" name="enrolmentsAfter" min={0} value={form.enrolmentsAfter} onChange={(e) => setForm({ ...form, enrolmentsAfter: e.target.value })} />
        </label>
        <div>
          <strong>{t('outreach.villages', { n: chosen.size })}</strong>
          <div className="cp-tabs">
            {path.length > 0 && (
              <Button size="small" onClick={() => setPath(path.slice(0, -1))}>
                {t('outreach.up')}
              </Button>
            )}
            {areas.length > 0 && (
              <NativeSelect aria-label={t('outreach.area')} data-testid="outreach-area" value="" onChange={(v) => v && setPath([...path, v])} placeholder={t('outreach.chooseArea')} options={areas.map((a) => ({ value: a.code, label: displayRegionName(a.name) }))} />
            )}
            {villages.length > 0 && (
              <Button size="small" onClick={() => setChosen(new Set([...chosen, ...villages.map((v) => v.code)]))}>
                {t('outreach.allVillages')}
              </Button>
            )}
          </div>
          {villages.length > 0 && (
            <div className="cp-villages" data-testid="outreach-villages">
              {villages.map((v) => (
                <label key={v.code}>
                  <input type="checkbox" value={v.code} checked={chosen.has(v.code)} onChange={() => setChosen(toggle(chosen, v.code))} /> {displayRegionName(v.name)}
                </label>
              ))}
            </div>
          )}
        </div>
        <div>
          <Button type="primary" loading={record.isPending} disabled={chosen.size === 0 || !form.title.trim() || !form.organiser.trim() || audiences.size === 0} onClick={submit} data-testid="outreach-save">
            {t('outreach.save')}
          </Button>
        </div>
        {record.isError && <Alert type="error" showIcon title={describe(record.error)} />}
        {done && <Alert type="success" showIcon title={t('outreach.saved')} />}
      </div>
    </section>
  );
}
