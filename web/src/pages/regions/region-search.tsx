import { AutoComplete, Flex, Input, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { REGION_SEARCH_MIN_LENGTH, useRegionSearch } from '../../api/use-region-search';
import { SearchIcon } from '../../components/icons';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useErrorMessage } from '../../lib/use-error-message';
import { displayRegionName } from '../../lib/region-name';
import { LEVEL_TAG_COLOR, levelLabel } from './region-labels';

/** Name search (debounced, at least two letters) within the user's region; choosing a result opens it. */
export function RegionSearch() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 300);
  const search = useRegionSearch(query);
  const tooShort = text.trim().length > 0 && text.trim().length < REGION_SEARCH_MIN_LENGTH;
  const active = query.length >= REGION_SEARCH_MIN_LENGTH && !tooShort;
  const results = active ? (search.data ?? []) : [];

  const options = results.map((r) => ({
    value: r.code,
    label: (
      <Flex justify="space-between" align="center" gap={8}>
        <span className="region-search-name">
          {displayRegionName(r.name)}
          <Typography.Text type="secondary" className="region-search-code">
            {' '}
            {r.code}
          </Typography.Text>
        </span>
        <Tag color={LEVEL_TAG_COLOR[r.level]} className="region-level-tag">
          {levelLabel(t, r)}
        </Tag>
      </Flex>
    ),
  }));

  let notFound: ReactNode = null;
  if (tooShort) notFound = t('regions.searchMin');
  else if (active && search.isFetching && !search.data) notFound = <Spin size="small" description={t('regions.searching')} />;
  else if (active && search.isError) notFound = describe(search.error);
  else if (active && search.data && search.data.length === 0) notFound = t('regions.searchNone', { q: query });

  return (
    <AutoComplete
      className="region-search"
      value={text}
      options={options}
      onSearch={setText}
      onChange={(v) => setText(typeof v === 'string' ? v : '')}
      onSelect={(code: string) => {
        setText('');
        navigate(`/wilayah/${code}`);
      }}
      notFoundContent={notFound}
      popupMatchSelectWidth
      filterOption={false}
      defaultActiveFirstOption
    >
      <Input
        allowClear
        size="large"
        prefix={<SearchIcon />}
        suffix={active && search.isFetching ? <Spin size="small" /> : undefined}
        placeholder={t('regions.searchPlaceholder')}
        aria-label={t('regions.searchLabel')}
        enterKeyHint="search"
      />
    </AutoComplete>
  );
}
