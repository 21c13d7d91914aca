import { Alert, Button, Input, Popconfirm } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../../src/modules/participation/schemas';
import { useCreateToken } from '../../api/use-create-token';
import { useRevokeToken } from '../../api/use-revoke-token';
import { useTokens } from '../../api/use-tokens';
import { DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { FormField } from '../../components/form-field';
import { Skeleton } from '../../components/skeleton';
import { StatusMessage } from '../../components/status-message';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import './participation.css';

/** An instant in WIB as dd/mm/yyyy hh.mm, where the monitors work. */
function wibTime(iso: string | null): string {
  if (!iso) return '—';
  const [date, time] = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().split('T') as [string, string];
  return `${date.split('-').reverse().join('/')} ${time.slice(0, 5).replace(':', '.')} WIB`;
}

/**
 * API tokens for BPJS TK's systems (national monitor): create one for a region (its secret is shown
 * once, here), see when each was last used, revoke it.
 */
export default function TokensPage() {
  const { t } = useTranslation();
  const can = useCan();
  usePageTitle(t('participation.tokens.title'));
  if (!can('token:manage')) return <StatusMessage tone="warning" title={t('errors.noWriteTitle')} text={t('errors.noWriteAccess')} />;
  return (
    <div className="pt">
      <header className="page-panel">
        <h1 className="page-title">{t('participation.tokens.title')}</h1>
        <p className="page-subtitle">{t('participation.tokens.intro')}</p>
      </header>
      <CreateToken />
      <TokenList />
    </div>
  );
}

function CreateToken() {
  const { t } = useTranslation();
  const create = useCreateToken();
  const errorText = useErrorMessage();
  const [v, setV] = useState({ name: '', regionCode: '' });
  const [copied, setCopied] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCopied(false);
    create.mutate({ name: v.name, regionCode: v.regionCode.trim() || 'ID', scopes: ['participation:write'] }, { onSuccess: () => setV({ name: '', regionCode: '' }) });
  };
  const fieldError = (field: string) => (create.error && 'field' in create.error && create.error.field === field ? errorText(create.error) : undefined);
  return (
    <form className="page-panel" onSubmit={submit} aria-label={t('participation.tokens.create')}>
      <h2 className="pt-section">{t('participation.tokens.create')}</h2>
      <div className="pt-grid">
        <FormField label={t('participation.tokens.name')} hint={t('participation.tokens.nameHint')} error={fieldError('body.name')}>
          {(c) => <Input {...c} value={v.name} maxLength={100} onChange={(e) => setV((x) => ({ ...x, name: e.target.value }))} />}
        </FormField>
        <FormField label={t('participation.tokens.region')} hint={t('participation.tokens.regionHint')} error={fieldError('body.regionCode')}>
          {(c) => <Input {...c} value={v.regionCode} placeholder="ID" onChange={(e) => setV((x) => ({ ...x, regionCode: e.target.value }))} />}
        </FormField>
      </div>
      <p className="pt-muted">{t('participation.tokens.scope')}</p>
      <Button type="primary" htmlType="submit" loading={create.isPending} disabled={!v.name.trim()}>
        {t('participation.tokens.createButton')}
      </Button>
      {create.error && !fieldError('body.name') && !fieldError('body.regionCode') && <Alert type="error" showIcon title={errorText(create.error)} className="pt-alert" />}
      {create.data && (
        <Alert
          className="pt-alert"
          type="success"
          showIcon
          role="status"
          title={t('participation.tokens.createdTitle')}
          description={
            <>
              <p>{t('participation.tokens.createdOnce')}</p>
              <code className="pt-secret" data-testid="token-secret">
                {create.data.token}
              </code>
              <Button
                size="small"
                onClick={() => void navigator.clipboard?.writeText(create.data.token).then(() => setCopied(true))}
              >
                {copied ? t('participation.tokens.copied') : t('participation.tokens.copy')}
              </Button>
            </>
          }
        />
      )}
    </form>
  );
}

function TokenList() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const errorText = useErrorMessage();
  if (tokens.isPending) return <div className="page-panel"><Skeleton rows={3} /></div>;
  if (tokens.isError) return <ErrorState error={tokens.error} title={t('participation.tokens.loadError')} onRetry={() => void tokens.refetch()} />;
  const items = tokens.data.items;
  return (
    <section className="page-panel" aria-label={t('participation.tokens.list')}>
      <h2 className="pt-section">{t('participation.tokens.list')}</h2>
      {revoke.error && <Alert type="error" showIcon title={errorText(revoke.error)} className="pt-alert" />}
      {items.length === 0 ? (
        <p className="pt-muted">{t('participation.tokens.none')}</p>
      ) : (
        <DataTable<TokenView>
          compact
          data-testid="token-list"
          columns={[
            { key: 'name', header: t('participation.tokens.name'), card: 'title', cell: (r) => r.name },
            { key: 'region', header: t('participation.tokens.region'), cell: (r) => `${displayRegionName(r.regionName)} (${r.regionCode})` },
            { key: 'scopes', header: t('participation.tokens.scopes'), cell: (r) => r.scopes.join(', ') },
            { key: 'created', header: t('participation.tokens.created'), cell: (r) => `${wibTime(r.createdAt)} · ${r.createdBy}` },
            { key: 'used', header: t('participation.tokens.lastUsed'), cell: (r) => (r.lastUsedAt ? wibTime(r.lastUsedAt) : t('participation.tokens.neverUsed')) },
            {
              key: 'state',
              header: t('participation.tokens.state'),
              card: 'aside',
              cell: (r) =>
                r.revokedAt ? (
                  <span className="pt-revoked">{t('participation.tokens.revokedAt', { when: wibTime(r.revokedAt) })}</span>
                ) : (
                  <Popconfirm title={t('participation.tokens.revokeConfirm', { name: r.name })} okText={t('participation.tokens.revoke')} cancelText={t('participation.tokens.cancel')} onConfirm={() => revoke.mutate(r.id)}>
                    <Button danger size="small" loading={revoke.isPending && revoke.variables === r.id}>
                      {t('participation.tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
          rows={items}
          rowKey={(r) => r.id}
        />
      )}
    </section>
  );
}
