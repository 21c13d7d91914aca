import { Alert } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { useImportUmk } from '../../api/use-import-umk';
import { useMe } from '../../api/use-me';
import { useUmk } from '../../api/use-umk';
import { canWriteUmk } from '../../auth/compliance-permissions';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useErrorMessage } from '../../lib/use-error-message';
import '../workers/workers.css';
import '../workers/worker-list.css';
import './compliance.css';

/** The regional minimum wage (UMK) per regency and year, with a small spreadsheet import. */
export default function UmkPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const describe = useErrorMessage();
  const me = useMe().data as Me;
  const umk = useUmk();
  const upload = useImportUmk();
  useEffect(() => {
    document.title = `UMK · ${t('app.name')}`;
  }, [t]);
  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('compliance.umkTitle')}</h1>
          <p className="page-subtitle">{t('compliance.umkSubtitle')}</p>
        </div>
      </header>
      {canWriteUmk(me.role) && (
        <section className="page-panel cp-form">
          <label>
            {t('compliance.umkImport')}
            <input type="file" accept=".xlsx,.csv" onChange={(e) => { const f = e.target.files?.[0]; if (f) upload.mutate(f); e.target.value = ''; }} />
            <span className="cp-muted">{t('compliance.umkImportHint')}</span>
          </label>
          {upload.isError && <Alert type="error" showIcon title={describe(upload.error)} />}
          {upload.isSuccess && <Alert type="success" showIcon title={t('compliance.umkSaved', { saved: upload.data.saved, reassessed: upload.data.reassessed })} />}
        </section>
      )}
      {umk.isError ? (
        <ErrorState error={umk.error} />
      ) : umk.isPending ? (
        <div className="page-panel"><Skeleton rows={4} /></div>
      ) : (
        <section className="page-panel">
          <table className="wl-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.regency')}</th>
                <th scope="col">{t('compliance.year')}</th>
                <th scope="col">UMK</th>
                <th scope="col">{t('compliance.legalBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {umk.data.items.map((u) => (
                <tr key={`${u.regencyCode}-${u.year}`}>
                  <td>{displayRegionName(u.regencyName)} <span className="cp-muted">{u.regencyCode}</span></td>
                  <td>{formatNumber(u.year, lang).replace(/\D/g, '')}</td>
                  <td>{formatRupiah(u.amount, lang)}</td>
                  <td className="cp-muted">{u.legalBasis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
