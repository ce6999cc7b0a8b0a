/**
 * Meetings as iCalendar (RFC 5545 / 5546), built with ical-generator. Pure: the
 * mail worker renders an invitation e-mail's `METHOD:REQUEST` / `METHOD:CANCEL`
 * with it, and the personal calendar feed lists the same meetings with the
 * same UID and SEQUENCE, so a calendar that has both shows one event that moves
 * (and disappears when cancelled) rather than a stale copy beside a new one.
 *
 * Times are written in UTC (`DTSTART:20210119T020000Z`): every client shows
 * them in its own zone, and no VTIMEZONE (which would need a zone database)
 * can be got wrong. The venue's zone is named in the description instead.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MeetingInvitation } from './outbound-mail';

const PRODUCT = { company: 'TradeBridge', product: 'TradeBridge', language: 'EN' };

/** One meeting of a calendar: an invitation without its METHOD (a feed has none per event). */
export type CalendarMeeting = Omit<MeetingInvitation, 'method'> & { cancelled: boolean };

function addMeeting(calendar: ReturnType<typeof ical>, meeting: CalendarMeeting): void {
  calendar.createEvent({
    id: meeting.uid,
    sequence: meeting.sequence,
    start: new Date(meeting.startsAt),
    end: new Date(meeting.endsAt),
    // DTSTAMP must be stable for one SEQUENCE, so a retried e-mail is byte for byte the same.
    stamp: new Date(meeting.startsAt),
    summary: meeting.summary,
    description: meeting.description,
    location: meeting.location || null,
    url: meeting.url,
    status: meeting.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: meeting.organizer.name, email: meeting.organizer.email },
    attendees: meeting.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: false,
    })),
  });
}

/** The `text/calendar` body of an invitation e-mail: one VEVENT, METHOD REQUEST or CANCEL. */
export function invitationIcs(invitation: MeetingInvitation): string {
  const calendar = ical({ prodId: PRODUCT, method: invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  const { method, ...meeting } = invitation;
  addMeeting(calendar, { ...meeting, cancelled: method === 'CANCEL' });
  return calendar.toString();
}

/** A personal calendar feed (webcal): every meeting, cancelled ones as STATUS:CANCELLED. */
export function feedIcs(name: string, meetings: CalendarMeeting[]): string {
  const calendar = ical({ prodId: PRODUCT, name, ttl: 15 * 60 });
  for (const meeting of meetings) addMeeting(calendar, meeting);
  return calendar.toString();
}
