import ICAL from 'ical.js';
import type { CapturedMail } from './smtp';

/** An e-mail's iCalendar invitation as ical.js reads it. */
export interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: string;
  end: string;
  location: string;
  summary: string;
  url: string;
  attendees: string[];
}

/** The text/calendar part of a message, parsed with ical.js (undefined when there is none). */
export function invitationOf(m: CapturedMail): Invitation | undefined {
  return invitationsOf(m)[0];
}

/** Every invitation an e-mail carries, one per text/calendar part (a scheduler run's e-mail has one per meeting). */
export function invitationsOf(m: CapturedMail): Invitation[] {
  return m.parsed.attachments.filter((a) => a.contentType === 'text/calendar').map((part) => parseInvitation(part.content.toString('utf8')));
}

function parseInvitation(ics: string): Invitation {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    location: event.location,
    summary: event.summary,
    url: String(vevent.getFirstPropertyValue('url') ?? ''),
    attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
  };
}

/**
 * A calendar client's model of its events as RFC 5546 has it: an invitation
 * is keyed by UID and replaces what is held only when its SEQUENCE is higher
 * (an older or repeated one is ignored); a CANCEL marks the event cancelled.
 */
export class CalendarModel {
  readonly events = new Map<string, { sequence: number; status: 'confirmed' | 'cancelled'; start: string; end: string; location: string }>();

  import(invitation: Invitation): void {
    const held = this.events.get(invitation.uid);
    if (held && held.sequence >= invitation.sequence) return;
    const cancelled = invitation.method === 'CANCEL' || invitation.status === 'CANCELLED';
    this.events.set(invitation.uid, {
      sequence: invitation.sequence,
      status: cancelled ? 'cancelled' : 'confirmed',
      start: invitation.start,
      end: invitation.end,
      location: invitation.location,
    });
  }
}

/** Every VEVENT of a calendar (a personal feed), in the same shape as an e-mail's invitation (no METHOD). */
export function calendarEvents(ics: string): Invitation[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      method: String(calendar.getFirstPropertyValue('method') ?? ''),
      uid: event.uid,
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue('status') ?? ''),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      location: event.location,
      summary: event.summary,
      url: String(vevent.getFirstPropertyValue('url') ?? ''),
      attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
    };
  });
}
