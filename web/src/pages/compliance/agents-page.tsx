import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { useAgentActivity } from '../../api/use-agent-activity';
import { useAgents } from '../../api/use-agents';
import { useCreateAgent } from '../../api/use-create-agent';
import { useRejoinAgent } from '../../api/use-rejoin-agent';
import { useCan } from '../../lib/use-can';
import { useUser } from '../../lib/use-user';
import { FormField } from '../../components/form-field';
import { NativeSelect } from '../../components/native-select';
import { useErrorMessage } from '../../lib/use-error-message';
import { VillagePicker, type VillagePath } from '../workers/village-picker';
import { ErrorState } from '../../components/error-state';
import { type Column, DataTable } from '../../components/data-table';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber, formatPercentValue, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { dateText } from './labels';
import { usePageTitle } from '../../lib/use-page-title';
import './compliance.css';
import { todayWib } from '../../../../src/domain/wib';

type AgentRow = NonNullable<ReturnType<typeof useAgents>['data']>['items'][number];

/** Perisai agents of the region: leaderboard, status under the inactive-agent rule, pay per month. */
export default function AgentsPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const report = useAgents(6);
  const me = useUser();
  const can = useCan();
  const rejoin = useRejoinAgent();
  const describe = useErrorMessage();
  const today = todayWib();
  usePageTitle(t('agents.title'));
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (report.isPending) return <div className="page-panel"><Skeleton rows={6} /></div>;
  const r = report.data;
  const months = r.items[0]?.months.map((m) => m.month) ?? [];
  const columns: Column<AgentRow>[] = [
    { key: 'rank', header: '#', card: 'aside', cell: (a) => a.rank },
    {
      key: 'agent',
      header: t('agents.agent'),
      card: 'title',
      cell: (a) => (
        <>
          <strong>{a.name}</strong>
          <div className="cp-muted">
            {a.nik} · {displayRegionName(a.areaName)}
          </div>
        </>
      ),
    },
    {
      key: 'status',
      header: t('agents.status'),
      cell: (a) => (
        <>
          <span className={`status-badge status-badge-${a.status === 'active' ? 'green' : 'grey'}`}>{t(`agents.${a.status}`)}</span>
          <div className="cp-muted">
            {a.status === 'active' ? t('agents.inactiveFrom', { date: dateText(a.inactiveFrom) }) : t('agents.mayRejoin', { date: dateText(a.mayRejoinFrom) })}
          </div>
          {a.status === 'inactive' && a.mayRejoinFrom && a.mayRejoinFrom <= today && can('agent:write') && (
            <Button size="small" loading={rejoin.isPending && rejoin.variables === a.id} onClick={() => rejoin.mutate(a.id)}>
              {t('agents.rejoin')}
            </Button>
          )}
        </>
      ),
    },
    { key: 'members', header: t('agents.members'), cell: (a) => formatNumber(a.enrolments, lang) },
    ...months.map(
      (month, i): Column<AgentRow> => ({
        key: month,
        header: month.split('-').reverse().join('/'),
        title: (a) => {
          const m = a.months[i];
          return m && t('agents.monthTitle', { n: m.newParticipants, collected: formatRupiah(m.collected, lang) });
        },
        cell: (a) => {
          const m = a.months[i];
          return (
            m && (
              <>
                {formatRupiah(m.total, lang)}
                <div className="cp-muted">+{formatNumber(m.newParticipants, lang)}</div>
              </>
            )
          );
        },
      }),
    ),
    { key: 'pay', header: t('agents.payWindow'), cell: (a) => <strong>{formatRupiah(a.window.pay, lang)}</strong> },
  ];
  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('agents.title')}</h1>
          {r.rule && (
            <p className="page-subtitle">
              {t('agents.rule', {
                rate: formatPercentValue(r.rule.rateBp / 100, lang),
                threshold: formatNumber(r.rule.bonusThreshold, lang),
                bonus: formatRupiah(r.rule.bonusAmount, lang),
                inactive: r.rule.inactiveMonths,
                rejoin: r.rule.rejoinMonths,
              })}{' '}
              <span className="cp-muted">({r.rule.legalBasis})</span>
            </p>
          )}
        </div>
      </header>
      {rejoin.isError && <Alert type="error" showIcon title={describe(rejoin.error)} />}
      {can('agent:write') && <NewAgent me={me} />}
      {can('agent:write') && r.items.length > 0 && <RecordActivity agents={r.items.map((a) => ({ id: a.id, name: a.name }))} />}
      {r.items.length === 0 ? (
        <div className="page-panel">{t('agents.none')}</div>
      ) : (
        <section className="page-panel cp-table-wrap">
          <DataTable columns={columns} rows={r.items} rowKey={(a) => a.id} data-testid="agents-table" />
        </section>
      )}
    </>
  );
}

/** Registers an agent: NIK, name, and the district (or village) they work in. */
function NewAgent({ me }: { me: Me }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const create = useCreateAgent();
  const [v, setV] = useState({ nik: '', name: '', phone: '', joinedOn: todayWib() });
  const [path, setPath] = useState<VillagePath>([]);
  const area = [...path].reverse().find((c) => c.split('.').length >= 3) ?? '';
  return (
    <details className="page-panel">
      <summary>
        <strong>{t('agents.register')}</strong>
      </summary>
      <div className="cp-form">
        <FormField label="NIK">{(c) => <input {...c} type="text" inputMode="numeric" value={v.nik} onChange={(e) => setV({ ...v, nik: e.target.value })} />}</FormField>
        <FormField label={t('agents.name')}>{(c) => <input {...c} type="text" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />}</FormField>
        <FormField label={t('agents.phone')} optional>{(c) => <input {...c} type="text" inputMode="tel" value={v.phone} onChange={(e) => setV({ ...v, phone: e.target.value })} />}</FormField>
        <FormField label={t('agents.area')} hint={t('agents.areaHint')}>{(c) => <VillagePicker me={me} path={path} onChange={setPath} control={c} invalid={false} />}</FormField>
        <FormField label={t('agents.joinedOn')}>{(c) => <input {...c} type="date" value={v.joinedOn} onChange={(e) => setV({ ...v, joinedOn: e.target.value })} />}</FormField>
        <div>
          <Button type="primary" loading={create.isPending} disabled={!v.nik.trim() || !v.name.trim() || !area} onClick={() => create.mutate({ ...v, phone: v.phone.trim() || undefined, areaCode: area }, { onSuccess: () => setV({ ...v, nik: '', name: '', phone: '' }) })}>
            {t('agents.save')}
          </Button>
        </div>
        {create.isError && <Alert type="error" showIcon title={describe(create.error)} />}
        {create.isSuccess && <Alert type="success" showIcon title={t('agents.saved')} />}
      </div>
    </details>
  );
}

/** Credits a participant (by NIK) to an agent, or records a contribution the agent collected. */
function RecordActivity({ agents }: { agents: { id: number; name: string }[] }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const activity = useAgentActivity();
  const today = todayWib();
  const [kind, setKind] = useState<'member' | 'collection'>('member');
  const [v, setV] = useState({ agentId: String(agents[0]?.id ?? ''), nik: '', date: today, month: today.slice(0, 7), amount: '16800' });
  const submit = () =>
    activity.mutate(
      kind === 'member'
        ? { kind, agentId: Number(v.agentId), nik: v.nik.replace(/\D/g, ''), recruitedOn: v.date }
        : { kind, agentId: Number(v.agentId), nik: v.nik.replace(/\D/g, ''), month: v.month, amount: Number(v.amount.replace(/\D/g, '')), collectedOn: v.date },
      { onSuccess: () => setV({ ...v, nik: '' }) },
    );
  return (
    <details className="page-panel">
      <summary>
        <strong>{t('agents.recordTitle')}</strong>
      </summary>
      <div className="cp-form">
        <fieldset className="cp-checks">
          <label>
            <input type="radio" checked={kind === 'member'} onChange={() => setKind('member')} /> {t('agents.newMember')}
          </label>
          <label>
            <input type="radio" checked={kind === 'collection'} onChange={() => setKind('collection')} /> {t('agents.collection')}
          </label>
        </fieldset>
        <FormField label={t('agents.agent')}>{(c) => <NativeSelect {...c} value={v.agentId} onChange={(x) => setV({ ...v, agentId: x })} options={agents.map((a) => ({ value: String(a.id), label: a.name }))} />}</FormField>
        <FormField label={t('agents.memberNik')}>{(c) => <input {...c} type="text" inputMode="numeric" value={v.nik} onChange={(e) => setV({ ...v, nik: e.target.value })} />}</FormField>
        {kind === 'collection' && (
          <>
            <FormField label={t('agents.month')}>{(c) => <input {...c} type="month" value={v.month} onChange={(e) => setV({ ...v, month: e.target.value })} />}</FormField>
            <FormField label={t('agents.amount')}>{(c) => <input {...c} type="text" inputMode="numeric" value={v.amount} onChange={(e) => setV({ ...v, amount: e.target.value })} />}</FormField>
          </>
        )}
        <FormField label={kind === 'member' ? t('agents.recruitedOn') : t('agents.collectedOn')}>{(c) => <input {...c} type="date" value={v.date} onChange={(e) => setV({ ...v, date: e.target.value })} />}</FormField>
        <div>
          <Button type="primary" loading={activity.isPending} disabled={v.nik.replace(/\D/g, '').length !== 16 || !v.agentId} onClick={submit}>
            {t('agents.saveActivity')}
          </Button>
        </div>
        {activity.isError && <Alert type="error" showIcon title={describe(activity.error)} />}
        {activity.isSuccess && <Alert type="success" showIcon title={t('agents.activitySaved')} />}
      </div>
    </details>
  );
}
