import { AttendanceService } from '@tradebridge/meetings';
import { Notifier } from '@tradebridge/notifications';
import { createTestApp, TestApp, TestClock } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Attendance that records itself, against the real database: the evidence rows
 * the gateway (call sessions) and the scans write, the rules applied by the
 * sweep at instants the TestClock sets, the log, the partner's notification,
 * and the no-show path: the freed party re-booked by a standby run without any
 * double booking. The event lies on 2021-07-20, away from other specs' instants.
 */
const DAY = '2021-07-20';
const EVENT = { startsAt: `${DAY}T01:00:00.000Z`, endsAt: `${DAY}T10:00:00.000Z` };

describe('attendance from calls and scans, and the no-show path', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp({ SCHEDULE_LEAD_MINUTES: '0' }, new TestClock(`${DAY}T00:00:00Z`));
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  const sweepAt = async (iso: string, setup: ConferenceSetup) => {
    t.clock.set(iso);
    // The gateway refreshes its open sessions' seen_at while their sockets stay in the call.
    await t.db.query(`UPDATE meeting_call_sessions SET seen_at = $1 WHERE left_at IS NULL AND joined_at <= $1 AND seen_at < $1`, [iso]);
    return t.app.get(AttendanceService).sweep([setup.eventId]);
  };
  const book = async (setup: ConferenceSetup, connectionId: string, startsAt: string): Promise<string> => {
    const res = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt });
    if (res.status !== 201) throw new Error(`book failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const meeting = async (id: string) => (await t.http.get(`/api/meetings/${id}`).set(organizer.auth).expect(200)).body as { status: string; attendance: [string | null, string | null] };
  /** A call session as the gateway writes it. */
  const joined = async (meetingId: string, p: { account: Account; registration: { id: string } }, from: string, until: string | null) => {
    await t.db.query(
      `INSERT INTO meeting_call_sessions (meeting_id, user_id, registration_id, role, socket_id, joined_at, seen_at, left_at)
       VALUES ($1, $2, $3, 'party', $4, $5::timestamptz, COALESCE($6::timestamptz, $5::timestamptz), $6::timestamptz)`,
      [meetingId, p.account.id, p.registration.id, `socket-${Math.random()}`, from, until],
    );
  };
  const onlinePair = async (setup: ConferenceSetup) => world.acceptedPair(organizer, setup, { vn: setup.venues.online, cn: setup.venues.online });

  it('an online meeting is held once both parties were in its call together for MEETING_HELD_MINUTES (5)', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const pair = await onlinePair(setup);
    const id = await book(setup, pair.connectionId, `${DAY}T02:00:00Z`);
    await joined(id, pair.cn, `${DAY}T01:58:00Z`, null);
    await joined(id, pair.vn, `${DAY}T02:01:00Z`, null);
    expect(await sweepAt(`${DAY}T02:05:30Z`, setup)).toBe(0);
    expect(await meeting(id)).toMatchObject({ status: 'scheduled', attendance: [null, null] });
    expect(await sweepAt(`${DAY}T02:06:00Z`, setup)).toBe(1);
    expect(await meeting(id)).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    // Written once, as a log entry by no one (the rules), with the meeting as it is now.
    const log = await t.db.query<{ actor_user_id: string | null; data: { automatic: boolean; meeting: { status: string } } }[]>(
      `SELECT actor_user_id, data FROM event_log WHERE event_id = $1 AND type = 'meeting.updated' ORDER BY seq`,
      [setup.eventId],
    );
    expect(log).toEqual([{ actor_user_id: null, data: expect.objectContaining({ automatic: true, meeting: expect.objectContaining({ status: 'held' }) }) }]);
    expect(await sweepAt(`${DAY}T02:10:00Z`, setup)).toBe(0);
  });

  it('no-show path: the absent party is marked, the partner is told, and a standby run re-books the partner without any double booking', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const pair = await onlinePair(setup);
    const id = await book(setup, pair.connectionId, `${DAY}T03:00:00Z`);
    // The buyer has a second accepted partner still waiting for a meeting.
    const other = await world.approved(organizer, setup, 'VN', {}, setup.venues.online);
    const request = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(pair.cn.account.auth)
      .send({ fromRegistrationId: pair.cn.registration.id, toRegistrationId: other.registration.id })
      .expect(201);
    await t.http.post(`/api/connections/${request.body.id}/accept`).set(other.account.auth).expect(200);

    // Only the buyer (cn, the requester: side 0) comes.
    await joined(id, pair.cn, `${DAY}T02:55:00Z`, null);
    expect(await sweepAt(`${DAY}T03:09:59Z`, setup)).toBe(0);
    expect(await sweepAt(`${DAY}T03:10:00Z`, setup)).toBe(1);
    expect(await meeting(id)).toMatchObject({ status: 'no_show', attendance: [null, 'absent'] });

    // The partner that came is told, in its language; the absent one is not.
    await t.app.get(Notifier).drain([setup.eventId]);
    const told = await t.db.query<{ user_id: string; kind: string; link: string }[]>(`SELECT user_id, kind, link FROM notifications WHERE event_id = $1 AND kind = 'meeting.no_show'`, [
      setup.eventId,
    ]);
    expect(told).toEqual([{ user_id: pair.cn.account.id, kind: 'meeting.no_show', link: `/events/${setup.eventId}/meetings` }]);
    const page = (await t.http.get('/api/notifications').set(pair.cn.account.auth).expect(200)).body as { items: { kind: string; title: string }[] };
    expect(page.items.find((n) => n.kind === 'meeting.no_show')?.title).toMatch(/did not come to your meeting/);

    // The standby list holds the buyer's waiting pair; one run books it in a later slot.
    const standby = (await t.http.get(`/api/events/${setup.eventId}/standby`).set(organizer.auth).expect(200)).body as {
      pairs: { connectionId: string }[];
      freed: { meetingId: string; status: string }[];
    };
    expect(standby.pairs.map((p) => p.connectionId)).toEqual([request.body.id]);
    expect(standby.freed).toEqual([expect.objectContaining({ meetingId: id, status: 'no_show' })]);
    const run = (await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200)).body as { scheduled: number };
    expect(run.scheduled).toBe(1);
    const mine = (await t.http.get(`/api/events/${setup.eventId}/meetings?registrationId=${pair.cn.registration.id}`).set(organizer.auth).expect(200)).body as {
      items: { id: string; startsAt: string; endsAt: string; status: string }[];
    };
    expect(mine.items).toHaveLength(2);
    const rebooked = mine.items.find((m) => m.id !== id)!;
    expect(new Date(rebooked.startsAt).getTime()).toBeGreaterThanOrEqual(new Date(`${DAY}T03:10:00Z`).getTime());
    expect(mine.items.every((a) => mine.items.every((b) => a === b || a.endsAt <= b.startsAt || b.endsAt <= a.startsAt))).toBe(true);
    // The database itself refuses a second meeting of the buyer at the re-booked time.
    const third = await world.approved(organizer, setup, 'VN', {}, setup.venues.online);
    const c3 = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(pair.cn.account.auth)
      .send({ fromRegistrationId: pair.cn.registration.id, toRegistrationId: third.registration.id })
      .expect(201);
    await t.http.post(`/api/connections/${c3.body.id}/accept`).set(third.account.auth).expect(200);
    const clash = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: c3.body.id, startsAt: rebooked.startsAt });
    expect(clash.status).toBe(409);
  });

  it('a late join takes an automatic absent back, and staff decisions and the parties’ own records are never overwritten', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const late = await onlinePair(setup);
    const id = await book(setup, late.connectionId, `${DAY}T04:00:00Z`);
    await joined(id, late.cn, `${DAY}T04:00:00Z`, null);
    await sweepAt(`${DAY}T04:10:00Z`, setup);
    expect(await meeting(id)).toMatchObject({ status: 'no_show', attendance: [null, 'absent'] });
    await joined(id, late.vn, `${DAY}T04:12:00Z`, null);
    await sweepAt(`${DAY}T04:13:00Z`, setup);
    expect(await meeting(id)).toMatchObject({ status: 'scheduled', attendance: [null, null] });
    await sweepAt(`${DAY}T04:17:00Z`, setup);
    expect(await meeting(id)).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });

    // Staff set no_show: the calls say otherwise, but the rules leave it.
    const decided = await onlinePair(setup);
    const id2 = await book(setup, decided.connectionId, `${DAY}T05:00:00Z`);
    await t.http.patch(`/api/meetings/${id2}`).set(organizer.auth).send({ status: 'no_show' }).expect(200);
    await joined(id2, decided.cn, `${DAY}T05:00:00Z`, `${DAY}T05:20:00Z`);
    await joined(id2, decided.vn, `${DAY}T05:00:00Z`, `${DAY}T05:20:00Z`);
    expect(await sweepAt(`${DAY}T05:21:00Z`, setup)).toBe(0);
    expect(await meeting(id2)).toMatchObject({ status: 'no_show' });

    // A party that said it attended keeps it; the partner who never came becomes absent.
    const said = await onlinePair(setup);
    const id3 = await book(setup, said.connectionId, `${DAY}T06:00:00Z`);
    t.clock.set(`${DAY}T06:01:00Z`);
    await t.http.patch(`/api/meetings/${id3}`).set(said.vn.account.auth).send({ attendance: 'attended' }).expect(200);
    await sweepAt(`${DAY}T06:10:00Z`, setup);
    expect(await meeting(id3)).toMatchObject({ status: 'no_show', attendance: ['absent', 'attended'] });
  });

  it('on site: a badge scan at the table makes the meeting held; with no sign from either party nothing is decided', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const pair = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const id = await book(setup, pair.connectionId, `${DAY}T07:00:00Z`);
    const quiet = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const id2 = await book(setup, quiet.connectionId, `${DAY}T07:00:00Z`);
    await t.db.query(`INSERT INTO meeting_scans (meeting_id, registration_id, kind, scanned_by, at) VALUES ($1, $2, 'badge', $3, $4)`, [
      id,
      pair.vn.registration.id,
      pair.vn.account.id,
      `${DAY}T07:02:00Z`,
    ]);
    await sweepAt(`${DAY}T07:02:30Z`, setup);
    expect(await meeting(id)).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    await sweepAt(`${DAY}T07:40:00Z`, setup);
    expect(await meeting(id2)).toMatchObject({ status: 'scheduled', attendance: [null, null] });
    // Over and looked at after the end: settled, the sweep reads it no more.
    const [row] = await t.db.query<{ attendance_settled: boolean }[]>(`SELECT attendance_settled FROM meetings WHERE id = $1`, [id2]);
    expect(row.attendance_settled).toBe(true);
  });
  it('rescheduling: a party proposes, the partner accepts, the meeting moves and starts over; the database still refuses a double booking', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const pair = await onlinePair(setup);
    const id = await book(setup, pair.connectionId, `${DAY}T08:00:00Z`);
    await joined(id, pair.cn, `${DAY}T08:00:00Z`, null);
    await sweepAt(`${DAY}T08:10:00Z`, setup);
    const missed = (await t.http.get(`/api/meetings/${id}`).set(organizer.auth).expect(200)).body as { status: string; sequence: number };
    expect(missed.status).toBe('no_show');

    const proposed = await t.http
      .post(`/api/meetings/${id}/reschedule`)
      .set(pair.cn.account.auth)
      .send({ startsAt: `${DAY}T09:00:00Z` })
      .expect(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', startsAt: `${DAY}T09:00:00.000Z`, endsAt: `${DAY}T09:30:00.000Z`, proposedByRegistrationId: pair.cn.registration.id });
    // The partner is told, with both times in its language and zone; the proposer is not.
    await t.app.get(Notifier).drain([setup.eventId]);
    const asked = (await t.http.get('/api/notifications').set(pair.vn.account.auth).expect(200)).body as { items: { kind: string; title: string; body: string }[] };
    const ask = asked.items.find((n) => n.kind === 'meeting.reschedule_proposed');
    expect(ask?.title).toMatch(/proposes another time/);
    expect(ask?.body).toMatch(/08:00.*to .*09:00/);
    const [{ count }] = await t.db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND kind = 'meeting.reschedule_proposed'`, [
      pair.cn.account.id,
    ]);
    expect(count).toBe(0);
    expect(
      (
        await t.http
          .post(`/api/meetings/${id}/reschedule`)
          .set(pair.vn.account.auth)
          .send({ startsAt: `${DAY}T09:30:00Z` })
          .expect(409)
      ).body.code,
    ).toBe('RESCHEDULE_PENDING');
    expect((await t.http.post(`/api/meetings/${id}/reschedule`).set(pair.cn.account.auth).send({ startsAt: 'soon' }).expect(400)).body.details.fields).toEqual([
      expect.objectContaining({ field: 'startsAt' }),
    ]);
    expect((await t.http.post(`/api/meetings/${id}/reschedule/${proposed.body.id}/accept`).set(pair.cn.account.auth).expect(403)).body.code).toBe('NOT_YOUR_PROPOSAL');
    expect((await t.http.post(`/api/meetings/${id}/reschedule/${proposed.body.id}/accept`).set(organizer.auth).expect(403)).body.code).toBe('NOT_A_PARTICIPANT');
    const outsider = await world.member('VN');
    await t.http.post(`/api/meetings/${id}/reschedule/${proposed.body.id}/accept`).set(outsider.account.auth).expect(404);

    await t.http.post(`/api/meetings/${id}/reschedule/${proposed.body.id}/accept`).set(pair.vn.account.auth).expect(200);
    const moved = (await t.http.get(`/api/meetings/${id}`).set(organizer.auth).expect(200)).body as { status: string; startsAt: string; attendance: unknown[]; sequence: number };
    expect(moved).toMatchObject({ status: 'scheduled', startsAt: `${DAY}T09:00:00.000Z`, attendance: [null, null] });
    // The calendar invitation keeps its UID and grows its SEQUENCE: the partners are told it moved.
    expect(moved.sequence).toBeGreaterThan(missed.sequence);
    await t.app.get(Notifier).drain([setup.eventId]);
    const told = await t.db.query<{ user_id: string }[]>(`SELECT user_id FROM notifications WHERE event_id = $1 AND kind = 'meeting.moved'`, [setup.eventId]);
    expect(told.map((r) => r.user_id)).toEqual([pair.cn.account.id]);

    // The buyer is busy at 09:30 with someone else: a proposal onto it cannot be accepted.
    const busy = await world.approved(organizer, setup, 'VN', {}, setup.venues.online);
    const c = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(pair.cn.account.auth)
      .send({ fromRegistrationId: pair.cn.registration.id, toRegistrationId: busy.registration.id })
      .expect(201);
    await t.http.post(`/api/connections/${c.body.id}/accept`).set(busy.account.auth).expect(200);
    await book(setup, c.body.id, `${DAY}T09:30:00Z`);
    const clash = await t.http
      .post(`/api/meetings/${id}/reschedule`)
      .set(pair.vn.account.auth)
      .send({ startsAt: `${DAY}T09:30:00Z` })
      .expect(201);
    expect((await t.http.post(`/api/meetings/${id}/reschedule/${clash.body.id}/accept`).set(pair.cn.account.auth).expect(409)).body.code).toBe('SLOT_TAKEN');
    const list = (await t.http.get(`/api/meetings/${id}/reschedules`).set(pair.cn.account.auth).expect(200)).body as { items: { id: string; status: string }[] };
    expect(list.items.map((p) => [p.id, p.status])).toEqual([
      [clash.body.id, 'proposed'],
      [proposed.body.id, 'accepted'],
    ]);
    await t.http.post(`/api/meetings/${id}/reschedule/${clash.body.id}/withdraw`).set(pair.vn.account.auth).expect(200);
    expect((await t.http.get(`/api/meetings/${id}`).set(organizer.auth).expect(200)).body.startsAt).toBe(`${DAY}T09:00:00.000Z`);
  });
  it('at the table a party scans the partner’s badge, and the on-site meeting is held at once', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const pair = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const id = await book(setup, pair.connectionId, `${DAY}T08:30:00Z`);
    const scan = (who: Account, badgeCode: string) => t.http.post(`/api/meetings/${id}/scan`).set(who.auth).send({ badgeCode });

    t.clock.set(`${DAY}T08:19:00Z`);
    const early = await scan(pair.vn.account, pair.cn.registration.badgeCode).expect(409);
    expect(early.body).toMatchObject({ code: 'NOT_MEETING_TIME', details: { opensAt: `${DAY}T08:20:00.000Z`, closesAt: `${DAY}T09:00:00.000Z` } });
    t.clock.set(`${DAY}T08:32:00Z`);
    expect((await scan(pair.vn.account, pair.vn.registration.badgeCode).expect(400)).body.details.fields).toEqual([expect.objectContaining({ field: 'badgeCode' })]);
    const stranger = await world.approved(organizer, setup, 'CN', {}, setup.venues.laoCai);
    await scan(pair.vn.account, stranger.registration.badgeCode).expect(400);
    await scan(stranger.account, pair.vn.registration.badgeCode).expect(404);
    expect((await scan(organizer, pair.cn.registration.badgeCode).expect(403)).body.code).toBe('NOT_A_PARTICIPANT');
    await t.http.post(`/api/meetings/${id}/scan`).set(pair.vn.account.auth).send({}).expect(400);

    // Typed by hand, in lower case and without dashes, as the badge code allows.
    const held = await scan(pair.vn.account, pair.cn.registration.badgeCode.replaceAll('-', '').toLowerCase()).expect(200);
    expect(held.body).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    const scans = await t.db.query<{ registration_id: string; kind: string }[]>(`SELECT registration_id, kind FROM meeting_scans WHERE meeting_id = $1`, [id]);
    expect(scans).toEqual([{ registration_id: pair.vn.registration.id, kind: 'badge' }]);

    const online = await onlinePair(setup);
    const onlineId = await book(setup, online.connectionId, `${DAY}T08:40:00Z`);
    const refused = await t.http.post(`/api/meetings/${onlineId}/scan`).set(online.vn.account.auth).send({ badgeCode: online.cn.registration.badgeCode }).expect(409);
    expect(refused.body.code).toBe('NOT_AN_ONLINE_MEETING');
  });

  it('table QR signs: staff list stable codes; a party scanning its table counts its side, the other side’s scan makes it held; another table is refused', async () => {
    const setup = await world.openEvent(organizer, EVENT);
    const venueId = setup.venues.laoCai;
    const url = `/api/events/${setup.eventId}/venues/${venueId}/tables`;
    // Two first listings at once issue each table's code once.
    const [first, again] = await Promise.all([t.http.get(url).set(organizer.auth).expect(200), t.http.get(url).set(organizer.auth).expect(200)]);
    const venue = (await t.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth).expect(200)).body.items.find((v: { id: string }) => v.id === venueId);
    expect(first.body.venue).toMatchObject({ id: venueId, tables: venue.tables });
    expect(first.body.tables.map((x: { tableNo: number }) => x.tableNo)).toEqual(Array.from({ length: venue.tables }, (_, i) => i + 1));
    expect(new Set(first.body.tables.map((x: { code: string }) => x.code)).size).toBe(venue.tables);
    expect(again.body).toEqual(first.body);
    expect((await t.http.get(url).set(organizer.auth).expect(200)).body).toEqual(first.body);
    const [{ count }] = await t.db.query<{ count: string }[]>(`SELECT count(*) FROM venue_tables WHERE venue_id = $1`, [venueId]);
    expect(Number(count)).toBe(venue.tables);

    const pair = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    expect((await t.http.get(url).set(pair.vn.account.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.get(`/api/events/${setup.eventId}/venues/${setup.venues.online}x/tables`).set(organizer.auth).expect(400);
    await t.http.get(`/api/events/${setup.eventId}/venues/00000000-0000-4000-8000-000000000000/tables`).set(organizer.auth).expect(404);

    t.clock.set(`${DAY}T08:50:00Z`);
    const id = await book(setup, pair.connectionId, `${DAY}T09:00:00Z`);
    const booked = (await t.http.get(`/api/meetings/${id}`).set(organizer.auth).expect(200)).body as { table: number };
    const codeOf = (n: number) => first.body.tables.find((x: { tableNo: number }) => x.tableNo === n).code as string;
    const scan = (who: Account, body: object) => t.http.post(`/api/meetings/${id}/scan`).set(who.auth).send(body);
    t.clock.set(`${DAY}T09:03:00Z`);

    const wrong = await scan(pair.vn.account, { tableCode: codeOf(booked.table === 1 ? 2 : 1) }).expect(409);
    expect(wrong.body).toMatchObject({ code: 'WRONG_TABLE', details: { meetingTable: booked.table } });
    expect((await scan(pair.vn.account, { tableCode: 'T-0000' }).expect(400)).body.details.fields).toEqual([expect.objectContaining({ field: 'tableCode' })]);
    expect((await scan(pair.vn.account, { tableCode: 'T-0000-0000-0000-0000' }).expect(400)).body.details.fields).toEqual([expect.objectContaining({ field: 'tableCode' })]);
    await scan(pair.vn.account, { tableCode: codeOf(booked.table), badgeCode: pair.cn.registration.badgeCode }).expect(400);
    // Another event's table: not one of this event's.
    const other = await world.openEvent(organizer, EVENT);
    const otherCode = (await t.http.get(`/api/events/${other.eventId}/venues/${other.venues.laoCai}/tables`).set(organizer.auth).expect(200)).body.tables[0].code as string;
    await scan(pair.vn.account, { tableCode: otherCode }).expect(400);
    expect(await t.db.query(`SELECT 1 FROM meeting_scans WHERE meeting_id = $1`, [id])).toEqual([]);

    // One side at its table, typed in lower case: that side is there; the meeting waits for the other.
    const one = await scan(pair.vn.account, { tableCode: codeOf(booked.table).toLowerCase().replaceAll('-', ' ') }).expect(200);
    expect(one.body.status).toBe('scheduled');
    const both = await scan(pair.cn.account, { tableCode: codeOf(booked.table) }).expect(200);
    expect(both.body).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    const scans = await t.db.query<{ registration_id: string; kind: string }[]>(`SELECT registration_id, kind FROM meeting_scans WHERE meeting_id = $1 ORDER BY id`, [id]);
    expect(scans).toEqual([
      { registration_id: pair.vn.registration.id, kind: 'table' },
      { registration_id: pair.cn.registration.id, kind: 'table' },
    ]);
  });
});
