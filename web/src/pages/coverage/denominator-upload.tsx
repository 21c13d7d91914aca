import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { UploadIcon } from '../../components/icons';
import { DENOMINATOR_IMPORT } from '../imports/import-kinds';

/** Employed-population figures and targets come in through the import page (check, preview, then save). */
export function DenominatorUpload() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <section className="coverage-panel" aria-labelledby="denominator-title">
      <h2 id="denominator-title">{t('coverage.denominatorTitle')}</h2>
      <p className="coverage-note">{t('coverage.denominatorHelp')}</p>
      <Button icon={<UploadIcon />} onClick={() => navigate(DENOMINATOR_IMPORT.pagePath)} data-testid="denominator-import">
        {t('coverage.denominatorUpload')}
      </Button>
    </section>
  );
}
