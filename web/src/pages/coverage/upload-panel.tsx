import type { UseMutationResult } from '@tanstack/react-query';
import { Button } from 'antd';
import { useRef } from 'react';
import { ApiError } from '../../api/client';
import { currentLang } from '../../i18n';

/**
 * A one-file, all-or-nothing upload on the coverage page (denominators, boundaries): a button, the
 * saved summary, or the error with every bad row listed.
 */
export function UploadPanel<T>({
  id,
  title,
  help,
  accept,
  buttonLabel,
  upload,
  saved,
}: {
  id: string;
  title: string;
  help: string;
  accept: string;
  buttonLabel: string;
  upload: UseMutationResult<T, Error, File>;
  saved: (data: T) => string;
}) {
  const lang = currentLang();
  const input = useRef<HTMLInputElement>(null);
  const err = upload.error instanceof ApiError ? upload.error : null;
  return (
    <section className="coverage-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="coverage-note">{help}</p>
      <input
        ref={input}
        type="file"
        accept={accept}
        data-testid={`${id}-file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
        hidden
      />
      <Button onClick={() => input.current?.click()} loading={upload.isPending}>
        {buttonLabel}
      </Button>
      {upload.data && (
        <p role="status" className="coverage-ok">
          {saved(upload.data)}
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
