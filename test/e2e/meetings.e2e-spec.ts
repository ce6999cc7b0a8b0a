import { createTestApp, REFERENCE_EVE, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Meetings against the clock (no slot or booking in the past, a real length)
 * and attendance: each party records its own, the status follows both, and
 * only staff override it. The app's clock (TestClock) is moved per test.
 */
describe('meetings: the clock, the length and each party’s attendance', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
  });
  afterEach(() => t.clock.set(REFERENCE_EVE));
  afterAll(() => t.close());

  const book = (setup: ConferenceSetup, body: Record<string, unknown>) => t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send(body);
  const patch = (who: Account, meetingId: string, body: Record<string, unknown>) => t.http.patch(`/api/meetings/${meetingId}`).set(who.auth).send(body);
  const totals = async (setup: ConferenceSetup) => (await t.http.get(`/api/events/${setup.eventId}/report?format=json`).set(organizer.auth).expect(200)).body.totals;

  it('a run during a live event uses only slots starting after now plus the lead time, and the preview says how many it left out', async () => {
    const setup = await world.openEvent(organizer); // 01:00–10:00 UTC, 30-minute slots
    const free = await world.acceptedPair(organizer, setup);
    const early = await world.acceptedPair(organizer, setup);
    // This party could only meet in the first two hours, which are over.
    await t.http
      .put(`/api/events/${setup.eventId}/registrations/${early.vn.registration.id}/availability`)
      .set(early.vn.account.auth)
      .send({ windows: [{ startsAt: '2021-01-19T01:00:00Z', endsAt: '2021-01-19T03:00:00Z' }] })
      .expect(200);
    await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    t.clock.set('2021-01-19T03:05:00Z');

    const preview = await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({ dryRun: true });
    expect(preview.status).toBe(200);
    // 01:00, 01:30, 02:00, 02:30 are over and 03:00 has begun: 5 of the 18 slots; the first usable starts at 03:30.
    expect(preview.body).toEqual({
      scheduled: 1,
      unscheduled: 1,
      upperBound: 1,
      ratio: 1,
      applied: false,
      unscheduledReasons: { NO_COMMON_SLOT: 1 },
      excludedSlots: 5,
      usableFrom: '2021-01-19T03:15:00.000Z',
      leadMinutes: 10,
    });

    const run = await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({});
    expect(run.body).toMatchObject({ scheduled: 1, upperBound: 1, applied: true, excludedSlots: 5 });
    const listed = (await t.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth)).body;
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ connectionId: free.connectionId, startsAt: '2021-01-19T03:30:00.000Z', status: 'scheduled' });
    const log = (await t.http.get(`/api/events/${setup.eventId}/log`).set(organizer.auth)).body.items;
    expect(log.find((e: { type: string }) => e.type === 'meetings.scheduled').data).toMatchObject({ excludedSlots: 5, usableFrom: '2021-01-19T03:15:00.000Z' });
  });

  it('a booking or a move that starts before now is 422 MEETING_IN_PAST; the lead time is the scheduler’s only', async () => {
    const setup = await world.openEvent(organizer);
    const pair = await world.acceptedPair(organizer, setup);
    t.clock.set('2021-01-19T03:05:00Z');

    const past = await book(setup, { connectionId: pair.connectionId, startsAt: '2021-01-19T03:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ code: 'MEETING_IN_PAST', details: { fields: [{ field: 'startsAt' }] } });
    expect((await t.http.get(`/api/events/${setup.eventId}/meetings`).set(organizer.auth)).body.total).toBe(0);

    const soon = await book(setup, { connectionId: pair.connectionId, startsAt: '2021-01-19T03:10:00Z' });
    expect(soon.status).toBe(201);
    const moved = await patch(organizer, soon.body.id, { startsAt: '2021-01-19T02:00:00Z' });
    expect(moved.status).toBe(422);
    expect(moved.body.code).toBe('MEETING_IN_PAST');
    expect((await t.http.get(`/api/meetings/${soon.body.id}`).set(organizer.auth)).body.startsAt).toBe('2021-01-19T03:10:00.000Z');
  });

  it('a staff-booked meeting is one slot or at least MEETING_MIN_MINUTES (10); the database refuses anything under 5 minutes', async () => {
    const setup = await world.openEvent(organizer);
    const pair = await world.acceptedPair(organizer, setup);
    for (const endsAt of ['2021-01-19T02:00:01Z', '2021-01-19T02:09:00Z']) {
      const short = await book(setup, { connectionId: pair.connectionId, startsAt: '2021-01-19T02:00:00Z', endsAt });
      expect(short.status).toBe(422);
      expect(short.body).toMatchObject({ code: 'MEETING_TOO_SHORT', details: { fields: [{ field: 'endsAt' }] } });
    }
    const ten = await book(setup, { connectionId: pair.connectionId, startsAt: '2021-01-19T02:00:00Z', endsAt: '2021-01-19T02:10:00Z' });
    expect(ten.status).toBe(201);
    expect(ten.body.endsAt).toBe('2021-01-19T02:10:00.000Z');

    const other = await world.acceptedPair(organizer, setup);
    await expect(
      t.db.query(
        `INSERT INTO meetings (event_id, connection_id, period, mode, link, source, created_by)
         VALUES ($1, $2, tstzrange('2021-01-19T05:00:00Z', '2021-01-19T05:00:01Z'), 'online', 'x', 'manual', $3)`,
        [setup.eventId, other.connectionId, organizer.id],
      ),
    ).rejects.toThrow(/meetings_duration_check/);
  });

  it('each party records its own attendance; both attended → held, and the other party cannot take it back', async () => {
    const setup = await world.openEvent(organizer);
    const { cn: a, vn: b, connectionId } = await world.acceptedPair(organizer, setup); // registrationIds: [a, b]
    const m = (await book(setup, { connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201)).body;
    expect(m).toMatchObject({ registrationIds: [a.registration.id, b.registration.id], attendance: [null, null], statusOverridden: false });

    const aCame = await patch(a.account, m.id, { attendance: 'attended' });
    expect(aCame.status).toBe(200);
    expect(aCame.body).toMatchObject({ status: 'scheduled', attendance: ['attended', null] });

    // B may not speak for A: neither a no-show of the meeting nor A's attendance.
    const noShow = await patch(b.account, m.id, { status: 'no_show' });
    expect(noShow.status).toBe(403);
    expect(noShow.body.code).toBe('NOT_YOUR_ATTENDANCE');
    const forA = await patch(b.account, m.id, { attendance: 'absent', registrationId: a.registration.id });
    expect(forA.status).toBe(403);
    expect(forA.body).toMatchObject({ code: 'NOT_YOUR_ATTENDANCE', details: { fields: [{ field: 'registrationId' }] } });

    // The earlier shape still works: a party marking it held says it attended.
    const bCame = await patch(b.account, m.id, { status: 'held' });
    expect(bCame.body).toMatchObject({ status: 'held', attendance: ['attended', 'attended'], statusOverridden: false });
    expect((await totals(setup)).meetingsHeld).toBe(1);

    // Once both attended, neither party can lower it.
    for (const [who, body] of [
      [b, { attendance: 'absent' }],
      [b, { status: 'no_show' }],
      [a, { attendance: 'absent' }],
    ] as const) {
      const undo = await patch(who.account, m.id, body);
      expect([403, 409]).toContain(undo.status);
      expect(['NOT_YOUR_ATTENDANCE', 'INVALID_STATUS_TRANSITION']).toContain(undo.body.code);
    }
    expect((await t.http.get(`/api/meetings/${m.id}`).set(organizer.auth)).body).toMatchObject({ status: 'held', attendance: ['attended', 'attended'] });
    expect((await totals(setup)).meetingsHeld).toBe(1);

    // The database holds the rule too: a status that does not follow the attendance is refused.
    await expect(t.db.query(`UPDATE meetings SET status = 'no_show' WHERE id = $1`, [m.id])).rejects.toThrow(/meetings_status_follows_attendance_check/);
  });

  it('either party absent makes a no-show; staff override the status explicitly, in the log, and then the parties’ records no longer move it', async () => {
    const setup = await world.openEvent(organizer);
    const { cn: a, vn: b, connectionId } = await world.acceptedPair(organizer, setup);
    const m = (await book(setup, { connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201)).body;
    await patch(a.account, m.id, { attendance: 'attended' }).expect(200);
    expect((await patch(b.account, m.id, { attendance: 'absent' })).body).toMatchObject({ status: 'no_show', attendance: ['attended', 'absent'] });

    const override = await patch(organizer, m.id, { status: 'held' });
    expect(override.body).toMatchObject({ status: 'held', statusOverridden: true, attendance: ['attended', 'absent'] });
    const log = (await t.http.get(`/api/events/${setup.eventId}/log`).set(organizer.auth)).body.items;
    expect(log.at(-1)).toMatchObject({ type: 'meeting.updated', actorUserId: organizer.id, data: { override: true, meeting: { id: m.id, status: 'held', statusOverridden: true } } });

    const after = await patch(b.account, m.id, { attendance: 'attended' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await totals(setup)).meetingsHeld).toBe(1);

    // Staff recording a party's attendance hand the status back to the records.
    expect((await patch(organizer, m.id, { attendance: 'attended', registrationId: b.registration.id })).body).toMatchObject({
      status: 'held',
      statusOverridden: false,
      attendance: ['attended', 'attended'],
    });
    const staffWithout = await patch(organizer, m.id, { attendance: 'absent' });
    expect(staffWithout.status).toBe(400);
    expect(staffWithout.body.details.fields[0].field).toBe('registrationId');
  });
  it('a closed event refuses every meeting write through the one gate (409 EVENT_CLOSED, the same answer as events), writing nothing', async () => {
    const setup = await world.openEvent(organizer);
    const { cn: a, connectionId } = await world.acceptedPair(organizer, setup);
    const other = await world.acceptedPair(organizer, setup);
    const m = (await book(setup, { connectionId, startsAt: '2021-01-19T02:00:00Z' }).expect(201)).body;
    await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'closed' }).expect(200);
    const rows = () => t.db.query(`SELECT id, status, period::text FROM meetings WHERE event_id = $1 ORDER BY id`, [setup.eventId]);
    const before = await rows();

    const refused = [
      await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}),
      await book(setup, { connectionId: other.connectionId, startsAt: '2021-01-19T03:00:00Z' }),
      await patch(a.account, m.id, { attendance: 'attended' }),
      await patch(organizer, m.id, { status: 'cancelled' }),
      await t.http
        .put(`/api/events/${setup.eventId}/registrations/${a.registration.id}/availability`)
        .set(a.account.auth)
        .send({ windows: [{ startsAt: '2021-01-19T01:00:00Z', endsAt: '2021-01-19T03:00:00Z' }] }),
    ];
    const edit = await t.http
      .patch(`/api/events/${setup.eventId}`)
      .set(organizer.auth)
      .send({ name: { en: 'Renamed' } });
    for (const res of [...refused, edit]) {
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({ status: 409, code: 'EVENT_CLOSED', message: edit.body.message });
    }
    expect(await rows()).toEqual(before);
  });
});
