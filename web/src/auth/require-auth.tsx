import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../api/use-me';
import { ErrorState } from '../components/error-state';
import { PageLoading } from '../components/page-loading';

export interface LoginRedirectState {
  from?: string;
}

/** Renders children for a signed-in user; otherwise the login page, remembering where to come back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading fullScreen />;
  if (me.isError && me.data === undefined)
    return <ErrorState error={me.error} title={t('errors.appLoadFailed')} onRetry={() => void me.refetch()} fullScreen />;
  if (!me.data) {
    const state: LoginRedirectState = { from: location.pathname + location.search + location.hash };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}
