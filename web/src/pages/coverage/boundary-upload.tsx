import { Button } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useImportBoundaries } from '../../api/use-import-boundaries';
import { currentLang } from '../../i18n';

/** National administrators upload official boundaries (any level) for the coverage maps. */
export function BoundaryUpload() {
  const { t } = useTranslation();
  const lang = currentLang();
  const input = useRef<HTMLInputElement>(null);
  const upload = useImportBoundaries();
  const err = upload.error instanceof ApiError ? upload.error : null;
  return (
    <section className="coverage-panel" aria-labelledby="boundary-upload-title">
      <h2 id="boundary-upload-title">{t('coverage.boundaryTitle')}</h2>
      <p className="coverage-note">{t('coverage.boundaryHelp')}</p>
      <input
        ref={input}
        type="file"
        accept=".geojson,.json"
        data-testid="boundary-file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      <Button onClick={() => input.current?.click()} loading={upload.isPending}>
        {t('coverage.boundaryUpload')}
      </Button>
      {upload.data && (
        <p role="status" className="coverage-ok">
          {t('coverage.boundarySaved', { regions: upload.data.regions })}
        </p>
      )}
      {err && (
        <div role="alert" className="coverage-error">
          <p>{err.messageIn(lang)}</p>
          <ul>
            {err.issues.slice(0, 50).map((i, n) => (
              <li key={n}>{lang === 'en' ? i.messageEn : i.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
