import { FormEvent, useState } from 'react';
import { auth } from '../api/endpoints';
import { ErrorBanner, Field } from '../components/ui';
import { useAction } from '../components/useAsync';
import { asyncHandler } from '../components/async-handler';
import { useKindLabel } from '../i18n/kind-label';
import { useI18n } from '../i18n/I18nProvider';
import { Link, useLocation } from '../router';
import { AuthFrame } from './Auth';

/** "Forgot password?": asks for a reset link; the answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { run, busy, error } = useAction(async () => {
    await auth.requestPasswordReset({ email: email.trim() });
    setSent(true);
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run();
  };
  return (
    <AuthFrame title={t('auth.forgotTitle')} lead={t('auth.forgotLead')}>
      {sent ? (
        <p role="status">{t('auth.linkSent')}</p>
      ) : (
        <form onSubmit={asyncHandler(submit)} noValidate className="stack">
          <ErrorBanner error={error} />
          <Field label={t('auth.email')} error={error?.fieldMap().email}>
            <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </Field>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('common.working') : t('auth.sendLink')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </p>
    </AuthFrame>
  );
}

/** The reset link's page: opening it consumes nothing (mail filters fetch links); only the form's POST does. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { run, busy, error } = useAction(async () => {
    await auth.confirmPasswordReset({ token, password });
    setDone(true);
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run();
  };
  return (
    <AuthFrame title={t('auth.resetTitle')} lead={t('auth.resetLead')}>
      {done ? (
        <p role="status">{t('auth.passwordSaved')}</p>
      ) : (
        <form onSubmit={asyncHandler(submit)} noValidate className="stack">
          <ErrorBanner error={error} />
          <Field label={t('auth.newPassword')} hint={t('auth.passwordHint')} error={error?.fieldMap().password}>
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </Field>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('common.working') : t('auth.savePassword')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </p>
    </AuthFrame>
  );
}

/** An e-mail's unsubscribe link: a confirmation that POSTs (a GET changes nothing, for the same mail filters). */
export function UnsubscribePage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const [mutedKind, setMutedKind] = useState<string | null>(null);
  const unsubscribe = useAction(async () => {
    const answer = await auth.unsubscribe({ token: search.get('token') ?? '' });
    setMutedKind(answer.kind);
  });
  const kindLabel = useKindLabel();
  return (
    <AuthFrame title={t('unsubscribe.title')} lead={t('unsubscribe.lead')}>
      <ErrorBanner error={unsubscribe.error} />
      {mutedKind ? (
        <div className="stack">
          <p role="status">{t('unsubscribe.doneKind', { kind: kindLabel(mutedKind) })}</p>
          <p className="muted">
            {t('unsubscribe.undo')} <Link to="/settings">{t('unsubscribe.settings')}</Link>
          </p>
        </div>
      ) : (
        <button type="button" className="btn btn-primary btn-block" disabled={unsubscribe.busy} onClick={asyncHandler(unsubscribe.run)}>
          {t('unsubscribe.confirm')}
        </button>
      )}
    </AuthFrame>
  );
}
