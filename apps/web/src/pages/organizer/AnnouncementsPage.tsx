import { useState } from 'react';
import type { AnnouncementView, Locale } from '@tradebridge/contracts';
import { LOCALES } from '@tradebridge/contracts';
import { announcements } from '../../api/endpoints';
import type { ApiError } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgEventFrame } from './OrgEventFrame';
import type { OrgEvent } from './useOrgEvent';

type AudienceKind = 'everyone' | 'venue' | 'room' | 'side';
const MAX = 1000;

/** Organizers' announcements: compose in up to three languages, pick who receives it, confirm, and see what was sent. */
export function AnnouncementsPage({ eventId }: { eventId: string }) {
  return <OrgEventFrame eventId={eventId}>{(org) => <Announcements org={org} />}</OrgEventFrame>;
}

function Announcements({ org }: { org: OrgEvent }) {
  const { t, name, date } = useI18n();
  const { event } = org;
  const sent = useAsync(() => announcements.list(event.id), [event.id]);
  const [text, setText] = useState<Record<Locale, string>>({ vi: '', zh: '', en: '' });
  const [kind, setKind] = useState<AudienceKind>('everyone');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ registrations: number; recipients: number } | null>(null);

  const written = LOCALES.some((l) => text[l].trim());
  const options =
    kind === 'venue'
      ? org.venues.map((v) => ({ id: v.id, label: v.name }))
      : kind === 'room'
        ? org.rooms.map((r) => ({ id: r.id, label: name(r.name) }))
        : event.sides.map((s) => ({ id: s, label: s }));
  const chosen = kind === 'everyone' || (target !== '' && options.some((o) => o.id === target));

  const audienceLabel = (a: AnnouncementView['audience'] | { venueId?: string | null; roomId?: string | null; side?: string | null }): string => {
    if (a.venueId) return `${t('announce.venue')}: ${org.venueOf(a.venueId)?.name ?? a.venueId}`;
    if (a.roomId) return `${t('announce.room')}: ${name(org.roomOf(a.roomId)?.name) || a.roomId}`;
    if (a.side) return `${t('announce.side')}: ${a.side}`;
    return t('announce.everyone');
  };
  const audience = kind === 'venue' ? { venueId: target } : kind === 'room' ? { roomId: target } : kind === 'side' ? { side: target } : undefined;

  const send = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    setDone(null);
    try {
      const body = Object.fromEntries(LOCALES.filter((l) => text[l].trim()).map((l) => [l, text[l].trim()]));
      const result = await announcements.send(event.id, { text: body, ...(audience ? { audience } : {}) });
      setDone(result);
      setText({ vi: '', zh: '', en: '' });
      await sent.reload();
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="announce-title">
        <h2 id="announce-title" className="section-title">
          {t('announce.title')}
        </h2>
        <p className="muted">{t('announce.lead')}</p>
        <ErrorBanner error={error} />
        {done && <Notice kind="success">{t('announce.sent', done)}</Notice>}
        <div className="grid-3">
          {LOCALES.map((l) => (
            <Field
              key={l}
              label={t('announce.textIn', { language: t(`lang.${l}` as MessageKey) })}
              error={fields[`text.${l}`] ?? (l === 'vi' ? fields.text : undefined)}
              hint={t('announce.chars', { n: text[l].length })}
            >
              <textarea rows={5} maxLength={MAX} lang={l} value={text[l]} onChange={(e) => setText({ ...text, [l]: e.target.value })} />
            </Field>
          ))}
        </div>
        <div className="grid-4">
          <Field label={t('announce.audience')}>
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as AudienceKind);
                setTarget('');
              }}
            >
              {(['everyone', 'venue', 'room', 'side'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`announce.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          {kind !== 'everyone' && (
            <Field label={t(`announce.${kind}` as MessageKey)} error={fields[`audience.${kind === 'side' ? 'side' : `${kind}Id`}`]}>
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">—</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </div>
        {!written && <p className="muted small">{t('announce.needText')}</p>}
        <div>
          <ConfirmButton
            className="btn btn-primary"
            disabled={busy || !written || !chosen}
            confirm={{ title: t('announce.confirmTitle'), body: <p>{t('announce.confirmBody', { audience: audienceLabel(audience ?? {}) })}</p>, action: t('announce.send') }}
            onConfirm={() => void send()}
          >
            {busy ? t('common.working') : t('announce.send')}
          </ConfirmButton>
        </div>
      </section>
      <section className="card stack" aria-labelledby="announce-history">
        <h2 id="announce-history" className="section-title">
          {t('announce.history')}
        </h2>
        <ErrorBanner error={sent.error} />
        {!sent.data ? (
          <Loading />
        ) : sent.data.items.length === 0 ? (
          <EmptyState title={t('announce.none')} />
        ) : (
          <ul className="announcement-list">
            {sent.data.items.map((a) => (
              <li key={a.id} className="card">
                <p className="muted small">
                  {date(a.createdAt, event.timezone)} · {t('announce.to', { audience: audienceLabel(a.audience), registrations: a.registrations, recipients: a.recipients })}
                </p>
                <p>{name(a.text)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
