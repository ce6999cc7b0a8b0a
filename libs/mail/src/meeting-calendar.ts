import type { Locale } from '@tradebridge/contracts';

/** Where a meeting is, as far as a calendar is told. */
export interface MeetingWhere {
  mode: 'onsite' | 'online';
  /** The venue of the table (on site); null online. */
  venueName: string | null;
  table: number | null;
  /** The online call's address. */
  link: string | null;
}

const TABLE: Record<Locale, string> = { vi: 'bàn', zh: '桌', en: 'table' };
const ONLINE: Record<Locale, string> = { vi: 'trực tuyến', zh: '线上', en: 'online' };

/**
 * A meeting's place in the reader's language: the venue and table, or the online
 * call's link. The invitations and the personal feed both say it so, so a
 * calendar holding the same event (one UID) from both never flips between two wordings.
 */
export function meetingPlace(meeting: MeetingWhere, locale: Locale): string {
  if (meeting.mode === 'online' || !meeting.venueName) return meeting.link ? `${ONLINE[locale]}: ${meeting.link}` : ONLINE[locale];
  return meeting.table !== null ? `${meeting.venueName}, ${TABLE[locale]} ${meeting.table}` : meeting.venueName;
}

/** A meeting's calendar title, invitations and feed alike: the event's name and the partner's. */
export function meetingSummary(eventName: string, partnerName: string): string {
  return `${eventName}: ${partnerName}`.replace(/^: /, '');
}

/** What a calendar entry links to: the call online, else the event's meetings page. */
export function meetingUrl(meeting: MeetingWhere, meetingsPage: string): string {
  return meeting.mode === 'online' && meeting.link ? meeting.link : meetingsPage;
}
