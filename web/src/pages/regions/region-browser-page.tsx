import { Breadcrumb, Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { NATIONAL, type Me, type RegionSummary } from '../../api/types';
import { useMe } from '../../api/use-me';
import { useRegion } from '../../api/use-region';
import { useRegionChildren } from '../../api/use-region-children';
import { ChevronRightIcon, HomeIcon, PinIcon } from '../../components/icons';
import { ErrorState } from '../../components/error-state';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { CHILD_LEVEL, childCountLabel, LEVEL_TAG_COLOR, levelLabel } from './region-labels';
import { RegionSearch } from './region-search';
import './region-browser.css';

const hrefOf = (code: string) => (code === NATIONAL ? '/wilayah' : `/wilayah/${code}`);

/** Is `code` strictly above the user's own region (so its children are filtered to one branch)? */
function isAboveScope(code: string, scope: string): boolean {
  if (scope === NATIONAL) return false;
  return code === NATIONAL || scope.startsWith(`${code}.`);
}

export default function RegionBrowserPage() {
  const { t } = useTranslation();
  const params = useParams();
  const code = params.code ?? NATIONAL;
  const me = useMe().data as Me;
  const navigate = useNavigate();
  const region = useRegion(code);
  const isVillage = region.data?.level === 'village';
  const children = useRegionChildren(code, region.isSuccess && !isVillage);
  const lang = currentLang();

  const name = region.data ? (code === NATIONAL ? t('regions.country') : displayRegionName(region.data.name)) : '';
  useEffect(() => {
    document.title = name ? `${name} · ${t('app.name')}` : t('app.name');
  }, [name, t]);

  const myRegionButton =
    code !== me.regionCode ? (
      <Button icon={<PinIcon />} onClick={() => navigate(hrefOf(me.regionCode))}>
        {t('regions.myRegion')}
      </Button>
    ) : null;

  const header = (
    <div className="region-toolbar">
      <RegionSearch />
    </div>
  );

  if (region.isError) {
    return (
      <>
        {header}
        <ErrorState error={region.error} onRetry={() => void region.refetch()} extra={myRegionButton} />
      </>
    );
  }

  const trail = region.data
    ? [
        { code: NATIONAL, name: t('regions.country') },
        ...region.data.ancestors.filter((a) => a.level !== 'country').map((a) => ({ code: a.code, name: displayRegionName(a.name) })),
      ]
    : [];
  const breadcrumbItems = region.data
    ? [
        ...trail.map((a, i) => ({
          key: a.code,
          title: (
            <Link to={hrefOf(a.code)}>
              {i === 0 && <HomeIcon />} {a.name}
            </Link>
          ),
        })),
        ...(code === NATIONAL ? [] : [{ key: code, title: <span aria-current="page">{name}</span> }]),
      ]
    : [];

  const childLevel = region.data ? CHILD_LEVEL[region.data.level] : undefined;
  const rows = children.data ?? [];
  const countText = childLevel && children.data ? childCountLabel(t, childLevel, rows.length, formatNumber(rows.length, lang)) : null;

  const columns: TableColumnsType<RegionSummary> = [
    {
      title: t('regions.code'),
      dataIndex: 'code',
      key: 'code',
      width: 150,
      responsive: ['sm'],
      render: (c: string) => <span className="region-code">{c}</span>,
    },
    {
      title: t('regions.name'),
      dataIndex: 'name',
      key: 'name',
      render: (_: string, r) => (
        <div>
          <Link to={hrefOf(r.code)} className="region-link">
            {displayRegionName(r.name)}
          </Link>
          <div className="region-code region-code-inline">{r.code}</div>
        </div>
      ),
    },
    {
      title: t('regions.level'),
      key: 'level',
      width: 150,
      render: (_: unknown, r) => (
        <Tag color={LEVEL_TAG_COLOR[r.level]} className="region-level-tag">
          {levelLabel(t, r)}
        </Tag>
      ),
    },
    {
      key: 'go',
      width: 40,
      align: 'right',
      render: () => (
        <span className="region-row-chevron">
          <ChevronRightIcon />
        </span>
      ),
    },
  ];

  return (
    <>
      {header}
      {region.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <>
          <nav aria-label={t('regions.breadcrumb')} className="region-breadcrumb">
            <Breadcrumb items={breadcrumbItems} separator={<ChevronRightIcon />} />
          </nav>

          <Card className="region-card" variant="borderless">
            <Flex justify="space-between" align="start" gap={12} wrap>
              <div className="region-heading">
                <Flex align="center" gap={8} wrap>
                  <Typography.Title level={1} className="region-title">
                    {name}
                  </Typography.Title>
                  <Tag color={LEVEL_TAG_COLOR[region.data.level]} className="region-level-tag">
                    {levelLabel(t, region.data)}
                  </Tag>
                </Flex>
                <div className="region-subtitle">
                  {code !== NATIONAL && <span className="region-code">{region.data.code}</span>}
                  {countText && (
                    <strong className="region-count" data-testid="region-count">
                      {countText}
                    </strong>
                  )}
                </div>
              </div>
              {myRegionButton}
            </Flex>
            {isAboveScope(code, me.regionCode) && (
              <Typography.Paragraph type="secondary" className="region-scope-note">
                {t('regions.scopedNote')}
              </Typography.Paragraph>
            )}
          </Card>

          {isVillage ? (
            <Card variant="borderless" className="region-card">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.villageLeaf')} />
            </Card>
          ) : children.isError ? (
            <ErrorState error={children.error} onRetry={() => void children.refetch()} />
          ) : (
            <section aria-label={t('regions.list', { name })} data-testid="region-children" className="region-children">
              <Table<RegionSummary>
                rowKey="code"
                size="middle"
                columns={columns}
                dataSource={rows}
                loading={children.isPending}
                pagination={false}
                tableLayout="fixed"
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.empty', { name })} /> }}
                onRow={(r) => ({
                  className: 'region-row',
                  onClick: (e) => {
                    // The name is a real link (keyboard, screen readers, open-in-new-tab); the rest of
                    // the row is a large touch target for phones.
                    if ((e.target as HTMLElement).closest('a')) return;
                    navigate(hrefOf(r.code));
                  },
                })}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
