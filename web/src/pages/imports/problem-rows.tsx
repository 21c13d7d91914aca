import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useImportProblems } from '../../api/use-import-problems';
import type { ImportProblems } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';

type ProblemRow = ImportProblems['items'][number];

/**
 * The rows to fix, read on screen before anyone downloads the report: row number, what happened to the
 * row and each message by column, 20 at a time in file order.
 */
export function ProblemRows({ apiBase, importId }: { apiBase: string; importId: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const q = useImportProblems(apiBase, importId, true);
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (rows.length === 0) return null;

  const columns: Column<ProblemRow>[] = [
    { key: 'row', header: t('imports.problems.row'), cell: (r) => formatNumber(r.rowNumber, lang), numeric: true, card: 'title' },
    { key: 'outcome', header: t('imports.problems.outcome'), cell: (r) => t(`imports.problems.outcomes.${r.outcome}`), card: 'aside' },
    {
      key: 'messages',
      header: t('imports.problems.messages'),
      card: 'plain',
      cell: (r) => (
        <ul className="imp-problem-list">
          {r.problems.map((p, i) => (
            <li key={i} className={p.warning ? 'imp-problem-warning' : 'imp-problem-error'}>
              <strong>{p.column}</strong>: {lang === 'en' ? p.messageEn : p.message}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <>
      <h3 className="imp-subheading">{t('imports.problems.title')}</h3>
      <DataTable columns={columns} rows={rows} rowKey={(r) => r.rowNumber} compact data-testid="import-problems" />
      {q.hasNextPage && (
        <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="import-problems-more">
          {t('imports.problems.more')}
        </Button>
      )}
    </>
  );
}
