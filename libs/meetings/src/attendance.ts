import type { MeetingAttendance, MeetingMode, MeetingStatus } from '@tradebridge/contracts';

/**
 * The status a meeting's two attendance records give: both attended → held;
 * either absent → no_show; otherwise still scheduled. The same rule is the
 * database's meetings_status_follows_attendance_check.
 */
export function statusFromAttendance(from: MeetingAttendance | null, to: MeetingAttendance | null): MeetingStatus {
  if (from === 'absent' || to === 'absent') return 'no_show';
  return from === 'attended' && to === 'attended' ? 'held' : 'scheduled';
}

/** A meeting's two sides: 0 is the connection's requester, 1 its receiver (the order of `attendance`). */
export type Side = 0 | 1;

/** Who wrote a side's attendance: the party itself, staff, or these rules from the evidence. */
export type AttendanceSource = 'party' | 'staff' | 'system';

export interface AttendanceRules {
  /** Both parties in the call together this long make an online meeting held. */
  heldMinutes: number;
  /** This long after the start, a party with no sign of presence is absent. */
  noShowMinutes: number;
}

/** What happened around one meeting, as the gateway and the scans recorded it. */
export interface AttendanceEvidence {
  mode: MeetingMode;
  startsAt: Date;
  endsAt: Date;
  now: Date;
  /** The parties' time in the video call: each session from its join to its leave (or when it was last seen). */
  calls: { side: Side; from: Date; until: Date }[];
  /** On site: a badge scan (either party scanned the other: both are at the table) or a table QR scan (that side is there). */
  scans: { side: Side; kind: 'badge' | 'table'; at: Date }[];
  /** What is recorded now, and by whom; the rules never overwrite a party's or staff's own record. */
  recorded: [{ value: MeetingAttendance | null; source: AttendanceSource | null }, { value: MeetingAttendance | null; source: AttendanceSource | null }];
}

const MINUTE = 60_000;

/** Sorted, merged intervals (ms since epoch). */
function union(intervals: [number, number][]): [number, number][] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** How long two interval unions overlap, in ms. */
function overlapMs(a: [number, number][], b: [number, number][]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (hi > lo) total += hi - lo;
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return total;
}

/** The minutes both parties were in the call at the same time. */
export function minutesTogether(calls: AttendanceEvidence['calls'], now: Date): number {
  const of = (side: Side) => union(calls.filter((c) => c.side === side).map((c) => [c.from.getTime(), Math.min(c.until.getTime(), now.getTime())]));
  return overlapMs(of(0), of(1)) / MINUTE;
}

/** How long before the start scans and call joins begin to count (the call's room opens early). */
export function evidenceOpensMinutes(rules: Pick<AttendanceRules, 'noShowMinutes'>): number {
  return Math.max(rules.noShowMinutes, 10);
}

/**
 * What the evidence says of each side: `attended`, `absent`, or nothing yet (null).
 *
 * - Online: both parties in the call together for `heldMinutes` → both attended.
 *   A party that has not joined by `noShowMinutes` after the start is absent (both,
 *   if neither joined); joining later takes that back.
 * - On site: a badge scan at the slot → both attended; a table scan → that side is
 *   there, and once both have scanned, both attended. `noShowMinutes` after the start,
 *   a side with no sign is absent only if the other side is known to be there: with no
 *   sign from either the rules cannot tell (the parties or staff record it).
 * - Either mode: a party's or staff's own `attended` record is a sign of presence.
 *
 * Scans and joins count from `noShowMinutes` before the start (the room opens early)
 * to the end of the meeting.
 */
export function evidenceSays(e: AttendanceEvidence, rules: AttendanceRules): [MeetingAttendance | null, MeetingAttendance | null] {
  const start = e.startsAt.getTime();
  const end = e.endsAt.getTime();
  const now = e.now.getTime();
  const windowStart = start - evidenceOpensMinutes(rules) * MINUTE;
  const late = now >= start + rules.noShowMinutes * MINUTE;
  // A party's own (or staff's) "attended" is a sign of presence too: the partner who never came is then absent.
  const said = [0, 1].map((side) => e.recorded[side].value === 'attended' && e.recorded[side].source !== 'system');
  if (e.mode === 'online') {
    const inWindow = e.calls.filter((c) => c.until.getTime() > windowStart && c.from.getTime() < end);
    const joined = [inWindow.some((c) => c.side === 0), inWindow.some((c) => c.side === 1)];
    if (joined[0] && joined[1] && minutesTogether(inWindow, e.now) >= rules.heldMinutes) return ['attended', 'attended'];
    return [joined[0] || said[0] || !late ? null : 'absent', joined[1] || said[1] || !late ? null : 'absent'];
  }
  const scans = e.scans.filter((s) => s.at.getTime() >= windowStart && s.at.getTime() <= end);
  if (scans.some((s) => s.kind === 'badge')) return ['attended', 'attended'];
  const scanned = [scans.some((s) => s.side === 0), scans.some((s) => s.side === 1)];
  if (scanned[0] && scanned[1]) return ['attended', 'attended'];
  const there = [scanned[0] || said[0], scanned[1] || said[1]];
  const mark = (side: Side): MeetingAttendance | null => (scanned[side] ? 'attended' : there[side] || !late || !there[1 - side] ? null : 'absent');
  return [mark(0), mark(1)];
}

/**
 * The attendance to store: each side keeps what its party or staff recorded;
 * otherwise it follows the evidence (so a late join takes back an automatic absent).
 * `changed` is false when nothing would be written.
 */
export function decideAttendance(
  e: AttendanceEvidence,
  rules: AttendanceRules,
): { attendance: [MeetingAttendance | null, MeetingAttendance | null]; sources: [AttendanceSource | null, AttendanceSource | null]; status: MeetingStatus; changed: boolean } {
  const says = evidenceSays(e, rules);
  const attendance: [MeetingAttendance | null, MeetingAttendance | null] = [null, null];
  const sources: [AttendanceSource | null, AttendanceSource | null] = [null, null];
  let changed = false;
  for (const side of [0, 1] as const) {
    const { value, source } = e.recorded[side];
    if (value !== null && source !== 'system') {
      attendance[side] = value;
      sources[side] = source;
      continue;
    }
    attendance[side] = says[side];
    sources[side] = says[side] === null ? null : 'system';
    if (says[side] !== value) changed = true;
  }
  return { attendance, sources, status: statusFromAttendance(attendance[0], attendance[1]), changed };
}
