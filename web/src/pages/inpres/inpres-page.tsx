import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DUTIES, DUTY_LABELS, DUTY_STATUS_LABELS, type DutyStatus, type Weights, REGULATION_TYPE_LABELS, REGULATION_TYPES, REQUIREMENT_LABELS } from '../../../../src/domain/inpres';
import { inSubtree } from '../../../../src/domain/region-code';
import { todayWib } from '../../../../src/domain/wib';
import { GROUP_LABELS, GROUPS, type Group } from '../../../../src/domain/worker';
import type { ChildScore } from '../../../../src/modules/inpres/schemas';
import { useCreateRegulation } from '../../api/use-create-regulation';
import { useInpresChildren } from '../../api/use-inpres-children';
import { useInpresMeetings } from '../../api/use-inpres-meetings';
import { useInpresScorecard } from '../../api/use-inpres-scorecard';
import { useInpresWeights, useSetInpresWeights } from '../../api/use-inpres-weights';
import { useRecordMeeting } from '../../api/use-record-meeting';
import { useRegulations } from '../../api/use-regulations';
import { useSaveTargetGroups } from '../../api/use-save-target-groups';
import { useUpdateAction } from '../../api/use-update-action';
import { DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatDate, formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import { useUser } from '../../lib/use-user';
import './inpres.css';

const TONE: Record<DutyStatus, string> = { met: 'green', partial: 'orange', not_met: 'red', no_data: 'grey' };
const thisYear = Number(todayWib().slice(0, 4));

/**
 * The Inpres 2/2021 scorecard of a region (issue 15): duties with evidence and points, target groups,
 * overdue follow-ups, the children ranked; for the region's own operator, the forms to record
 * regulations, groups and meetings. Every figure links to the list behind it.
 */
export default function InpresPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useUser();
  const can = useCan();
  const code = useParams().code ?? me.regionCode;
  const [year, setYear] = useState(thisYear);
  const [semester, setSemester] = useState(`${thisYear}-S${todayWib().slice(5, 7) > '06' ? 2 : 1}`);
  const card = useInpresScorecard(code, year);
  const kids = useInpresChildren(code, year, code.length < 13);
  const mayWrite = can('inpres:write') && inSubtree(me.regionCode, code);
  usePageTitle(t('inpres.title'));

  if (card.isError) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  if (card.isPending) return <div className="page-panel"><Skeleton rows={6} /></div>;
  const c = card.data;
  const years = [thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: String(y), label: String(y) }));
  const semesters = [thisYear - 1, thisYear].flatMap((y) => [`${y}-S1`, `${y}-S2`]).map((s) => ({ value: s, label: s }));

  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('inpres.title')} — {c.region.code === 'ID' ? 'Indonesia' : displayRegionName(c.region.name)}</h1>
          <p className="page-subtitle">{t('inpres.intro')}</p>
          <div className="ip-score" data-testid="inpres-score">
            <span className="ip-score-value">{formatNumber(c.score, lang, 1)}</span>
            <span>{t('inpres.outOf')}</span>
            <strong data-testid="inpres-rank">{c.rank ? t('inpres.rank', { position: c.rank.position, of: c.rank.of }) : t('inpres.noRank')}</strong>
          </div>
        </div>
        <div className="page-actions">
          <label>
            {t('inpres.year')}{' '}
            <NativeSelect size="middle" value={String(year)} onChange={(v) => setYear(Number(v))} options={years} aria-label={t('inpres.year')} />
          </label>
          <label>
            {t('inpres.semester')}{' '}
            <NativeSelect size="middle" value={semester} onChange={setSemester} options={semesters} aria-label={t('inpres.semester')} />
          </label>
          <Button href={`/api/reports/inpres/${code}.pdf?semester=${semester}`} data-testid="inpres-pdf">{t('inpres.downloadPdf')}</Button>
          <Button href={`/api/reports/inpres/${code}.xlsx?semester=${semester}`}>{t('inpres.downloadXlsx')}</Button>
        </div>
      </header>

      {c.overdueActions.length > 0 && (
        <Alert type="warning" showIcon data-testid="inpres-overdue" message={t('inpres.overdueCount', { n: formatNumber(c.overdueActions.length, lang) })}
          description={<ul className="ip-evidence">{c.overdueActions.map((a) => <li key={a.id}>{a.decision} — {a.ownerAgency} · {formatDate(a.dueOn)}</li>)}</ul>} />
      )}

      <section className="page-panel">
        <DataTable
          data-testid="inpres-duties"
          rows={c.duties}
          rowKey={(d) => d.code}
          columns={[
            { key: 'duty', header: t('inpres.duty'), card: 'title', cell: (d) => DUTY_LABELS[d.code][lang] },
            { key: 'status', header: t('inpres.status'), card: 'aside', cell: (d) => <span className={`status-badge status-badge-${TONE[d.status]}`} data-testid={`duty-${d.code}`}>{DUTY_STATUS_LABELS[d.status][lang]}</span> },
            { key: 'points', header: t('inpres.points'), numeric: true, cell: (d) => `${formatNumber(d.score, lang, 1)} / ${d.weight}` },
            {
              key: 'evidence',
              header: t('inpres.evidence'),
              cell: (d) => (
                <ul className="ip-evidence">
                  {d.evidence.map((e) => (
                    <li key={e.label}>
                      {e.label}: {e.href ? <Link to={e.href}>{e.value}</Link> : e.value}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
        <p className="ip-muted">{t('inpres.weightsNote')}</p>
        {can('inpres:weights') && <EditWeights current={c.weights} />}
      </section>

      <section className="page-panel">
        <h2>{t('inpres.groups')}</h2>
        {c.targetGroups.length === 0 ? (
          <p className="ip-muted">{t('inpres.noGroups')}</p>
        ) : (
          <DataTable
            data-testid="inpres-groups"
            rows={c.targetGroups}
            rowKey={(g) => g.group}
            columns={[
              { key: 'group', header: t('inpres.group'), card: 'title', cell: (g) => GROUP_LABELS[g.group] },
              { key: 'size', header: t('inpres.size'), numeric: true, cell: (g) => formatNumber(g.size, lang) },
              { key: 'covered', header: t('inpres.covered'), numeric: true, cell: (g) => <Link to={`/pekerja?region=${code}&group=${g.group}&status=active`}>{formatNumber(g.covered, lang)}</Link> },
              { key: 'pct', header: '%', numeric: true, card: 'aside', cell: (g) => (g.pct === null ? '–' : formatPercentValue(g.pct, lang)) },
              { key: 'source', header: t('inpres.source'), cell: (g) => g.source },
            ]}
          />
        )}
        <p>{t('inpres.desaSadar', { sadar: formatNumber(c.desaSadar.villagesSadar, lang), declared: formatNumber(c.desaSadar.villagesDeclared, lang) })}</p>
        {mayWrite && <DeclareGroups code={code} year={year} current={c.targetGroups} />}
      </section>

      {code.length < 13 && <Children code={code} rows={kids.data} pending={kids.isPending} />}
      <Regulations code={code} mayWrite={mayWrite} />
      <Meetings code={code} mayWrite={mayWrite} />
    </>
  );
}

function Children({ code, rows, pending }: { code: string; rows: ChildScore[] | undefined; pending: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (pending || !rows) return <div className="page-panel"><Skeleton rows={4} /></div>;
  if (rows.length === 0) return null;
  return (
    <section className="page-panel">
      <h2>{t('inpres.children')}</h2>
      <DataTable
        data-testid="inpres-children"
        rows={rows}
        rowKey={(k) => k.code}
        columns={[
          { key: 'pos', header: '#', numeric: true, card: 'aside', cell: (k) => k.position },
          { key: 'name', header: t('inpres.region'), card: 'title', cell: (k) => <Link to={`/inpres/${k.code}`}>{displayRegionName(k.name)}</Link> },
          { key: 'score', header: t('inpres.score'), numeric: true, cell: (k) => formatNumber(k.score, lang, 1) },
          { key: 'sadar', header: t('inpres.desaSadarShort'), numeric: true, cell: (k) => formatNumber(k.desaSadar, lang) },
          { key: 'overdue', header: t('inpres.overdueBadge'), numeric: true, cell: (k) => formatNumber(k.overdueActions, lang) },
          ...(['REGULATION', 'BUDGET', 'PARTICIPATION', 'COMPLIANCE', 'LICENSING'] as const).map((d) => ({
            key: d,
            header: DUTY_LABELS[d][lang],
            cell: (k: (typeof rows)[number]) => {
              const s = k.duties.find((x) => x.code === d)!.status;
              return <span className={`status-badge status-badge-${TONE[s]}`}>{DUTY_STATUS_LABELS[s][lang]}</span>;
            },
          })),
        ]}
      />
      <div className="ip-lists" data-code={code}>
        <div>
          <h3>{t('inpres.noPerda')}</h3>
          <p data-testid="inpres-no-perda">{rows.filter((k) => !k.hasPerda).map((k) => displayRegionName(k.name)).join(', ') || t('inpres.none')}</p>
        </div>
        <div>
          <h3>{t('inpres.notBudgeted')}</h3>
          <p data-testid="inpres-not-budgeted">{rows.filter((k) => !k.budgeted).map((k) => displayRegionName(k.name)).join(', ') || t('inpres.none')}</p>
        </div>
      </div>
    </section>
  );
}

function DeclareGroups({ code, year, current }: { code: string; year: number; current: { group: Group; size: number; source: string }[] }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const save = useSaveTargetGroups(code);
  const shown: Group[] = code.length === 13 ? ['PERANGKAT_DESA', 'BPD', 'RT_RW', 'KONSTRUKSI_DESA'] : GROUPS.filter((g) => g !== 'OTHER');
  const [rows, setRows] = useState<Record<string, { size: string; source: string }>>(() =>
    Object.fromEntries(shown.map((g) => { const c = current.find((x) => x.group === g); return [g, { size: c ? String(c.size) : '', source: c?.source ?? '' }]; })),
  );
  const filled = shown.filter((g) => rows[g]!.size !== '');
  return (
    <details>
      <summary>{t('inpres.declareGroups')}</summary>
      <form className="ip-form" data-testid="inpres-groups-form" onSubmit={(e) => { e.preventDefault(); save.mutate({ year, groups: filled.map((g) => ({ group: g, size: Number(rows[g]!.size), source: rows[g]!.source })) }); }}>
        {shown.map((g) => (
          <fieldset key={g}>
            <legend>{GROUP_LABELS[g]}</legend>
            <input type="number" min={0} aria-label={`${GROUP_LABELS[g]} — ${t('inpres.size')}`} name={`size-${g}`} value={rows[g]!.size} onChange={(e) => setRows({ ...rows, [g]: { ...rows[g]!, size: e.target.value } })} />
            <input type="text" aria-label={`${GROUP_LABELS[g]} — ${t('inpres.source')}`} name={`source-${g}`} placeholder={t('inpres.source')} value={rows[g]!.source} onChange={(e) => setRows({ ...rows, [g]: { ...rows[g]!, source: e.target.value } })} />
          </fieldset>
        ))}
        <Button htmlType="submit" type="primary" loading={save.isPending} disabled={filled.length === 0}>{t('inpres.save')}</Button>
      </form>
      {save.isError && <Alert type="error" message={describe(save.error)} />}
      {save.isSuccess && <Alert type="success" message={t('inpres.saved')} />}
    </details>
  );
}

function Regulations({ code, mayWrite }: { code: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const list = useRegulations(code);
  const create = useCreateRegulation();
  const [type, setType] = useState<string>(code.length === 13 ? 'PERDES' : 'PERKADA');
  const [groups, setGroups] = useState<Set<string>>(new Set());
  const [requires, setRequires] = useState<Set<string>>(new Set());
  const toggle = (set: Set<string>, v: string) => { const n = new Set(set); if (n.has(v)) n.delete(v); else n.add(v); return n; };
  return (
    <section className="page-panel" id="regulasi">
      <h2>{t('inpres.regulations')}</h2>
      {list.data?.items.length ? (
        <DataTable
          data-testid="inpres-regulations"
          rows={list.data.items}
          rowKey={(g) => g.id}
          columns={[
            { key: 'type', header: t('inpres.regType'), card: 'aside', cell: (g) => REGULATION_TYPE_LABELS[g.type][lang] },
            { key: 'number', header: t('inpres.number'), card: 'title', cell: (g) => <a href={`/api/regulations/${g.id}/document`}>{g.number}</a> },
            { key: 'title', header: t('inpres.regTitle'), cell: (g) => g.title },
            { key: 'signed', header: t('inpres.signedOn'), cell: (g) => formatDate(g.signedOn) },
            { key: 'groups', header: t('inpres.groups'), cell: (g) => g.groups.map((x) => GROUP_LABELS[x]).join(', ') },
          ]}
        />
      ) : (
        <p className="ip-muted">{t('inpres.noRegulations')}</p>
      )}
      {mayWrite && (
        <details>
          <summary>{t('inpres.addRegulation')}</summary>
          <form
            className="ip-form"
            data-testid="inpres-regulation-form"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              form.set('regionCode', code);
              form.set('type', type);
              form.set('groups', [...groups].join(','));
              form.set('requires', [...requires].join(','));
              create.mutate(form, { onSuccess: () => (e.target as HTMLFormElement).reset() });
            }}
          >
            <FormField label={t('inpres.regType')}>{(p) => <NativeSelect {...p} value={type} onChange={setType} options={REGULATION_TYPES.map((x) => ({ value: x, label: REGULATION_TYPE_LABELS[x][lang] }))} />}</FormField>
            <FormField label={t('inpres.number')}>{(p) => <input {...p} type="text" name="number" required />}</FormField>
            <FormField label={t('inpres.regTitle')}>{(p) => <input {...p} type="text" name="title" required />}</FormField>
            <FormField label={t('inpres.signedOn')}>{(p) => <input {...p} type="date" name="signedOn" required />}</FormField>
            <FormField label={t('inpres.groups')} group>
              {() => GROUPS.filter((g) => g !== 'OTHER').map((g) => (
                <label key={g}><input type="checkbox" checked={groups.has(g)} onChange={() => setGroups(toggle(groups, g))} /> {GROUP_LABELS[g]}</label>
              ))}
            </FormField>
            <FormField label={t('inpres.requires')} group optional>
              {() => (Object.keys(REQUIREMENT_LABELS) as (keyof typeof REQUIREMENT_LABELS)[]).map((r) => (
                <label key={r}><input type="checkbox" checked={requires.has(r)} onChange={() => setRequires(toggle(requires, r))} /> {REQUIREMENT_LABELS[r][lang]}</label>
              ))}
            </FormField>
            <FormField label={t('inpres.document')}>{(p) => <input {...p} type="file" name="file" accept="application/pdf,.pdf" required />}</FormField>
            <Button htmlType="submit" type="primary" loading={create.isPending}>{t('inpres.save')}</Button>
          </form>
          {create.isError && <Alert type="error" message={describe(create.error)} data-testid="inpres-regulation-error" />}
          {create.isSuccess && <Alert type="success" message={t('inpres.saved')} />}
        </details>
      )}
    </section>
  );
}

function Meetings({ code, mayWrite }: { code: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const list = useInpresMeetings(code);
  const record = useRecordMeeting(code);
  const update = useUpdateAction();
  const blank = { decision: '', ownerAgency: '', dueOn: '' };
  const [form, setForm] = useState({ heldOn: todayWib(), title: '', place: '', agencies: '' });
  const [actions, setActions] = useState([blank]);
  return (
    <section className="page-panel">
      <h2>{t('inpres.meetings')}</h2>
      {list.data?.items.length ? (
        list.data.items.map((m) => (
          <article key={m.id} data-testid="inpres-meeting">
            <h3>{formatDate(m.heldOn)} · {m.title} · {m.place}</h3>
            <p className="ip-muted">{m.agencies.join(', ')}</p>
            <ul className="ip-evidence">
              {m.actions.map((a) => (
                <li key={a.id}>
                  {a.decision} — {a.ownerAgency} · {formatDate(a.dueOn)}{' '}
                  {a.overdue && <span className="status-badge status-badge-red">{t('inpres.overdueBadge')}</span>}{' '}
                  {a.status === 'done' ? <span className="status-badge status-badge-green">✓</span> : mayWrite && <Button size="small" onClick={() => update.mutate({ id: a.id, status: 'done' })}>{t('inpres.markDone')}</Button>}
                </li>
              ))}
            </ul>
          </article>
        ))
      ) : (
        <p className="ip-muted">{t('inpres.noMeetings')}</p>
      )}
      {mayWrite && (
        <details>
          <summary>{t('inpres.addMeeting')}</summary>
          <form
            data-testid="inpres-meeting-form"
            onSubmit={(e) => {
              e.preventDefault();
              record.mutate(
                { heldOn: form.heldOn, title: form.title, place: form.place, agencies: form.agencies.split(',').map((s) => s.trim()).filter(Boolean), actions: actions.filter((a) => a.decision.trim()) },
                { onSuccess: () => { setActions([blank]); setForm({ ...form, title: '', place: '', agencies: '' }); } },
              );
            }}
          >
            <div className="ip-form">
              <FormField label={t('inpres.heldOn')}>{(p) => <input {...p} type="date" name="heldOn" value={form.heldOn} onChange={(e) => setForm({ ...form, heldOn: e.target.value })} required />}</FormField>
              <FormField label={t('inpres.meetingTitle')}>{(p) => <input {...p} type="text" name="meetingTitle" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required />}</FormField>
              <FormField label={t('inpres.place')}>{(p) => <input {...p} type="text" name="place" value={form.place} onChange={(e) => setForm({ ...form, place: e.target.value })} required />}</FormField>
              <FormField label={t('inpres.agencies')}>{(p) => <input {...p} type="text" name="agencies" value={form.agencies} onChange={(e) => setForm({ ...form, agencies: e.target.value })} />}</FormField>
            </div>
            <h4>{t('inpres.actions')}</h4>
            {actions.map((a, i) => (
              <div className="ip-actions-row" key={i}>
                <input type="text" aria-label={t('inpres.decision')} placeholder={t('inpres.decision')} name={`decision-${i}`} value={a.decision} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, decision: e.target.value } : x)))} />
                <input type="text" aria-label={t('inpres.owner')} placeholder={t('inpres.owner')} name={`owner-${i}`} value={a.ownerAgency} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, ownerAgency: e.target.value } : x)))} />
                <input type="date" aria-label={t('inpres.dueOn')} name={`due-${i}`} value={a.dueOn} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, dueOn: e.target.value } : x)))} />
                <span />
              </div>
            ))}
            <div className="page-actions">
              <Button onClick={() => setActions([...actions, blank])}>{t('inpres.addAction')}</Button>
              <Button htmlType="submit" type="primary" loading={record.isPending}>{t('inpres.save')}</Button>
            </div>
          </form>
          {record.isError && <Alert type="error" message={describe(record.error)} />}
          {record.isSuccess && <Alert type="success" message={t('inpres.saved')} />}
        </details>
      )}
    </section>
  );
}

function EditWeights({ current }: { current: Weights }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const view = useInpresWeights();
  const set = useSetInpresWeights();
  const [w, setW] = useState<Record<string, string>>(() => Object.fromEntries(DUTIES.map((d) => [d, String(current[d])])));
  const sum = DUTIES.reduce((s, d) => s + (Number(w[d]) || 0), 0);
  return (
    <details>
      <summary>{t('inpres.editWeights')}</summary>
      {view.data && <p className="ip-muted">{view.data.note}</p>}
      <form className="ip-form" data-testid="inpres-weights-form" onSubmit={(e) => { e.preventDefault(); set.mutate(Object.fromEntries(DUTIES.map((d) => [d, Number(w[d])])) as Weights); }}>
        {DUTIES.map((d) => (
          <FormField key={d} label={DUTY_LABELS[d][lang]}>{(p) => <input {...p} type="number" min={0} max={100} step={1} value={w[d]} onChange={(e) => setW({ ...w, [d]: e.target.value })} />}</FormField>
        ))}
        <p>{t('inpres.weightsSum', { sum })}</p>
        <Button htmlType="submit" type="primary" loading={set.isPending} disabled={sum !== 100}>{t('inpres.save')}</Button>
      </form>
      {set.isError && <Alert type="error" message={describe(set.error)} />}
      {set.isSuccess && <Alert type="success" message={t('inpres.saved')} />}
    </details>
  );
}
