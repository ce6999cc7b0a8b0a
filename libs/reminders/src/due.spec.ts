import { connectionReminderLeadSeconds, dueMeetingReminders, expiryReminderSource, isExpiryReminderDue, isMeetingReminderDue, meetingReminderSource, reminderMinutesProblem } from './due';

const at = (iso: string) => new Date(iso);
const meeting = (startsAt: string, timedAt = '2021-01-01T00:00:00Z', status = 'scheduled') => ({ meetingId: 'm1', startsAt: at(startsAt), timedAt: at(timedAt), status });

describe('meeting reminders: when each offset is due', () => {
  const m = meeting('2021-01-19T03:00:00Z');

  it('is due from start minus offset until the start, not before and not at or after the start', () => {
    expect(isMeetingReminderDue(m, 15, at('2021-01-19T02:44:59Z'))).toBe(false);
    expect(isMeetingReminderDue(m, 15, at('2021-01-19T02:45:00Z'))).toBe(true);
    expect(isMeetingReminderDue(m, 15, at('2021-01-19T02:59:59Z'))).toBe(true);
    expect(isMeetingReminderDue(m, 15, at('2021-01-19T03:00:00Z'))).toBe(false);
  });

  it('a sweeper that was down catches up every offset still before the start', () => {
    const due = dueMeetingReminders([m], () => [1440, 15], at('2021-01-19T02:50:00Z'));
    expect(due.map((d) => d.minutes)).toEqual([1440, 15]);
  });

  it('an offset whose due time came before the meeting was booked (or moved) is stale', () => {
    const late = meeting('2021-01-19T03:00:00Z', '2021-01-19T02:00:00Z');
    expect(isMeetingReminderDue(late, 1440, at('2021-01-19T02:00:01Z'))).toBe(false);
    expect(isMeetingReminderDue(late, 60, at('2021-01-19T02:00:01Z'))).toBe(true);
    expect(dueMeetingReminders([late], () => [1440, 15], at('2021-01-19T02:50:00Z')).map((d) => d.minutes)).toEqual([15]);
  });

  it('due exactly when booked counts', () => {
    expect(isMeetingReminderDue(meeting('2021-01-19T03:00:00Z', '2021-01-19T02:00:00Z'), 60, at('2021-01-19T02:00:00Z'))).toBe(true);
  });

  it('a cancelled meeting has none', () => {
    expect(isMeetingReminderDue(meeting('2021-01-19T03:00:00Z', undefined, 'cancelled'), 15, at('2021-01-19T02:50:00Z'))).toBe(false);
  });

  it('the source names the start, so a moved meeting is reminded afresh and the old time matches nothing', () => {
    expect(meetingReminderSource('m1', 15, at('2021-01-19T03:00:00Z'))).toBe('reminder:m1:15:2021-01-19T03:00:00.000Z');
    const [before] = dueMeetingReminders([m], () => [15], at('2021-01-19T02:50:00Z'));
    const [after] = dueMeetingReminders([{ ...m, startsAt: at('2021-01-19T05:00:00Z'), timedAt: at('2021-01-19T02:55:00Z') }], () => [15], at('2021-01-19T04:50:00Z'));
    expect(before.source).not.toBe(after.source);
    expect(dueMeetingReminders([{ ...m, startsAt: at('2021-01-19T05:00:00Z'), timedAt: at('2021-01-19T02:55:00Z') }], () => [15], at('2021-01-19T02:50:00Z'))).toEqual([]);
  });

  it('repeated offsets count once, soonest meeting first', () => {
    const other = { ...meeting('2021-01-19T02:55:00Z'), meetingId: 'm0' };
    const due = dueMeetingReminders([m, other], () => [15, 15], at('2021-01-19T02:50:00Z'));
    expect(due.map((d) => d.meetingId)).toEqual(['m0', 'm1']);
  });
});

describe('request expiring: one reminder before a pending request expires', () => {
  const expiresAt = at('2021-01-20T00:00:00Z');

  it('the lead is the configured minutes, at most half the request’s life', () => {
    expect(connectionReminderLeadSeconds(86_400, 60)).toBe(3600);
    expect(connectionReminderLeadSeconds(1800, 60)).toBe(900);
  });

  it('is due within the lead before expiry, only while pending and not yet reminded', () => {
    const pending = { status: 'requested', expiresAt, remindedAt: null };
    expect(isExpiryReminderDue(pending, 3600, at('2021-01-19T22:59:59Z'))).toBe(false);
    expect(isExpiryReminderDue(pending, 3600, at('2021-01-19T23:00:00Z'))).toBe(true);
    expect(isExpiryReminderDue(pending, 3600, at('2021-01-20T00:00:00Z'))).toBe(false);
    expect(isExpiryReminderDue({ ...pending, status: 'accepted' }, 3600, at('2021-01-19T23:30:00Z'))).toBe(false);
    expect(isExpiryReminderDue({ ...pending, remindedAt: at('2021-01-19T23:00:00Z') }, 3600, at('2021-01-19T23:30:00Z'))).toBe(false);
    expect(isExpiryReminderDue({ ...pending, expiresAt: null }, 3600, at('2021-01-19T23:30:00Z'))).toBe(false);
    expect(expiryReminderSource('c1')).toBe('expiring:c1');
  });
});

describe('reminder offsets an event accepts', () => {
  it.each([[[]], [[1440, 15]], [[1, 10080]], [[5, 10, 15, 30, 60]]])('%j is fine', (minutes) => expect(reminderMinutesProblem(minutes)).toBeUndefined());
  it.each([[[0]], [[10081]], [[1.5]], [[15, 15]], [[1, 2, 3, 4, 5, 6]], ['15']])('%j is refused', (minutes) => expect(reminderMinutesProblem(minutes)).toBeDefined());
});
