/**
 * The current slot's meetings, per place (`GET /api/events/:id/attendance/now`, staff):
 * what the organizer dashboard's "This slot" panel shows. The buckets split the
 * slot's meetings: `underWay + held + missed + waiting + cancelled = meetings`.
 */

/** One place's meetings in the slot: a venue (on site) or `online` (online meetings have no venue). */
export interface SlotAttendanceCounts {
  /** The venue's id, or `online`; `all` for the totals. */
  key: string;
  venueId: string | null;
  /** The venue's name; null for the online row and the totals. */
  name: string | null;
  /** Meetings overlapping the slot, cancelled ones included. */
  meetings: number;
  /** Scheduled, and a party has shown up: joined the call, scanned at the table, or recorded itself attended; not yet decided. */
  underWay: number;
  held: number;
  /** Decided no_show. */
  missed: number;
  /** Scheduled, and no sign of either party yet. */
  waiting: number;
  cancelled: number;
}

export interface AttendanceNowView {
  eventId: string;
  /** The app's clock when it was counted. */
  now: string;
  /** The slot of the event's grid containing now (`in_progress`), else the next one (`upcoming`); null once every slot is over. */
  slot: { index: number; startsAt: string; endsAt: string; state: 'in_progress' | 'upcoming' } | null;
  /** Venues with meetings in the slot, in the event's venue order, then the online row when there are online meetings. */
  venues: SlotAttendanceCounts[];
  totals: SlotAttendanceCounts;
}
