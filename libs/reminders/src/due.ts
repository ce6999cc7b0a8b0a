/**
 * When reminders are due: pure rules over plain data, so the sweeper's SQL and
 * these unit-tested functions say the same thing (the repository narrows the
 * rows with an index; these decide).
 *
 * A meeting reminder `minutes` before a meeting starting at `startsAt` is due
 * from `startsAt - minutes` until the meeting starts: a sweeper that was down
 * catches it up, but never after the start. It is stale, and never sent, when
 * its due time came before the meeting got its current time (`timedAt`: booked
 * or last moved): no "in 24 h" for a meeting booked an hour ahead. The source
 * names the start time, so a moved meeting is reminded afresh at its new time
 * and the old time matches nothing.
 */

export const MAX_REMINDER_MINUTES = 10080;
export const MAX_REMINDERS = 5;

export interface MeetingTiming {
  meetingId: string;
  startsAt: Date;
  timedAt: Date;
  status: string;
}

export interface DueMeetingReminder {
  meetingId: string;
  minutes: number;
  startsAt: Date;
  source: string;
}

export function meetingReminderSource(meetingId: string, minutes: number, startsAt: Date): string {
  return `reminder:${meetingId}:${minutes}:${startsAt.toISOString()}`;
}

export function isMeetingReminderDue(meeting: MeetingTiming, minutes: number, now: Date): boolean {
  if (meeting.status === 'cancelled') return false;
  const due = meeting.startsAt.getTime() - minutes * 60_000;
  return due <= now.getTime() && now.getTime() < meeting.startsAt.getTime() && due >= meeting.timedAt.getTime();
}

/** The reminders due now for these meetings at these offsets, soonest meeting first. */
export function dueMeetingReminders(meetings: MeetingTiming[], offsets: (meetingId: string) => readonly number[], now: Date): DueMeetingReminder[] {
  const due: DueMeetingReminder[] = [];
  for (const meeting of [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    for (const minutes of new Set(offsets(meeting.meetingId))) {
      if (isMeetingReminderDue(meeting, minutes, now))
        due.push({ meetingId: meeting.meetingId, minutes, startsAt: meeting.startsAt, source: meetingReminderSource(meeting.meetingId, minutes, meeting.startsAt) });
    }
  }
  return due;
}

/**
 * How long before a request expires its receiver is reminded: the configured
 * lead, but at most half the request's life, so a short CONNECTION_TTL does not
 * turn the reminder into a copy of the request itself.
 */
export function connectionReminderLeadSeconds(ttlSeconds: number, reminderMinutes: number): number {
  return Math.min(reminderMinutes * 60, Math.floor(ttlSeconds / 2));
}

export interface PendingRequestTiming {
  status: string;
  expiresAt: Date | null;
  remindedAt: Date | null;
}

/** Due once, while the request still waits for its answer and has not expired. */
export function isExpiryReminderDue(request: PendingRequestTiming, leadSeconds: number, now: Date): boolean {
  if (request.status !== 'requested' || request.expiresAt === null || request.remindedAt !== null) return false;
  const expires = request.expiresAt.getTime();
  return expires - leadSeconds * 1000 <= now.getTime() && now.getTime() < expires;
}

export function expiryReminderSource(connectionId: string): string {
  return `expiring:${connectionId}`;
}

/** Why a list of offsets is refused, or undefined: up to 5 distinct whole minutes, 1 to 10080 (a week). */
export function reminderMinutesProblem(minutes: unknown): string | undefined {
  if (!Array.isArray(minutes)) return 'must be an array of minutes';
  if (minutes.length > MAX_REMINDERS) return `must have at most ${MAX_REMINDERS} offsets`;
  if (minutes.some((m) => typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > MAX_REMINDER_MINUTES))
    return `each must be a whole number of minutes from 1 to ${MAX_REMINDER_MINUTES}`;
  if (new Set(minutes).size !== minutes.length) return 'must not repeat an offset';
  return undefined;
}
