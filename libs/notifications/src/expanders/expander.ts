import type { NotificationKind } from '@tradebridge/contracts';
import type { EventLogEntry } from '@tradebridge/core';
import type { MeetingFacts } from '../messages/template';

/** "Tell the members of this registration's enterprise": one log entry yields some of these. */
export interface Mention {
  /** The registration whose enterprise's members are told. */
  to: string;
  /** The other party, named in the message. */
  partner?: string | null;
  kind: NotificationKind;
  /** Tells apart the notifications of one entry to one user: the meeting id, or ''. Part of `source`. */
  key: string;
  /** The web app path of the thing. */
  link: string;
  /** Kind-specific facts merged into the notification's data (meeting, room, outcome…). */
  facts?: Record<string, unknown>;
}

/** Bulk reads an expander may need (one query for a whole entry, never one per row). */
export interface ExpansionLookups {
  venues(ids: string[]): Promise<Map<string, { name: string; timezone: string }>>;
  rooms(ids: string[]): Promise<Map<string, Record<string, string>>>;
}

/**
 * Turns one log entry into mentions. The notifier drops the mentions of the
 * enterprise whose member acted (one is not told of one's own action), names
 * the partner, and writes one notification per member.
 */
export type Expander = (entry: EventLogEntry, lookups: ExpansionLookups) => Mention[] | Promise<Mention[]>;

export const connectionsLink = (eventId: string) => `/events/${eventId}/connections`;
/** A connection's message thread, opened on the connections page. */
export const threadLink = (eventId: string, connectionId: string) => `${connectionsLink(eventId)}?thread=${encodeURIComponent(connectionId)}`;
export const meetingsLink = (eventId: string) => `/events/${eventId}/meetings`;
/** One meeting on the meetings page (scrolled to and focused there). */
export const meetingLink = (eventId: string, meetingId: string) => `${meetingsLink(eventId)}?meeting=${encodeURIComponent(meetingId)}`;
export const registrationLink = () => `/events`;

/** The log's meeting snapshot (MeetingView without local times) as message facts. */
export interface MeetingSnapshot {
  id: string;
  registrationIds: [string, string];
  startsAt: string;
  endsAt: string;
  mode: 'onsite' | 'online';
  venueId: string | null;
  table: number | null;
  link: string | null;
  status: string;
  sequence?: number;
}

export function factsOf(m: MeetingSnapshot, venue: { name: string; timezone: string } | undefined): MeetingFacts {
  return {
    id: m.id,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    mode: m.mode,
    venueName: venue?.name ?? null,
    venueTimezone: venue?.timezone ?? null,
    table: m.table,
    link: m.link,
    status: m.status,
    sequence: m.sequence ?? 0,
  };
}

/** Both parties of a meeting, each told with the other as partner. */
export function bothParties(eventId: string, kind: NotificationKind, registrationIds: [string, string], meeting: MeetingFacts): Mention[] {
  const [a, b] = registrationIds;
  return [
    { to: a, partner: b, kind, key: meeting.id, link: meetingsLink(eventId), facts: { meeting } },
    { to: b, partner: a, kind, key: meeting.id, link: meetingsLink(eventId), facts: { meeting } },
  ];
}
