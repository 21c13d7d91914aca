import type { ReactNode } from 'react';
import './data-table.css';

/**
 * Where a cell goes when the row becomes a card on a phone: `title` top left, `aside` top right,
 * otherwise one line each, under the column's heading (`line`) or without it (`plain`).
 */
export type CardPlace = 'title' | 'aside' | 'line' | 'plain';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** right-aligned, no wrapping (amounts, counts) */
  numeric?: boolean;
  card?: CardPlace;
  /** extra class on the cell: the page's own look, or a state such as overdue */
  className?: string | ((row: T) => string | undefined);
  /** tooltip of the cell */
  title?: (row: T) => string | undefined;
}

interface DataTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** tight cells and plain headings, for pages of figures */
  compact?: boolean;
  /** stay a table on phones too (few, short columns) */
  noCards?: boolean;
  className?: string;
  'data-testid'?: string;
}

const CARD_CLASS: Record<CardPlace, string | undefined> = { title: 'dt-title', aside: 'dt-aside', line: undefined, plain: undefined };

/** A list as a table on wide screens and as cards on phones, the same markup for both. */
export function DataTable<T>({ columns, rows, rowKey, compact, noCards, className, 'data-testid': testId }: DataTableProps<T>) {
  const tableClass = ['data-table', compact && 'data-table-compact', !noCards && 'data-table-cards', className].filter(Boolean).join(' ');
  return (
    <table className={tableClass} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => {
              const place = c.card ?? 'line';
              const own = typeof c.className === 'function' ? c.className(row) : c.className;
              const cellClass = [c.numeric && 'num', CARD_CLASS[place], own].filter(Boolean).join(' ') || undefined;
              const label = place === 'line' && typeof c.header === 'string' ? c.header : undefined;
              return (
                <td key={c.key} className={cellClass} data-label={label} title={c.title?.(row)}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
