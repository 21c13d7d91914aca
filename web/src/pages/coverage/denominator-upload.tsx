import { useTranslation } from 'react-i18next';
import { useImportDenominators } from '../../api/use-import-denominators';
import { UploadPanel } from './upload-panel';

/** Upload of BPS employed-population figures and targets; every bad row is listed, nothing is saved then. */
export function DenominatorUpload() {
  const { t } = useTranslation();
  return (
    <UploadPanel
      id="denominator"
      title={t('coverage.denominatorTitle')}
      help={t('coverage.denominatorHelp')}
      accept=".xlsx,.csv"
      buttonLabel={t('coverage.denominatorUpload')}
      upload={useImportDenominators()}
      saved={(d) => t('coverage.denominatorSaved', { denominators: d.denominators, targets: d.targets })}
    />
  );
}
