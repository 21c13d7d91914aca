import { Button } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useImportDenominators } from '../../api/use-import-denominators';
import { currentLang } from '../../i18n';

/** Upload of BPS employed-population figures and targets; every bad row is listed, nothing is saved then. */
export function DenominatorUpload() {
  const { t } = useTranslation();
  const lang = currentLang();
  const input = useRef<HTMLInputElement>(null);
  const upload = useImportDenominators();
  const err = upload.error instanceof ApiError ? upload.error : null;
  return (
    <section className="coverage-panel" aria-labelledby="denominator-upload-title">
      <h2 id="denominator-upload-title">{t('coverage.denominatorTitle')}</h2>
      <p className="coverage-note">{t('coverage.denominatorHelp')}</p>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv"
        data-testid="denominator-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
        hidden
      />
      <Button onClick={() => input.current?.click()} loading={upload.isPending}>
        {t('coverage.denominatorUpload')}
      </Button>
      {upload.data && (
        <p role="status" className="coverage-ok">
          {t('coverage.denominatorSaved', { denominators: upload.data.denominators, targets: upload.data.targets })}
        </p>
      )}
      {err && (
        <div role="alert" className="coverage-error">
          <p>{err.messageIn(lang)}</p>
          {err.issues.length > 0 && (
            <ul>
              {err.issues.slice(0, 50).map((i, n) => (
                <li key={n}>{lang === 'en' ? i.messageEn : i.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
