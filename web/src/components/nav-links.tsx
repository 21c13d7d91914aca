import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import { MapIcon } from './icons';
import './nav-links.css';

interface NavItem {
  to: string;
  /** Path prefix that marks the item current. */
  match: string;
  icon: ReactNode;
  label: string;
}

/**
 * Main navigation: plain links (no antd Menu — it drags in tooltips, dropdowns and overflow logic we
 * do not need for a handful of entries). Later capabilities add their entries here.
 */
export function NavLinks({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items: NavItem[] = [{ to: '/', match: '/wilayah', icon: <MapIcon />, label: t('nav.regions') }];
  return (
    <ul className={`nav-links${collapsed ? ' nav-collapsed' : ''}`}>
      {items.map((item) => {
        const current = pathname.startsWith(item.match);
        return (
          <li key={item.match}>
            <NavLink
              to={item.to}
              className={current ? 'nav-link nav-current' : 'nav-link'}
              aria-current={current ? 'page' : undefined}
              title={collapsed ? item.label : undefined}
              onClick={onNavigate}
            >
              {item.icon}
              <span className="nav-label">{item.label}</span>
            </NavLink>
          </li>
        );
      })}
    </ul>
  );
}
