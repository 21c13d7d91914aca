import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { NATIONAL } from '../../../src/domain/region-code';
import { useCan } from '../lib/use-can';
import { useUser } from '../lib/use-user';
import { ChartIcon, CheckIcon, FileIcon, GlobeIcon, MapIcon, UploadIcon, UserPlusIcon, UsersIcon } from './icons';
import './nav-links.css';

interface NavItem {
  to: string;
  /** Is this entry the current page? */
  current: (pathname: string) => boolean;
  icon: ReactNode;
  label: string;
}

const under = (prefix: string) => (p: string) => p === prefix || p.startsWith(`${prefix}/`);

/**
 * Main navigation: plain links (no antd Menu — it drags in tooltips, dropdowns and overflow logic we
 * do not need for a handful of entries). Entries a role cannot use are not shown.
 */
export function NavLinks({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useUser(); // only rendered inside the signed-in shell
  const can = useCan();
  const items: NavItem[] = [
    { to: '/', current: (p) => p === '/', icon: <CheckIcon />, label: t('home.nav') },
    { to: me.regionCode === NATIONAL ? '/wilayah' : `/wilayah/${me.regionCode}`, current: under('/wilayah'), icon: <MapIcon />, label: t('nav.regions') },
    { to: '/pekerja', current: (p) => under('/pekerja')(p) && !under('/pekerja/baru')(p), icon: <UsersIcon />, label: t('nav.workers') },
    { to: me.regionCode === NATIONAL ? '/cakupan' : `/cakupan/${me.regionCode}`, current: under('/cakupan'), icon: <ChartIcon />, label: t('coverage.nav') },
    ...(can('worker:write')
      ? [
          { to: '/pekerja/baru', current: under('/pekerja/baru'), icon: <UserPlusIcon />, label: t('nav.addWorker') },
          { to: '/impor', current: under('/impor'), icon: <UploadIcon />, label: t('nav.import') },
        ]
      : []),
    // funding (issue 4); the calculator is open to every signed-in user
    ...(can('funding:read')
      ? [
          { to: '/pendanaan', current: under('/pendanaan'), icon: <FileIcon />, label: t('funding.nav.programs') },
          { to: '/perencanaan', current: under('/perencanaan'), icon: <MapIcon />, label: t('funding.nav.planning') },
        ]
      : []),
    { to: '/simulasi', current: under('/simulasi'), icon: <CheckIcon />, label: t('funding.nav.calculator') },
    // projects and election ad hoc cohorts (issue 18)
    ...(can('project:read') ? [{ to: '/proyek', current: under('/proyek'), icon: <FileIcon />, label: t('projects.nav') }] : []),
    // compliance (issue 6)
    ...(can('employer:read') ? [{ to: '/kepatuhan', current: under('/kepatuhan'), icon: <CheckIcon />, label: t('nav.compliance') }] : []),
    { to: '/sosialisasi', current: under('/sosialisasi'), icon: <GlobeIcon />, label: t('nav.outreach') },
    ...(can('agent:read') ? [{ to: '/perisai', current: under('/perisai'), icon: <FileIcon />, label: t('nav.agents') }] : []),
    // official participation data (issue 11)
    // claims (issue 17)
    ...(can('claim:read') ? [{ to: '/klaim', current: under('/klaim'), icon: <FileIcon />, label: t('claims.nav') }] : []),
    ...(can('participation:write') ? [{ to: '/data-resmi/impor', current: under('/data-resmi/impor'), icon: <UploadIcon />, label: t('participation.nav.import') }] : []),
    // the audit viewer (issue 14)
    ...(can('audit:read') ? [{ to: '/audit', current: under('/audit'), icon: <FileIcon />, label: t('audit.nav') }] : []),
    ...(can('token:manage') ? [{ to: '/data-resmi/token', current: under('/data-resmi/token'), icon: <CheckIcon />, label: t('participation.nav.tokens') }] : []),
    // Inpres 2/2021 accountability (issue 15)
    ...(can('inpres:read') ? [{ to: me.regionCode === NATIONAL ? '/inpres' : `/inpres/${me.regionCode}`, current: under('/inpres'), icon: <FileIcon />, label: t('inpres.nav') }] : []),
    // DTSEN targeting (issue 16)
    ...(can('dtsen:read') ? [{ to: '/dtsen', current: under('/dtsen'), icon: <UsersIcon />, label: t('targeting.nav') }] : []),
  ];
  return (
    <ul className={`nav-links${collapsed ? ' nav-collapsed' : ''}`}>
      {items.map((item) => {
        const current = item.current(pathname);
        return (
          <li key={item.to}>
            {/* Link, not NavLink: NavLink decides aria-current by itself and drops ours for nested paths. */}
            <Link
              to={item.to}
              className={current ? 'nav-link nav-current' : 'nav-link'}
              aria-current={current ? 'page' : undefined}
              title={collapsed ? item.label : undefined}
              onClick={onNavigate}
            >
              {item.icon}
              <span className="nav-label">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
