import { ReactNode } from 'react';
import { EventTabs, Shell } from '../../components/Shell';
import { ErrorBanner, Loading, Notice, StatusPill } from '../../components/ui';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { MyEvent, useMyEvent } from './useMyEvent';

/**
 * The frame of an enterprise's pages for one event: its name, the registration
 * (venue, attendance, room) and tabs to the live room, connections, meetings, badge.
 */
export function EnterpriseEventFrame({ eventId, children, wide }: { eventId: string; wide?: boolean; children(my: MyEvent, reload: () => Promise<void>): ReactNode }) {
  const { t, name, date } = useI18n();
  const my = useMyEvent(eventId);
  const base = `/events/${eventId}`;
  if (!my.data) {
    return <Shell>{my.error ? <ErrorBanner error={my.error} /> : <Loading />}</Shell>;
  }
  const { event, registration, venueOf, roomOf, timezone } = my.data;
  const venue = venueOf(registration?.venueId);
  const room = roomOf(registration?.roomId);
  return (
    <Shell wide={wide}>
      <div className="event-head">
        <div>
          <p className="eyebrow">
            <Link to="/events">{t('nav.events')}</Link> / {date(event.startsAt, timezone, 'date')}
          </p>
          <h1 className="event-title">{name(event.name)}</h1>
          {registration && (
            <p className="event-meta">
              <StatusPill status={registration.status} label={t(`registration.${registration.status}` as MessageKey)} />
              {venue && <span>{venue.name}</span>}
              <span>{t(`attendance.${registration.attendance}` as MessageKey)}</span>
              {room && <span>{t('live.roomLabel', { room: name(room.name) })}</span>}
            </p>
          )}
        </div>
      </div>
      <EventTabs
        label={t('nav.eventPages')}
        tabs={[
          { to: `${base}/live`, label: t('nav.liveRoom') },
          { to: `${base}/connections`, label: t('nav.connections') },
          { to: `${base}/meetings`, label: t('nav.meetings') },
          { to: `${base}/badge`, label: t('nav.badge') },
          { to: `${base}/directory`, label: t('nav.directory') },
        ]}
      />
      {registration ? (
        children(my.data, my.reload)
      ) : (
        <Notice kind="warning">
          {t('event.notRegistered')} <Link to="/events">{t('event.registerHere')}</Link>
        </Notice>
      )}
    </Shell>
  );
}
