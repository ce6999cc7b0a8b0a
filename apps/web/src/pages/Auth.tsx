import { LOCALES, type Locale } from '@tradebridge/contracts';
import { FormEvent, ReactNode, useState } from 'react';
import { ApiError } from '../api/client';
import { auth } from '../api/endpoints';
import { useSession } from '../auth/AuthProvider';
import { ErrorBanner, Field } from '../components/ui';
import { toApiError } from '../components/useAsync';
import { useI18n } from '../i18n/I18nProvider';
import { Link, navigate, useLocation } from '../router';
import { Brand, LanguageSwitcher } from '../components/Shell';
import { asyncHandler } from '../components/async-handler';

export function AuthFrame({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth-page">
      <div className="auth-aside" aria-hidden="true">
        <div className="auth-aside-inner">
          <p className="auth-kicker">{t('auth.kicker')}</p>
          <p className="auth-tagline">{t('auth.tagline')}</p>
          <ul className="auth-points">
            <li>{t('auth.point1')}</li>
            <li>{t('auth.point2')}</li>
            <li>{t('auth.point3')}</li>
          </ul>
        </div>
      </div>
      <main id="main" className="auth-main">
        <div className="auth-top">
          <Brand />
          <LanguageSwitcher />
        </div>
        <div className="auth-card">
          <h1>{title}</h1>
          <p className="muted">{lead}</p>
          {children}
        </div>
      </main>
    </div>
  );
}

/** Where to go after signing in: the page asked for, else the user's home. */
function nextPath(search: URLSearchParams): string | null {
  const next = search.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!email.trim()) problems.email = t('validation.required');
    if (!password) problems.password = t('validation.required');
    setFields(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      const me = await login(email.trim(), password);
      const organizer = me.roles.includes('organizer') || me.roles.includes('admin') || me.staffOf.length > 0;
      navigate(nextPath(search) ?? (organizer && me.enterprises.length === 0 ? '/org' : '/events'), { replace: true });
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('auth.loginTitle')} lead={t('auth.loginLead')}>
      <form onSubmit={asyncHandler(submit)} noValidate className="stack">
        <ErrorBanner error={error} />
        <Field label={t('auth.email')} error={fields.email}>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <Field label={t('auth.password')} error={fields.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('common.working') : t('auth.login')}
        </button>
      </form>
      <p className="auth-switch">
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
      </p>
      <p className="auth-switch">
        {t('auth.noAccount')} <Link to={`/signup${search.toString() ? `?${search}` : ''}`}>{t('auth.signup')}</Link>
      </p>
    </AuthFrame>
  );
}

/** The browser's language when it is one of ours, else English: a new account's language. */
function browserLocale(): Locale {
  const base = (navigator.language ?? '').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/** The browser's IANA zone (UTC when it does not tell). */
function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function SignupPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const { search } = useLocation();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!displayName.trim()) problems.displayName = t('validation.required');
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) problems.email = t('validation.email');
    if (password.length < 10) problems.password = t('validation.password');
    setFields(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      await auth.register({ email: email.trim(), password, displayName: displayName.trim(), locale: browserLocale(), timezone: browserTimeZone() });
      await login(email.trim(), password);
      navigate(nextPath(search) ?? '/profile', { replace: true });
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      setFields(failure.code === 'EMAIL_TAKEN' ? { email: t('error.EMAIL_TAKEN') } : failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('auth.signupTitle')} lead={t('auth.signupLead')}>
      <form onSubmit={asyncHandler(submit)} noValidate className="stack">
        <ErrorBanner error={error} />
        <Field label={t('auth.displayName')} error={fields.displayName}>
          <input type="text" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </Field>
        <Field label={t('auth.email')} error={fields.email}>
          <input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <Field label={t('auth.password')} error={fields.password} hint={t('auth.passwordHint')}>
          <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('common.working') : t('auth.createAccount')}
        </button>
      </form>
      <p className="auth-switch">
        {t('auth.haveAccount')} <Link to={`/login${search.toString() ? `?${search}` : ''}`}>{t('auth.login')}</Link>
      </p>
    </AuthFrame>
  );
}
