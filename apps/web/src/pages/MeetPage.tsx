import { useState } from 'react';
import type { EnterpriseView, MeetingAttendance, PartnerView } from '@tradebridge/contracts';
import { ApiError } from '../api/client';
import { enterprises, events, meetings, registrations } from '../api/endpoints';
import { Shell } from '../components/Shell';
import { ContactDetails, ErrorBanner, Loading, PageHeader, SideTag, StatusPill } from '../components/ui';
import { toApiError, useAsync } from '../components/useAsync';
import { formatRange } from '../i18n/format';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router';
import { MeetingAttendanceView } from './enterprise/MeetingsPage';
import { asyncHandler } from '../components/async-handler';
import { VideoCall } from './meet/VideoCall';

/**
 * `/meet/<meetingId>`: where an online meeting's link lands. It shows the
 * meeting, both local times, and the partner with the contact details that the
 * accepted connection unlocked. An online meeting's page holds its video call
 * (VideoCall); the contact details stay as the fallback when it cannot connect.
 */
export function MeetPage({ meetingId }: { meetingId: string }) {
  const { t, name, locale } = useI18n();
  const data = useAsync(async () => {
    const meeting = await meetings.get(meetingId);
    const [event, mine] = await Promise.all([events.get(meeting.eventId), registrations.list(meeting.eventId)]);
    const own = mine.items.find((r) => meeting.registrationIds.includes(r.id)) ?? null;
    let partner: PartnerView | undefined;
    let profile: EnterpriseView | null = null;
    if (own) {
      const partners = await registrations.partners(meeting.eventId, own.id);
      partner = partners.items.find((p) => p.registrationId !== own.id && meeting.registrationIds.includes(p.registrationId));
      profile = partner ? await enterprises.get(partner.enterprise.id).catch(() => null) : null;
    }
    return { meeting, event, own, partner, profile };
  }, [meetingId]);
  const [error, setError] = useState<ApiError | null>(null);

  if (!data.data) {
    // Someone who may not see the meeting still hears from the call why it is not theirs.
    return (
      <Shell>
        {data.error ? (
          <>
            <ErrorBanner error={data.error} />
            <VideoCall meetingId={meetingId} timeZone="UTC" contacts={false} />
          </>
        ) : (
          <Loading />
        )}
      </Shell>
    );
  }
  const { meeting, event, own, partner, profile } = data.data;
  const contact = profile?.contact;
  const record = async (attendance: MeetingAttendance) => {
    setError(null);
    try {
      const updated = await meetings.setAttendance(meeting.id, attendance);
      data.setData({ meeting: updated, event, own, partner, profile });
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <Shell>
      <PageHeader
        eyebrow={name(event.name)}
        title={t(meeting.mode === 'online' ? 'meet.onlineTitle' : 'meet.onsiteTitle')}
        subtitle={partner ? t('meet.with', { name: name(partner.enterprise.name) }) : undefined}
        actions={<StatusPill status={meeting.status} label={t(`meetingStatus.${meeting.status}` as MessageKey)} />}
      />
      {meeting.mode === 'online' && meeting.status !== 'cancelled' && <VideoCall meetingId={meeting.id} timeZone={meeting.local.timezone} contacts={Boolean(contact)} />}
      <div className="meet-layout">
        <section className="card meet-times" aria-labelledby="meet-when">
          <h2 id="meet-when" className="section-title">
            {t('meet.when')}
          </h2>
          <p className="meet-time-big">{formatRange(meeting.local.startsAt, meeting.local.endsAt, meeting.local.timezone, locale)}</p>
          <p className="muted">{own ? t('meetings.yourTime') : t('meet.eventTime')}</p>
          {meeting.partnerLocal && (
            <>
              <p className="meet-time-other">{formatRange(meeting.partnerLocal.startsAt, meeting.partnerLocal.endsAt, meeting.partnerLocal.timezone, locale)}</p>
              <p className="muted">{t('meetings.partnerTime')}</p>
            </>
          )}
          {meeting.mode === 'online' && <p className="meet-room-note">{t('meet.onlineNote')}</p>}
          <ErrorBanner error={error} />
          {own && <MeetingAttendanceView meeting={meeting} mine={own.id} onAttendance={asyncHandler(record)} />}
        </section>
        <section className="card" aria-labelledby="meet-partner">
          <h2 id="meet-partner" className="section-title">
            {t('meet.partner')}
          </h2>
          {partner ? (
            <>
              <p className="meet-partner-name">{name(partner.enterprise.name)}</p>
              <p className="muted">
                <SideTag side={partner.side} sides={event.sides} /> {partner.enterprise.region}
              </p>
              {contact && <ContactDetails contact={contact} />}
            </>
          ) : (
            <p className="muted">{t('meet.staffView')}</p>
          )}
          {own && (
            <p>
              <Link to={`/events/${event.id}/meetings`}>{t('meet.allMeetings')}</Link>
            </p>
          )}
        </section>
      </div>
    </Shell>
  );
}
