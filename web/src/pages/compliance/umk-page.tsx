import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../lib/use-can';
import { useUmk } from '../../api/use-umk';
import { DataTable } from '../../components/data-table';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { UploadIcon } from '../../components/icons';
import { UMK_IMPORT } from '../imports/import-kinds';
import { usePageTitle } from '../../lib/use-page-title';
import './compliance.css';

/** The regional minimum wage (UMK) per regency and year; the spreadsheet import is the import page (check, preview, save). */
export default function UmkPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const navigate = useNavigate();
  const can = useCan();
  const umk = useUmk();
  usePageTitle('UMK');
  return (
    <>
      <header className="page-panel page-header">
        <div>
          <h1 className="page-title">{t('compliance.umkTitle')}</h1>
          <p className="page-subtitle">{t('compliance.umkSubtitle')}</p>
        </div>
      </header>
      {can('umk:write') && (
        <section className="page-panel cp-form">
          <p className="cp-muted">{t('compliance.umkImportHint')}</p>
          <div>
            <Button icon={<UploadIcon />} onClick={() => navigate(UMK_IMPORT.pagePath)} data-testid="umk-import">
              {t('compliance.umkImport')}
            </Button>
          </div>
        </section>
      )}
      {umk.isError ? (
        <ErrorState error={umk.error} />
      ) : umk.isPending ? (
        <div className="page-panel"><Skeleton rows={4} /></div>
      ) : (
        <section className="page-panel">
          <DataTable
            columns={[
              { key: 'regency', header: t('compliance.regency'), card: 'title', cell: (u) => <>{displayRegionName(u.regencyName)} <span className="cp-muted">{u.regencyCode}</span></> },
              { key: 'year', header: t('compliance.year'), card: 'aside', cell: (u) => formatNumber(u.year, lang).replace(/\D/g, '') },
              { key: 'umk', header: 'UMK', cell: (u) => formatRupiah(u.amount, lang) },
              { key: 'basis', header: t('compliance.legalBasis'), className: 'cp-muted', cell: (u) => u.legalBasis },
            ]}
            rows={umk.data.items}
            rowKey={(u) => `${u.regencyCode}-${u.year}`}
          />
        </section>
      )}
    </>
  );
}
