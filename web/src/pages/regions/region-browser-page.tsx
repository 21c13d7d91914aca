import { Button, Tag } from 'antd';
import { Fragment, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { NATIONAL } from '../../../../src/domain/region-code';
import { useMe } from '../../api/use-me';
import { useRegion } from '../../api/use-region';
import { useRegionChildren } from '../../api/use-region-children';
import { ErrorState } from '../../components/error-state';
import { ChevronRightIcon, HomeIcon, PinIcon } from '../../components/icons';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { CHILD_LEVEL, childCountLabel, LEVEL_TAG_COLOR, levelLabel } from './region-labels';
import { RegionSearch } from './region-search';
// compliance (issue 6)
import { RegionComplianceFigures } from '../compliance/region-compliance-figures';
import './region-browser.css';

const hrefOf = (code: string) => (code === NATIONAL ? '/wilayah' : `/wilayah/${code}`);

const isApiStatus = (err: unknown, status: number) => err instanceof ApiError && err.status === status;

/** Is `code` strictly above the user's own region (so its children are filtered to one branch)? */
function isAboveScope(code: string, scope: string): boolean {
  if (scope === NATIONAL) return false;
  return code === NATIONAL || scope.startsWith(`${code}.`);
}

/** Indonesia → province → regency/city → district → village, one level at a time. */
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

  const toolbar = (breadcrumb?: ReactNode) => (
    <div className="region-toolbar">
      {breadcrumb}
      <RegionSearch />
    </div>
  );

  if (region.isError) {
    return (
      <>
        {toolbar()}
        <ErrorState
          error={region.error}
          title={isApiStatus(region.error, 404) ? t('errors.regionNotFoundTitle') : undefined}
          onRetry={() => void region.refetch()}
          extra={myRegionButton}
        />
      </>
    );
  }
  if (region.isPending) {
    return (
      <>
        {toolbar()}
        <div className="region-panel">
          <Skeleton rows={6} />
        </div>
      </>
    );
  }

  const r = region.data;
  const trail = [
    { code: NATIONAL, name: t('regions.country') },
    ...r.ancestors.filter((a) => a.level !== 'country').map((a) => ({ code: a.code, name: displayRegionName(a.name) })),
  ];
  const childLevel = CHILD_LEVEL[r.level];
  const rows = children.data ?? [];
  const countText = childLevel && children.data ? childCountLabel(t, childLevel, rows.length, formatNumber(rows.length, lang)) : null;

  const breadcrumb =
    code === NATIONAL ? (
      <span />
    ) : (
      <nav aria-label={t('regions.breadcrumb')} className="region-breadcrumb">
        <ol>
          {trail.map((a, i) => (
            <Fragment key={a.code}>
              <li>
                <Link to={hrefOf(a.code)}>
                  {i === 0 && <HomeIcon />}
                  {a.name}
                </Link>
              </li>
              <li aria-hidden="true" className="region-breadcrumb-sep">
                <ChevronRightIcon />
              </li>
            </Fragment>
          ))}
          <li>
            <span aria-current="page">{name}</span>
          </li>
        </ol>
      </nav>
    );

  return (
    <>
      {toolbar(breadcrumb)}


      <header className="region-panel region-header">
        <div className="region-heading">
          <div className="region-title-row">
            <h1 className="region-title">{name}</h1>
            <Tag color={LEVEL_TAG_COLOR[r.level]} className="region-level-tag">
              {levelLabel(t, r)}
            </Tag>
          </div>
          <div className="region-subtitle">
            {code !== NATIONAL && <span className="region-code">{r.code}</span>}
            {countText && (
              <strong className="region-count" data-testid="region-count">
                {countText}
              </strong>
            )}
          </div>
          {isAboveScope(code, me.regionCode) && <p className="region-scope-note">{t('regions.scopedNote')}</p>}
        </div>
        {myRegionButton}
      </header>
      {/* compliance (issue 6): outreach reach and employer compliance of this region */}
      {!isAboveScope(code, me.regionCode) && <RegionComplianceFigures code={code} me={me} />}

      {isVillage ? (
        <p className="region-panel region-empty">{t('regions.villageLeaf')}</p>
      ) : children.isError ? (
        <ErrorState error={children.error} onRetry={() => void children.refetch()} />
      ) : children.isPending ? (
        <div className="region-panel">
          <Skeleton title={false} rows={8} />
        </div>
      ) : rows.length === 0 ? (
        <p className="region-panel region-empty">{t('regions.empty', { name })}</p>
      ) : (
        <section className="region-panel region-children" data-testid="region-children" aria-label={t('regions.list', { name })}>
          {/* A plain semantic table: antd Table (with sorting, filters, pagination) is far heavier than
              a list of names needs. On phones the code column folds under the name. */}
          <table className="region-table">
            <thead>
              <tr>
                <th scope="col" className="col-code">
                  {t('regions.code')}
                </th>
                <th scope="col">{t('regions.name')}</th>
                <th scope="col" className="col-level">
                  {t('regions.level')}
                </th>
                <th className="col-go" aria-hidden="true" />
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr
                  key={c.code}
                  className="region-row"
                  onClick={(e) => {
                    // The name is the real link (keyboard, screen readers, open in new tab); the rest
                    // of the row is a large touch target for phones.
                    if (!(e.target as HTMLElement).closest('a')) navigate(hrefOf(c.code));
                  }}
                >
                  <td className="col-code region-code">{c.code}</td>
                  <td>
                    <Link to={hrefOf(c.code)} className="region-link">
                      {displayRegionName(c.name)}
                    </Link>
                    <div className="region-code region-code-inline">{c.code}</div>
                  </td>
                  <td className="col-level">
                    <Tag color={LEVEL_TAG_COLOR[c.level]} className="region-level-tag">
                      {levelLabel(t, c)}
                    </Tag>
                  </td>
                  <td className="col-go" aria-hidden="true">
                    <ChevronRightIcon />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
