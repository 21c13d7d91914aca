import { Alert, Button, Input } from 'antd';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useLogin } from '../../api/use-login';
import { useMe } from '../../api/use-me';
import type { LoginRedirectState } from '../../auth/require-auth';
import { clearSessionExpired, wasSessionExpired } from '../../auth/session';
import { LanguageSwitch } from '../../components/language-switch';
import { PageLoading } from '../../components/page-loading';
import { useErrorMessage } from '../../lib/use-error-message';
import { usePageTitle } from '../../lib/use-page-title';
import './login-page.css';

type Field = 'username' | 'password';
type FieldErrors = Partial<Record<Field, string>>;
interface FieldInputProps {
  id: string;
  name: Field;
  status: 'error' | undefined;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Only paths inside this app (no protocol-relative or absolute URLs) are followed after sign-in. */
function safeReturnPath(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

/**
 * Sign-in. A plain form (not antd Form): it is the first page everyone downloads, and two fields do
 * not need a validation framework.
 */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const returnTo = safeReturnPath((location.state as LoginRedirectState | null)?.from);
  const [expired] = useState(wasSessionExpired);
  useEffect(() => clearSessionExpired(), []);
  usePageTitle(t('auth.signIn'));

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Which fields the user left empty (translated at render time, so switching language follows).
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});
  const [serverFieldErrors, setServerFieldErrors] = useState<FieldErrors>({});
  const ids = { username: useId(), password: useId(), error: useId() };

  if (me.isPending) return <PageLoading fullScreen />;
  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={returnTo} replace />;

  const errorOf = (f: Field): string | undefined =>
    missing[f] ? t(f === 'username' ? 'auth.usernameRequired' : 'auth.passwordRequired') : serverFieldErrors[f];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const nowMissing = { username: !username.trim(), password: !password };
    setMissing(nowMissing);
    setServerFieldErrors({});
    if (nowMissing.username || nowMissing.password) {
      document.getElementById(nowMissing.username ? ids.username : ids.password)?.focus();
      return;
    }
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => navigate(returnTo, { replace: true }),
        onError: (err) => {
          if (!(err instanceof ApiError)) return;
          // Validation problems are also shown next to the field they concern.
          const issues = err.issues.length ? err.issues : err.field ? [{ field: err.field, message: err.message, messageEn: err.messageEn }] : [];
          const next: FieldErrors = {};
          for (const i of issues) {
            const f = i.field.replace(/^body\./, '');
            if (f === 'username' || f === 'password') next[f] = i18n.language === 'en' ? i.messageEn : i.message;
          }
          setServerFieldErrors(next);
        },
      },
    );
  };

  const field = (f: Field, label: string, input: (props: FieldInputProps) => ReactNode) => {
    const error = errorOf(f);
    const errorId = `${ids[f]}-error`;
    return (
      <div className="login-field">
        <label htmlFor={ids[f]}>{label}</label>
        {input({
          id: ids[f],
          name: f,
          status: error ? 'error' : undefined,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? errorId : undefined,
        })}
        {error && (
          <div id={errorId} className="login-field-error">
            {error}
          </div>
        )}
      </div>
    );
  };

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch tone="dark" />
      </div>
      <div className="login-card">
        <div className="login-brand">
          <div className="login-mark" aria-hidden="true">
            S
          </div>
          <div className="login-app-name">{t('app.name')}</div>
          <div className="login-tagline">{t('app.tagline')}</div>
        </div>

        <h1 className="login-title">{t('auth.title')}</h1>
        <p className="login-subtitle">{t('auth.subtitle')}</p>

        {expired && !login.isError && <Alert type="info" showIcon title={t('auth.sessionExpired')} className="login-alert" />}
        {login.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            id={ids.error}
            title={t('auth.failedTitle')}
            description={describe(login.error)}
            className="login-alert"
          />
        )}

        <form onSubmit={onSubmit} noValidate aria-busy={login.isPending}>
          {field('username', t('auth.username'), (p) => (
            <Input
              {...p}
              size="large"
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                setMissing((m) => ({ ...m, username: false }));
                if (login.isError) login.reset();
              }}
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              autoFocus
              disabled={login.isPending}
            />
          ))}
          {field('password', t('auth.password'), (p) => (
            <Input.Password
              {...p}
              size="large"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setMissing((m) => ({ ...m, password: false }));
                if (login.isError) login.reset();
              }}
              autoComplete="current-password"
              disabled={login.isPending}
            />
          ))}
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} className="login-submit">
            {t('auth.signIn')}
          </Button>
        </form>
      </div>
      <p className="login-footer">{t('auth.footer')}</p>
    </main>
  );
}
