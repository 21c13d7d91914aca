import { useTranslation } from 'react-i18next';
import { useImportBoundaries } from '../../api/use-import-boundaries';
import { UploadPanel } from './upload-panel';

/** National administrators upload official boundaries (any level) for the coverage maps. */
export function BoundaryUpload() {
  const { t } = useTranslation();
  return (
    <UploadPanel
      id="boundary"
      title={t('coverage.boundaryTitle')}
      help={t('coverage.boundaryHelp')}
      accept=".geojson,.json"
      buttonLabel={t('coverage.boundaryUpload')}
      upload={useImportBoundaries()}
      saved={(d) => t('coverage.boundarySaved', { regions: d.regions })}
    />
  );
}
