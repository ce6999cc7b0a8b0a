import { canSee, dataFor } from './visibility';
import { presenceOf } from './presence';
import { TokenBucket } from './rate-limit';

describe('log visibility', () => {
  const member = { staff: false, registrationIds: new Set(['r1']), roomIds: new Set(['room-a']) };
  it('shows staff everything and members what concerns them', () => {
    const entry = { type: 'connection.requested', data: {}, registrationIds: ['r1', 'r2'] };
    expect(canSee(entry, member)).toBe(true);
    expect(canSee({ ...entry, registrationIds: ['r3', 'r4'] }, member)).toBe(false);
    expect(canSee({ ...entry, registrationIds: ['r3', 'r4'] }, { ...member, staff: true })).toBe(true);
  });
  it("shows a room's presentation queue to that room only, and event-wide news to all", () => {
    expect(canSee({ type: 'pitch.changed', data: { roomId: 'room-a' }, registrationIds: [] }, member)).toBe(true);
    expect(canSee({ type: 'pitch.changed', data: { roomId: 'room-b' }, registrationIds: [] }, member)).toBe(false);
    expect(canSee({ type: 'event.status_changed', data: {}, registrationIds: [] }, member)).toBe(true);
    expect(canSee({ type: 'registration.approved', data: {}, registrationIds: ['r9'] }, member)).toBe(false);
  });
  it('gives a member of an auto room assignment only its own placements, staff all of it', () => {
    const data = {
      assignments: [
        { registrationId: 'r1', roomId: 'room-a' },
        { registrationId: 'r2', roomId: 'room-b' },
      ],
      unassigned: 2,
    };
    const entry = { type: 'registrations.rooms_assigned', data, registrationIds: ['r1', 'r2'] };
    expect(dataFor(entry, member)).toEqual({ assignments: [{ registrationId: 'r1', roomId: 'room-a' }] });
    expect(dataFor(entry, { ...member, staff: true })).toBe(data);
    const other = { type: 'connection.requested', data: { connection: { id: 'c' } }, registrationIds: ['r1', 'r2'] };
    expect(dataFor(other, member)).toBe(other.data);
  });
});

describe('presence', () => {
  const s = (userId: string, registrationId: string | null, venueId: string | null, side: string | null, staff = false) => ({
    userId,
    registrationId,
    enterpriseName: { en: registrationId ?? 'staff' },
    venueId,
    side,
    staff,
  });
  it('counts an enterprise once across tabs and members, by venue and side; staff apart', () => {
    const p = presenceOf('room-a', [
      s('u1', 'r1', 'laocai', 'VN'),
      s('u1', 'r1', 'laocai', 'VN'), // second tab
      s('u2', 'r1', 'laocai', 'VN'), // colleague
      s('u3', 'r2', 'hangzhou', 'CN'),
      s('u4', 'r3', 'laocai', 'CN'),
      s('u9', null, null, null, true),
    ]);
    expect(p.participants.map((x) => x.registrationId)).toEqual(['r1', 'r2', 'r3']);
    expect(p.byVenue).toEqual({ laocai: 2, hangzhou: 1 });
    expect(p.bySide).toEqual({ VN: 1, CN: 2 });
    expect(p.staff).toBe(1);
  });
});

describe('token bucket', () => {
  it('allows a burst, refuses beyond it, refills with time, and flags abuse', () => {
    const bucket = new TokenBucket({ rate: 10, burst: 5, abuseLimit: 20 }, 0);
    const burst = Array.from({ length: 7 }, () => bucket.take(0));
    expect(burst).toEqual(['allow', 'allow', 'allow', 'allow', 'allow', 'refuse', 'refuse']);
    expect(bucket.take(100)).toBe('allow'); // 0.1 s refills one token
    const flood = Array.from({ length: 30 }, () => bucket.take(100));
    expect(flood.indexOf('disconnect')).toBe(17); // the 20th refusal: two came before
  });
  it('decides to disconnect once, then drops everything, even after a refill', () => {
    const bucket = new TokenBucket({ rate: 10, burst: 1, abuseLimit: 3 }, 0);
    const decisions = Array.from({ length: 6 }, () => bucket.take(0));
    expect(decisions).toEqual(['allow', 'refuse', 'refuse', 'disconnect', 'dropped', 'dropped']);
    expect(bucket.take(10_000)).toBe('dropped');
  });
});
