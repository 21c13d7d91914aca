import { useTranslation } from 'react-i18next';
import './skeleton.css';

/** Grey placeholder lines while data loads (a few lines of CSS instead of antd Skeleton). */
export function Skeleton({ rows = 6, title = true }: { rows?: number; title?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" role="status" aria-label={t('app.loading')}>
      {title && <div className="skeleton-title" />}
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: i === rows - 1 ? '60%' : undefined }} />
      ))}
    </div>
  );
}
