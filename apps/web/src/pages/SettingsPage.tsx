import { FormEvent, useEffect, useState } from 'react';
import { LOCALES, Locale, NotificationKind } from '@tradebridge/contracts';
import { ApiError } from '../api/client';
import { auth } from '../api/endpoints';
import { useSession } from '../auth/AuthProvider';
import { asyncHandler } from '../components/async-handler';
import { Shell } from '../components/Shell';
import { ErrorBanner, Field, Loading, Notice, PageHeader } from '../components/ui';
import { toApiError } from '../components/useAsync';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18nProvider';

const LANGUAGE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', zh: '中文', en: 'English' };

/** The kinds, grouped as a participant thinks of them. */
const GROUPS: { title: MessageKey; kinds: NotificationKind[] }[] = [
  { title: 'settings.group.connections', kinds: ['connection.requested', 'connection.accepted', 'connection.declined', 'connection.withdrawn', 'connection.expiring', 'connection.expired'] },
  { title: 'settings.group.meetings', kinds: ['meeting.booked', 'meeting.moved', 'meeting.cancelled', 'meeting.reminder', 'meeting.no_show', 'meeting.reschedule_proposed'] },
  { title: 'settings.group.registration', kinds: ['registration.approved', 'registration.rejected', 'registration.room_assigned'] },
  { title: 'settings.group.other', kinds: ['outcome.recorded', 'announcement'] },
];

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Ho_Chi_Minh', 'Asia/Shanghai', 'Asia/Vientiane', 'UTC'];
  }
}

/** `/settings`: language (also the UI's), time zone, and which kinds arrive by e-mail. */
export function SettingsPage() {
  const { t, setLocale } = useI18n();
  const { me, refresh } = useSession();
  const [locale, setLocaleField] = useState<Locale>('en');
  const [timezone, setTimezone] = useState('UTC');
  const [muted, setMuted] = useState<Set<NotificationKind>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!me) return;
    setLocaleField(me.locale);
    setTimezone(me.timezone);
    setMuted(new Set(me.emailMuted));
  }, [me]);

  if (!me) return <Loading />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await auth.updateMe({ locale, timezone, emailMuted: [...muted] });
      setLocale(locale);
      await refresh();
      setFields({});
      setSaved(true);
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  const toggle = (kind: NotificationKind, byEmail: boolean) => {
    const next = new Set(muted);
    if (byEmail) next.delete(kind);
    else next.add(kind);
    setMuted(next);
  };

  return (
    <Shell>
      <PageHeader title={t('settings.title')} subtitle={t('settings.lead')} />
      <form onSubmit={asyncHandler(submit)} noValidate className="stack card">
        <ErrorBanner error={error} />
        {saved && <Notice kind="success">{t('settings.saved')}</Notice>}
        <Field label={t('settings.language')} error={fields.locale}>
          <select name="locale" value={locale} onChange={(e) => setLocaleField(e.target.value as Locale)}>
            {LOCALES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('settings.timezone')} error={fields.timezone} hint={t('settings.timezoneHint')}>
          <input name="timezone" list="timezones" value={timezone} onChange={(e) => setTimezone(e.target.value)} />
        </Field>
        <datalist id="timezones">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <fieldset className="stack">
          <legend>{t('settings.email')}</legend>
          <p className="muted">{t('settings.emailLead')}</p>
          {GROUPS.map((group) => (
            <div key={group.title} className="stack">
              <strong>{t(group.title)}</strong>
              {group.kinds.map((kind) => (
                <label key={kind} className="checkbox">
                  <input type="checkbox" name={kind} checked={!muted.has(kind)} onChange={(e) => toggle(kind, e.target.checked)} /> {t(`kind.${kind}` as MessageKey)}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.working') : t('settings.save')}
        </button>
      </form>
    </Shell>
  );
}
