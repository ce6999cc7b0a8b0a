import { FormEvent, useState } from 'react';
import type { ProductLine } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { connections, directory } from '../../api/endpoints';
import { ContactDetails, ErrorBanner, Field, Loading, Notice, SideTag } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { EnterpriseEventFrame } from './EnterpriseEventFrame';
import { FavouriteToggle } from './DirectoryPage';
import type { MyEvent } from './useMyEvent';
import { asyncHandler } from '../../components/async-handler';
import { useHsNames } from '../../api/hsNames';

function Products({ title, lines }: { title: string; lines: ProductLine[] }) {
  const { locale } = useI18n();
  // The goods' names in the reader's language, from the reference data.
  const names = useHsNames(
    lines.map((l) => l.hsCode),
    locale,
  );
  if (!lines.length) return null;
  return (
    <div>
      <h3>{title}</h3>
      <ul className="product-lines">
        {lines.map((line) => (
          <li key={`${line.hsCode}:${line.description}`}>
            <strong>HS {line.hsCode}</strong>
            {names[line.hsCode] && <span className="hs-name"> · {names[line.hsCode]}</span>} {line.description && <span className="muted"> — {line.description}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Profile({ my, registrationId }: { my: MyEvent; registrationId: string }) {
  const { t, name } = useI18n();
  const eventId = my.event.id;
  const entry = useAsync(() => directory.get(eventId, registrationId), [eventId, registrationId]);
  const mine = my.registration?.id;
  // A live connection with this enterprise replaces the request form (at most one per pair).
  const ours = useAsync(() => (mine ? connections.list(eventId, { registrationId: mine }) : Promise.resolve(null)), [eventId, mine]);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!entry.data) return entry.error ? <ErrorBanner error={entry.error} /> : <Loading />;
  const e = entry.data.enterprise;
  const otherSide = my.registration && entry.data.side !== my.registration.side;
  const live = ours.data?.items.find((c) => [c.fromRegistrationId, c.toRegistrationId].includes(registrationId) && (c.status === 'requested' || c.status === 'accepted'));

  const request = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!my.registration) return;
    setBusy(true);
    setError(null);
    try {
      await connections.request(eventId, {
        fromRegistrationId: my.registration.id,
        toRegistrationId: registrationId,
        channel: 'online',
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      setSent(true);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card stack enterprise-profile" aria-labelledby="enterprise-name">
      <p className="eyebrow">
        <Link to={`/events/${eventId}/directory`}>{t('directory.title')}</Link>
      </p>
      <div className="section-head">
        <h2 id="enterprise-name" className="section-title">
          {name(e.name)}
        </h2>
        <FavouriteToggle eventId={eventId} entry={entry.data} onChange={(favourite) => entry.setData((d) => ({ ...d!, favourite }))} />
      </div>
      {Object.values(e.name).filter(Boolean).length > 1 && <p className="muted">{Object.values(e.name).filter(Boolean).join(' · ')}</p>}
      <p className="muted small">
        <SideTag side={entry.data.side} sides={my.event.sides} /> {e.country} · {e.region} · {entry.data.venue.name} ({entry.data.venue.city}) ·{' '}
        {t(`attendance.${entry.data.attendance}` as MessageKey)}
      </p>
      {name(e.description) && <p>{name(e.description)}</p>}
      <dl className="profile-facts">
        {e.sectors.length > 0 && (
          <>
            <dt>{t('profile.sectors')}</dt>
            <dd>{e.sectors.join(', ')}</dd>
          </>
        )}
        <dt>{t('profile.languages')}</dt>
        <dd>{e.languages.join(', ') || '—'}</dd>
        {e.certifications.length > 0 && (
          <>
            <dt>{t('profile.certifications')}</dt>
            <dd>{e.certifications.map((c) => [t(`cert.${c.kind}` as MessageKey), c.stars ? '★'.repeat(c.stars) : '', c.code ?? ''].filter(Boolean).join(' ')).join(' · ')}</dd>
          </>
        )}
        {e.website && (
          <>
            <dt>{t('profile.website')}</dt>
            <dd>
              <a href={e.website} rel="noopener noreferrer" target="_blank">
                {e.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      <Products title={t('directory.offers')} lines={e.offers} />
      <Products title={t('directory.needs')} lines={e.needs} />
      {e.contact ? <ContactDetails contact={e.contact} /> : <p className="muted small">{t('connections.noContact')}</p>}
      {otherSide &&
        (sent ? (
          <Notice kind="success">{t('directory.requestSent')}</Notice>
        ) : live ? (
          <Notice>{t('directory.connection', { status: t(`connectionStatus.${live.status}` as MessageKey) })}</Notice>
        ) : (
          <form className="stack" onSubmit={asyncHandler(request)} noValidate>
            <ErrorBanner error={error} />
            <Field label={t('directory.message')} hint={t('common.optional')}>
              <input type="text" value={message} maxLength={500} onChange={(ev) => setMessage(ev.target.value)} />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('directory.sendRequest')}
            </button>
          </form>
        ))}
    </article>
  );
}

/** Another participant's public profile: contact details only as the privacy rule allows, a favourite toggle and a connection request. */
export function EnterpriseProfilePage({ eventId, registrationId }: { eventId: string; registrationId: string }) {
  return <EnterpriseEventFrame eventId={eventId}>{(my) => <Profile my={my} registrationId={registrationId} />}</EnterpriseEventFrame>;
}
