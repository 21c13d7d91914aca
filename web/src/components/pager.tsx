import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../i18n';
import { formatNumber } from '../lib/format';
import { ChevronLeftIcon, ChevronRightIcon } from './icons';
import './pager.css';

/** Previous / next with "1–25 of 130" (antd Pagination would bring a page-size Select along). */
export function Pager({ page, pageSize, total, onChange }: { page: number; pageSize: number; total: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={t('workers.pagination')}>
      <span className="pager-range">
        {t('workers.range', { from: formatNumber(from, lang), to: formatNumber(to, lang), total: formatNumber(total, lang) })}
      </span>
      {pages > 1 && (
        <span className="pager-buttons">
          <Button icon={<ChevronLeftIcon />} disabled={page <= 1} onClick={() => onChange(page - 1)} aria-label={t('workers.prev')} />
          <span className="pager-page" aria-live="polite">
            {t('workers.page', { page: formatNumber(page, lang), pages: formatNumber(pages, lang) })}
          </span>
          <Button icon={<ChevronRightIcon />} disabled={page >= pages} onClick={() => onChange(page + 1)} aria-label={t('workers.next')} />
        </span>
      )}
    </nav>
  );
}
