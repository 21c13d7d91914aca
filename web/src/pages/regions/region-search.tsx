import { Input, Spin, Tag } from 'antd';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REGION_SEARCH_LIMIT, REGION_SEARCH_MIN_LENGTH, useRegionSearch } from '../../api/use-region-search';
import { SearchIcon } from '../../components/icons';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useErrorMessage } from '../../lib/use-error-message';
import { LEVEL_TAG_COLOR, levelLabel } from './region-labels';

/**
 * Name search within the user's region (debounced, at least two letters). Results are plain links
 * in a panel under the box: tap one to jump there; arrow keys move between them, Escape closes.
 */
export function RegionSearch() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const query = useDebouncedValue(text.trim(), 300);
  const search = useRegionSearch(query);
  const typed = text.trim();
  const tooShort = typed.length > 0 && typed.length < REGION_SEARCH_MIN_LENGTH;
  const active = !tooShort && typed.length > 0 && query.length >= REGION_SEARCH_MIN_LENGTH;
  const results = active ? (search.data ?? []) : [];
  const waiting = active && (search.isFetching || query !== typed);

  // Close when the user taps or tabs elsewhere.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: Event) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('focusin', onDown);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('focusin', onDown);
    };
  }, [open]);

  const links = () => Array.from(rootRef.current?.querySelectorAll<HTMLAnchorElement>('.region-search-result') ?? []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      setOpen(false);
      rootRef.current?.querySelector('input')?.focus();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = links();
    if (!all.length) return;
    e.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, all.length - 1) : at - 1;
    if (next < 0) rootRef.current?.querySelector('input')?.focus();
    else all[next]?.focus();
  };

  let status: string | null = null;
  if (tooShort) status = t('regions.searchMin');
  else if (active && search.isError) status = describe(search.error);
  else if (active && !waiting && search.data)
    status =
      results.length >= REGION_SEARCH_LIMIT
        ? t('regions.searchMore', { n: formatNumber(results.length, currentLang()) })
        : results.length
          ? t('regions.searchResults', { count: results.length, n: formatNumber(results.length, currentLang()) })
          : t('regions.searchNone', { q: query });
  else if (waiting) status = t('regions.searching');

  const showPanel = open && typed.length > 0;

  return (
    <div className="region-search" ref={rootRef} onKeyDown={onKeyDown} role="search">
      <Input
        allowClear
        size="large"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        prefix={<SearchIcon />}
        suffix={waiting ? <Spin size="small" /> : <span />}
        placeholder={t('regions.searchPlaceholder')}
        role="combobox"
        aria-label={t('regions.searchLabel')}
        aria-controls={showPanel ? panelId : undefined}
        aria-expanded={showPanel}
        enterKeyHint="search"
        autoComplete="off"
        spellCheck={false}
      />
      {showPanel && (
        <div className="region-search-panel" id={panelId}>
          <div className="region-search-status" aria-live="polite">
            {status}
          </div>
          {results.length > 0 && (
            <ul className="region-search-list">
              {results.map((r) => (
                <li key={r.code}>
                  <Link
                    to={`/wilayah/${r.code}`}
                    className="region-search-result"
                    onClick={() => {
                      setOpen(false);
                      setText('');
                    }}
                  >
                    <span className="region-search-name">
                      {displayRegionName(r.name)}
                      <span className="region-search-code">{r.code}</span>
                    </span>
                    <Tag color={LEVEL_TAG_COLOR[r.level]} className="region-level-tag">
                      {levelLabel(t, r)}
                    </Tag>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
