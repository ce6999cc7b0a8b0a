import type { MeetingAttendance, MeetingCounts, MeetingMode, MeetingStatus, NoShowCounts } from '@tradebridge/contracts';
import type { ConnectionCell } from './aggregate';

/**
 * The report's meeting figures, added up from cells PostgreSQL counts in one
 * pass over an event's meetings, and from the no-shows the connections' pass
 * counts per side (no third pass joining meetings to a million connections):
 * meetings by mode and venue, the no-show rate of each side, and the accepted
 * connections that ended in a held meeting.
 *
 * Decisions, documented in docs/architecture.md (Report):
 * - A meeting counts once, where it takes place: an on-site one at its venue,
 *   an online one (no venue) in a row of its own keyed `online`, so the rows
 *   add up to the totals. The parties' own venues are in the connection
 *   figures (byVenuePair).
 * - A party missed a meeting when the meeting is `no_show` and the party was
 *   recorded absent — or, when staff set `no_show` with nobody recorded absent,
 *   every party not recorded as attended (staff said nobody met; no record says
 *   who stayed away, so neither is excused). A status staff set to `held`
 *   counts nobody absent, whatever was recorded before.
 * - A meeting is due (enters the no-show rate) when it is not cancelled and
 *   its time is over, or its status is already decided (a no-show is decided
 *   10 minutes after the start, before the slot ends). Every meeting has one
 *   party on each side (connections_different_sides_check; a registration's
 *   side is one of the event's two), so a meeting due is due for both sides.
 * - Meetings are booked for accepted connections only, and acceptance is final
 *   (only a pending request is withdrawn), with at most one meeting of a
 *   connection not cancelled (meetings_one_live_per_connection_key): the held
 *   meetings are the connections made that met.
 */

/** Meetings counted per mode, venue, status, the two parties' records and whether over. */
export interface MeetingCell {
  mode: MeetingMode;
  venueId: string | null;
  status: MeetingStatus;
  /** The record of the connection's requester's party. */
  fromAttendance: MeetingAttendance | null;
  toAttendance: MeetingAttendance | null;
  /** The meeting's end has passed. */
  ended: boolean;
  meetings: number;
}

/** No-show meetings counted per the sides of the requester and the receiver and their two records. */
export interface NoShowCell {
  fromSide: string;
  toSide: string;
  fromAttendance: MeetingAttendance | null;
  toAttendance: MeetingAttendance | null;
  meetings: number;
}

export interface MeetingFigures {
  totals: { scheduled: number; held: number; noShow: number; cancelled: number; connectionsWithHeldMeeting: number };
  byMode: MeetingCounts[];
  /** Keyed by venue id, and `online` for the online meetings. */
  byVenue: MeetingCounts[];
  bySide: NoShowCounts[];
}

/** The key of the online meetings' row in `byVenue`. */
export const ONLINE = 'online';
const MODES: MeetingMode[] = ['onsite', 'online'];

/** Whether a party (with its own record and its partner's) missed a meeting: see the header. */
export function partyAbsent(status: MeetingStatus, own: MeetingAttendance | null, partner: MeetingAttendance | null): boolean {
  if (status !== 'no_show') return false;
  if (own === 'absent') return true;
  return partner !== 'absent' && own !== 'attended';
}

/** Whether a meeting enters the no-show rate: see the header. */
export function meetingDue(status: MeetingStatus, ended: boolean): boolean {
  return status !== 'cancelled' && (ended || status !== 'scheduled');
}

/** A share rounded to 4 decimals, 0 of nothing (as the acceptance rate). */
export function share(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

/**
 * The meeting figures of an event with the given sides (always both listed, in
 * that order) and venues (their order kept; only those with meetings listed,
 * then the online row when there are online meetings). `scheduled` counts
 * every meeting booked and not cancelled, as the report's totals do.
 */
export function meetingFigures(cells: MeetingCell[], noShows: NoShowCell[], sides: readonly string[], venueIds: readonly string[]): MeetingFigures {
  const counts = (key: string): MeetingCounts => ({ key, scheduled: 0, held: 0, noShow: 0, cancelled: 0 });
  const total = counts('all');
  const byMode = new Map(MODES.map((mode) => [mode, counts(mode)]));
  const byVenue = new Map<string, MeetingCounts>();
  let due = 0;

  for (const cell of cells) {
    const venueKey = cell.venueId ?? ONLINE;
    const venue = byVenue.get(venueKey) ?? counts(venueKey);
    byVenue.set(venueKey, venue);
    for (const c of [total, byMode.get(cell.mode) ?? counts(cell.mode), venue]) {
      if (cell.status === 'cancelled') c.cancelled += cell.meetings;
      else c.scheduled += cell.meetings;
      if (cell.status === 'held') c.held += cell.meetings;
      if (cell.status === 'no_show') c.noShow += cell.meetings;
    }
    if (meetingDue(cell.status, cell.ended)) due += cell.meetings;
  }

  const absent = new Map(sides.map((side) => [side, 0]));
  for (const cell of noShows) {
    if (partyAbsent('no_show', cell.fromAttendance, cell.toAttendance)) absent.set(cell.fromSide, (absent.get(cell.fromSide) ?? 0) + cell.meetings);
    if (partyAbsent('no_show', cell.toAttendance, cell.fromAttendance)) absent.set(cell.toSide, (absent.get(cell.toSide) ?? 0) + cell.meetings);
  }

  const venueOrder = [...venueIds, ...[...byVenue.keys()].filter((k) => k !== ONLINE && !venueIds.includes(k)).sort(), ONLINE];
  return {
    totals: { scheduled: total.scheduled, held: total.held, noShow: total.noShow, cancelled: total.cancelled, connectionsWithHeldMeeting: total.held },
    byMode: [...byMode.values()],
    byVenue: venueOrder.flatMap((key) => byVenue.get(key) ?? []),
    bySide: [...absent].map(([side, missed]) => ({ side, due, absent: missed, rate: share(missed, due) })),
  };
}

/** The no-show meetings within the connection cells (each connection there has one), per the two sides and records. */
export function noShowCells(cells: readonly ConnectionCell[]): NoShowCell[] {
  return cells.flatMap((c) => (c.noShow ? [{ fromSide: c.fromSide, toSide: c.toSide, fromAttendance: c.noShow[0], toAttendance: c.noShow[1], meetings: c.requested }] : []));
}
