import { Alert, Button, Drawer, Flex, Grid, Layout } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { useLogout } from '../../api/use-logout';
import { useUser } from '../../lib/use-user';
import { ChevronLeftIcon, ChevronRightIcon, GlobeIcon, LogoutIcon, MenuIcon, PinIcon, UserIcon } from '../../components/icons';
import { LanguageSwitch } from '../../components/language-switch';
import { NavLinks } from '../../components/nav-links';
import { displayRegionName } from '../../lib/region-name';
import './app-shell.css';

const { Header, Sider, Content } = Layout;

export default function AppShell() {
  const { t } = useTranslation();
  const me = useUser(); // RequireAuth renders the shell only with a user
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const navigate = useNavigate();
  const logout = useLogout();

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };
  const roleLabel = t(`roles.${me.role}`);
  const regionName = displayRegionName(me.regionName);

  return (
    <Layout className="shell">
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <Header className="shell-header">
        <Flex align="center" gap={12} className="shell-header-left">
          {!desktop && (
            <Button
              type="text"
              className="shell-icon-button"
              icon={<MenuIcon />}
              aria-label={t('nav.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Link to="/" className="shell-brand">
            <span className="shell-mark" aria-hidden="true">
              S
            </span>
            <span className="shell-brand-text">
              <span className="shell-app-name">{t('app.name')}</span>
              {screens.md && <span className="shell-tagline">{t('app.tagline')}</span>}
            </span>
          </Link>
        </Flex>

        <Flex align="center" gap={16} className="shell-header-right">
          {desktop && (
            <div className="shell-user" aria-label={t('user.account')}>
              <div className="shell-user-name">{me.displayName}</div>
              <div className="shell-user-meta">
                {roleLabel} · {regionName}
              </div>
            </div>
          )}
          <LanguageSwitch tone="dark" />
          {desktop && (
            <Button className="shell-logout" icon={<LogoutIcon />} onClick={signOut} loading={logout.isPending}>
              {t('auth.signOut')}
            </Button>
          )}
        </Flex>
      </Header>

      {me.demo && (
        <Alert banner type="warning" className="shell-demo-banner" title={<strong>{t('app.demoBanner')}</strong>} />
      )}

      <Layout hasSider={desktop}>
        {desktop && (
          <Sider collapsible collapsed={collapsed} trigger={null} width={220} collapsedWidth={72} theme="light" className="shell-sider">
            <button
              type="button"
              className="shell-collapse"
              aria-expanded={!collapsed}
              aria-label={collapsed ? t('nav.expandMenu') : t('nav.collapseMenu')}
              title={collapsed ? t('nav.expandMenu') : t('nav.collapseMenu')}
              onClick={() => setCollapsed((c) => !c)}
            >
              {collapsed ? <ChevronRightIcon /> : <ChevronLeftIcon />}
            </button>
            <nav aria-label={t('nav.main')} className="shell-sider-nav">
              <NavLinks collapsed={collapsed} />
            </nav>
          </Sider>
        )}
        <Content id="main" className="shell-content" tabIndex={-1}>
          <Outlet />
        </Content>
      </Layout>

      {!desktop && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={300}
          title={t('nav.menu')}
          className="shell-drawer"
        >
          <div className="shell-drawer-user">
            <Flex gap={10} align="start">
              <UserIcon />
              <div>
                <strong>{me.displayName}</strong>
                <div className="shell-drawer-meta">{roleLabel}</div>
              </div>
            </Flex>
            <Flex gap={10} align="start" className="shell-drawer-row">
              <PinIcon />
              <div>
                <div className="shell-drawer-meta">{t('user.region')}</div>
                <div>{regionName}</div>
              </div>
            </Flex>
          </div>
          <nav aria-label={t('nav.main')}>
            <NavLinks onNavigate={() => setDrawerOpen(false)} />
          </nav>
          <div className="shell-drawer-footer">
            <Flex align="center" gap={8} className="shell-drawer-row">
              <GlobeIcon />
              <span className="shell-drawer-lang">{t('language.label')}</span>
              <LanguageSwitch />
            </Flex>
            <Button block icon={<LogoutIcon />} onClick={signOut} loading={logout.isPending} size="large">
              {t('auth.signOut')}
            </Button>
          </div>
        </Drawer>
      )}
    </Layout>
  );
}
