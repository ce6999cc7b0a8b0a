import type { SlotAttendanceCounts } from '@tradebridge/contracts';
import type { ScheduleSlot } from './schedule';

/**
 * The organizer dashboard's "This slot": which slot of the event's grid is the
 * current one, and its meetings' counts per place added up. The counting itself
 * is one SQL query (AttendanceRepository.slotCounts), whose buckets are:
 *
 * - `cancelled`, `held`, `missed` (no_show): the meeting's status;
 * - `underWay`: still scheduled, and a party has shown up: a party's session in
 *   the call or a scan at the table, from the time the call opens (the attendance
 *   rules' window: max(MEETING_NO_SHOW_MINUTES, 10) before the start) to the end,
 *   or a party's own (or staff's) `attended` record;
 * - `waiting`: still scheduled, and no such sign from either party.
 *
 * So the buckets split the slot's meetings, each counted once. A meeting is in the
 * slot when its time overlaps it (a hand-booked one need not follow the grid).
 */

export type SlotState = 'in_progress' | 'upcoming';

/** The slot containing `now` (start inclusive, end exclusive), else the next one; null once all are over. */
export function currentSlot(slots: readonly ScheduleSlot[], now: Date): { slot: ScheduleSlot; state: SlotState } | null {
  const at = now.getTime();
  for (const slot of slots) {
    if (slot.startsAt <= at && at < slot.endsAt) return { slot, state: 'in_progress' };
    if (slot.startsAt > at) return { slot, state: 'upcoming' };
  }
  return null;
}

/** A place's counts as the query returns them. */
export type SlotCountsRow = Omit<SlotAttendanceCounts, 'key'>;

export const ONLINE_KEY = 'online';

/** The rows keyed (venue id or `online`), in the query's order, and their totals. */
export function slotAttendance(rows: readonly SlotCountsRow[]): { venues: SlotAttendanceCounts[]; totals: SlotAttendanceCounts } {
  const totals: SlotAttendanceCounts = { key: 'all', venueId: null, name: null, meetings: 0, underWay: 0, held: 0, missed: 0, waiting: 0, cancelled: 0 };
  const venues = rows.map((row) => {
    for (const bucket of ['meetings', 'underWay', 'held', 'missed', 'waiting', 'cancelled'] as const) totals[bucket] += row[bucket];
    return { key: row.venueId ?? ONLINE_KEY, ...row };
  });
  return { venues, totals };
}
