import { createTestApp, TestApp, TestClock } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * The current slot's meetings per venue (GET /api/events/:id/attendance/now),
 * against the real database: meetings of one slot at Lào Cai, at Hangzhou and
 * online, brought to each bucket the way they get there in the conference (a
 * badge scan, a call session as the gateway writes it, a party's own record,
 * staff's decisions, a cancellation), with a meeting of the next slot and one of
 * another event that must not count. The event lies on 2021-07-22, away from
 * other specs' instants.
 */
const DAY = '2021-07-22';
const EVENT = { startsAt: `${DAY}T01:00:00.000Z`, endsAt: `${DAY}T04:00:00.000Z` };
const SLOT = `${DAY}T02:00:00Z`;

interface Counts {
  key: string;
  venueId: string | null;
  name: string | null;
  meetings: number;
  underWay: number;
  held: number;
  missed: number;
  waiting: number;
  cancelled: number;
}
interface AttendanceNow {
  slot: { index: number; startsAt: string; endsAt: string; state: string } | null;
  venues: Counts[];
  totals: Counts;
}

describe('GET /api/events/:id/attendance/now: the current slot per venue', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  let member: Account;

  const book = async (connectionId: string, startsAt = SLOT): Promise<string> => {
    const res = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt });
    if (res.status !== 201) throw new Error(`book failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const now = async (as: Account = organizer) => (await t.http.get(`/api/events/${setup.eventId}/attendance/now`).set(as.auth).expect(200)).body as AttendanceNow;
  const counts = (n: Partial<Counts>) => ({ underWay: 0, held: 0, missed: 0, waiting: 0, cancelled: 0, ...n });

  beforeAll(async () => {
    t = await createTestApp({ SCHEDULE_LEAD_MINUTES: '0' }, new TestClock(`${DAY}T00:00:00Z`));
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer, EVENT);
    const { laoCai, hangzhou, online } = setup.venues;

    // Lào Cai: held by a badge scan, one waiting, one cancelled.
    const scanned = await world.acceptedPair(organizer, setup, { vn: laoCai, cn: laoCai });
    const scannedId = await book(scanned.connectionId);
    const quiet = await world.acceptedPair(organizer, setup, { vn: laoCai, cn: laoCai });
    await book(quiet.connectionId);
    const called = await world.acceptedPair(organizer, setup, { vn: laoCai, cn: laoCai });
    const calledOffId = await book(called.connectionId);
    // Hangzhou: staff say no_show; one party recorded itself there.
    const missed = await world.acceptedPair(organizer, setup, { vn: hangzhou, cn: hangzhou });
    const missedId = await book(missed.connectionId);
    const arrived = await world.acceptedPair(organizer, setup, { vn: hangzhou, cn: hangzhou });
    const arrivedId = await book(arrived.connectionId);
    // Online: a party in the call, one waiting, one staff set held.
    const inCall = await world.acceptedPair(organizer, setup, { vn: online, cn: online });
    const inCallId = await book(inCall.connectionId);
    const waitingOnline = await world.acceptedPair(organizer, setup, { vn: online, cn: online });
    await book(waitingOnline.connectionId);
    const heldOnline = await world.acceptedPair(organizer, setup, { vn: online, cn: online });
    const heldOnlineId = await book(heldOnline.connectionId);
    // The next slot's meeting, a party already in its call (it opens 10 minutes early): neither counts now.
    const later = await world.acceptedPair(organizer, setup, { vn: online, cn: online });
    const laterId = await book(later.connectionId, `${DAY}T02:30:00Z`);
    member = scanned.vn.account;

    t.clock.set(`${DAY}T02:05:00Z`);
    await t.http.post(`/api/meetings/${scannedId}/scan`).set(scanned.vn.account.auth).send({ badgeCode: scanned.cn.registration.badgeCode }).expect(200);
    await t.http.patch(`/api/meetings/${calledOffId}`).set(called.cn.account.auth).send({ status: 'cancelled' }).expect(200);
    await t.http.patch(`/api/meetings/${missedId}`).set(organizer.auth).send({ status: 'no_show' }).expect(200);
    await t.http.patch(`/api/meetings/${arrivedId}`).set(arrived.cn.account.auth).send({ attendance: 'attended' }).expect(200);
    await t.http.patch(`/api/meetings/${heldOnlineId}`).set(organizer.auth).send({ status: 'held' }).expect(200);
    const session = `INSERT INTO meeting_call_sessions (meeting_id, user_id, registration_id, role, socket_id, joined_at, seen_at)
                     VALUES ($1, $2, $3, 'party', $4, $5::timestamptz, $5::timestamptz)`;
    await t.db.query(session, [inCallId, inCall.cn.account.id, inCall.cn.registration.id, `socket-${Math.random()}`, `${DAY}T02:01:00Z`]);
    await t.db.query(session, [laterId, later.cn.account.id, later.cn.registration.id, `socket-${Math.random()}`, `${DAY}T02:22:00Z`]);
    // Staff in a call are no sign of a party.
    await t.db.query(`INSERT INTO meeting_call_sessions (meeting_id, user_id, registration_id, role, socket_id) VALUES ($1, $2, NULL, 'staff', $3)`, [
      laterId,
      organizer.id,
      `socket-${Math.random()}`,
    ]);

    // Another event's meeting at the same time stays out.
    const other = await world.openEvent(organizer, EVENT);
    const otherPair = await world.acceptedPair(organizer, other, { vn: other.venues.online, cn: other.venues.online });
    t.clock.set(`${DAY}T00:00:00Z`);
    await t.http.post(`/api/events/${other.eventId}/meetings`).set(organizer.auth).send({ connectionId: otherPair.connectionId, startsAt: SLOT }).expect(201);
  });
  afterAll(() => t.close());

  it('counts the slot under way, per venue and online, each meeting in one bucket', async () => {
    t.clock.set(`${DAY}T02:12:00Z`);
    const view = await now();
    expect(view.slot).toEqual({ index: 2, startsAt: `${DAY}T02:00:00.000Z`, endsAt: `${DAY}T02:30:00.000Z`, state: 'in_progress' });
    expect(view.venues).toEqual([
      { key: setup.venues.laoCai, venueId: setup.venues.laoCai, name: 'Điểm cầu chính Lào Cai', meetings: 3, ...counts({ held: 1, waiting: 1, cancelled: 1 }) },
      { key: setup.venues.hangzhou, venueId: setup.venues.hangzhou, name: '杭州分会场', meetings: 2, ...counts({ missed: 1, underWay: 1 }) },
      { key: 'online', venueId: null, name: null, meetings: 3, ...counts({ underWay: 1, waiting: 1, held: 1 }) },
    ]);
    expect(view.totals).toEqual({ key: 'all', venueId: null, name: null, meetings: 8, ...counts({ underWay: 2, held: 2, missed: 1, waiting: 2, cancelled: 1 }) });
  });

  it('rolls over to the next slot, where a party early in its call is under way; before the first slot, that one is upcoming', async () => {
    t.clock.set(`${DAY}T02:30:00Z`);
    const view = await now();
    expect(view.slot).toMatchObject({ index: 3, startsAt: `${DAY}T02:30:00.000Z`, state: 'in_progress' });
    expect(view.venues).toEqual([{ key: 'online', venueId: null, name: null, meetings: 1, ...counts({ underWay: 1 }) }]);

    t.clock.set(`${DAY}T00:40:00Z`);
    expect((await now()).slot).toEqual({ index: 0, startsAt: `${DAY}T01:00:00.000Z`, endsAt: `${DAY}T01:30:00.000Z`, state: 'upcoming' });
    expect((await now()).venues).toEqual([]);
  });

  it('once every slot is over there is no slot and no rows', async () => {
    t.clock.set(`${DAY}T04:00:00Z`);
    expect(await now()).toMatchObject({ slot: null, venues: [], totals: { meetings: 0 } });
  });

  it('is for the event’s staff: an enterprise member is refused 403 FORBIDDEN, a moderator may look', async () => {
    t.clock.set(`${DAY}T02:12:00Z`);
    const refused = await t.http.get(`/api/events/${setup.eventId}/attendance/now`).set(member.auth).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    await t.http.get(`/api/events/${setup.eventId}/attendance/now`).expect(401);

    const moderator = await world.account('moderator');
    await t.http.post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
    expect((await now(moderator)).totals.meetings).toBe(8);
  });
});
