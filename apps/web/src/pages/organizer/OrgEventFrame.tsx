import { ReactNode } from 'react';
import { EventTabs, Shell } from '../../components/Shell';
import { ErrorBanner, Loading, StatusPill } from '../../components/ui';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { OrgEvent, useOrgEvent } from './useOrgEvent';

/** The frame of the organizer's pages for one event: title, status, and tabs. */
export function OrgEventFrame({ eventId, children, wide }: { eventId: string; wide?: boolean; children(org: OrgEvent, reload: () => Promise<void>): ReactNode }) {
  const { t, name, date } = useI18n();
  const org = useOrgEvent(eventId);
  const base = `/org/events/${eventId}`;
  if (!org.data) return <Shell>{org.error ? <ErrorBanner error={org.error} /> : <Loading />}</Shell>;
  const { event } = org.data;
  return (
    <Shell wide={wide}>
      <div className="event-head">
        <div>
          <p className="eyebrow">
            <Link to="/org">{t('nav.organizer')}</Link> / {date(event.startsAt, event.timezone, 'date')} · {event.timezone}
          </p>
          <h1 className="event-title">{name(event.name)}</h1>
          <p className="event-meta">
            <StatusPill status={event.status} label={t(`eventStatus.${event.status}` as MessageKey)} />
            <span>
              {event.sides[0]} ⇄ {event.sides[1]}
            </span>
            <span>{t('org.venuesRooms', { venues: org.data.venues.length, rooms: org.data.rooms.length })}</span>
          </p>
        </div>
      </div>
      <EventTabs
        label={t('nav.eventPages')}
        tabs={[
          { to: `${base}/setup`, label: t('nav.setup') },
          { to: `${base}/registrations`, label: t('nav.registrations') },
          { to: `${base}/import`, label: t('nav.import') },
          { to: `${base}/rooms-assignment`, label: t('nav.roomAssignment') },
          { to: `${base}/check-in`, label: t('nav.checkIn') },
          { to: `${base}/dashboard`, label: t('nav.dashboard') },
          { to: `${base}/schedule`, label: t('nav.schedule') },
          { to: `${base}/print`, label: t('nav.print') },
          { to: `${base}/report`, label: t('nav.report') },
          { to: `${base}/announcements`, label: t('nav.announcements') },
        ]}
      />
      {children(org.data, org.reload)}
    </Shell>
  );
}
