import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, enterpriseBody, eventBody, World } from '../factories/world';

describe('registrations: register, approve, badge, check-in, rooms', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  const member = (country: 'VN' | 'CN' = 'VN', overrides: Record<string, unknown> = {}) => world.member(country, overrides);
  const approved = (setup: ConferenceSetup, country: 'VN' | 'CN', overrides: Record<string, unknown> = {}) => world.approved(organizer, setup, country, overrides);

  it('registers an enterprise at a venue; its side is its country; it gets an unguessable badge', async () => {
    const setup = await world.openEvent(organizer);
    const m = await member('CN');
    const res = await world.register(m.account, setup.eventId, m.enterpriseId, setup.venues.hangzhou);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ side: 'CN', status: 'pending', attendance: 'onsite', roomId: null, checkedInAt: null, venueId: setup.venues.hangzhou });
    expect(res.body.badgeCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    const log = await t.http.get(`/api/events/${setup.eventId}/log?afterSeq=0`).set(organizer.auth);
    expect(log.body.items.at(-1)).toMatchObject({ type: 'registration.created', data: { registrationId: res.body.id, side: 'CN' } });
  });

  it('answers a second registration of the same enterprise with 409 ALREADY_REGISTERED, even 20 at once', async () => {
    const setup = await world.openEvent(organizer);
    const m = await member('VN');
    const results = await Promise.all(Array.from({ length: 20 }, () => world.register(m.account, setup.eventId, m.enterpriseId, setup.venues.laoCai)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'ALREADY_REGISTERED', details: { fields: [{ field: 'enterpriseId' }] } });
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND enterprise_id = $2', [setup.eventId, m.enterpriseId]);
    expect(n).toBe(1);
    // Nothing half-written: exactly one log entry for it.
    const [{ logged }] = await t.db.query(`SELECT count(*)::int AS logged FROM event_log WHERE event_id = $1 AND type = 'registration.created'`, [setup.eventId]);
    expect(logged).toBe(1);
  });

  it('refuses an enterprise whose country is not a side (422 NOT_A_SIDE)', async () => {
    const setup = await world.openEvent(organizer);
    const lao = await world.account('la');
    const { id } = await world.enterprise(lao, enterpriseBody('VN', { name: { en: 'Vientiane Coffee' }, country: 'LA', region: 'LA-VT' }));
    const res = await world.register(lao, setup.eventId, id, setup.venues.online, 'online');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_A_SIDE');
  });

  it('takes walk-in registrations while live unless the organizer turned them off (409 REGISTRATION_CLOSED)', async () => {
    const walkIn = await world.openEvent(organizer);
    const live = await t.http.patch(`/api/events/${walkIn.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    expect(live.body.walkInRegistration).toBe(true);
    const m = await member('VN');
    const res = await world.register(m.account, walkIn.eventId, m.enterpriseId, walkIn.venues.laoCai);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', side: 'VN' });

    const noWalkIn = await world.openEvent(organizer);
    const off = await t.http.patch(`/api/events/${noWalkIn.eventId}`).set(organizer.auth).send({ walkInRegistration: false, status: 'live' }).expect(200);
    expect(off.body).toMatchObject({ status: 'live', walkInRegistration: false });
    const refused = await world.register(m.account, noWalkIn.eventId, m.enterpriseId, noWalkIn.venues.laoCai);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('REGISTRATION_CLOSED');
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM registrations WHERE event_id = $1', [noWalkIn.eventId]);
    expect(n).toBe(0);
    // Turned back on, the same enterprise walks in.
    await t.http.patch(`/api/events/${noWalkIn.eventId}`).set(organizer.auth).send({ walkInRegistration: true }).expect(200);
    expect((await world.register(m.account, noWalkIn.eventId, m.enterpriseId, noWalkIn.venues.laoCai)).status).toBe(201);

    // Never once closed.
    await t.http.patch(`/api/events/${walkIn.eventId}`).set(organizer.auth).send({ status: 'closed' }).expect(200);
    const late = await member('CN');
    const closed = await world.register(late.account, walkIn.eventId, late.enterpriseId, walkIn.venues.hangzhou);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('REGISTRATION_CLOSED');
  });

  it('sets walkInRegistration at creation (default true) and lets only organizers change it', async () => {
    const byDefault = await t.http.post('/api/events').set(organizer.auth).send(eventBody());
    expect(byDefault.body.walkInRegistration).toBe(true);
    const off = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send(eventBody({ walkInRegistration: false }));
    expect(off.status).toBe(201);
    expect(off.body.walkInRegistration).toBe(false);
    expect((await t.http.get(`/api/events/${off.body.id}`).set(organizer.auth)).body.walkInRegistration).toBe(false);
    const bad = await t.http.patch(`/api/events/${off.body.id}`).set(organizer.auth).send({ walkInRegistration: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('walkInRegistration');
    const m = await member('VN');
    const notOrganizer = await t.http.patch(`/api/events/${off.body.id}`).set(m.account.auth).send({ walkInRegistration: true });
    expect(notOrganizer.status).toBe(403);
  });

  it("checks the venue and attendance, and refuses registering someone else's enterprise", async () => {
    const setup = await world.openEvent(organizer);
    const other = await world.openEvent(organizer);
    const m = await member('VN');
    const foreignVenue = await world.register(m.account, setup.eventId, m.enterpriseId, other.venues.laoCai);
    expect(foreignVenue.status).toBe(400);
    expect(foreignVenue.body.details.fields).toEqual([{ field: 'venueId', message: 'is not a venue of this event' }]);
    const onsiteOnline = await world.register(m.account, setup.eventId, m.enterpriseId, setup.venues.online, 'onsite');
    expect(onsiteOnline.status).toBe(400);
    expect(onsiteOnline.body.details.fields[0].field).toBe('attendance');
    const stranger = await world.account('stranger');
    const notMine = await world.register(stranger, setup.eventId, m.enterpriseId, setup.venues.laoCai);
    expect(notMine.status).toBe(403);
    const shape = await t.http.post(`/api/events/${setup.eventId}/registrations`).set(m.account.auth).send({ enterpriseId: 'x', attendance: 'hybrid' });
    expect(shape.status).toBe(400);
    expect(shape.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['attendance', 'enterpriseId', 'venueId']);
  });

  it('keeps on-site registrations within a venue’s capacity under concurrency (409 VENUE_FULL)', async () => {
    const setup = await world.openEvent(organizer);
    const small = await t.http
      .post(`/api/events/${setup.eventId}/venues`)
      .set(organizer.auth)
      .send({ name: 'Điểm cầu Hà Giang', city: 'Hà Giang', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 3, tables: 2 });
    const members = await Promise.all(Array.from({ length: 8 }, () => member('VN')));
    const results = await Promise.all(members.map((m) => world.register(m.account, setup.eventId, m.enterpriseId, small.body.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'VENUE_FULL')).toBe(true);
  });

  it('lets organizers approve or reject once; moderators and members cannot', async () => {
    const setup = await world.openEvent(organizer);
    const moderator = await world.account('moderator');
    await t.http.post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
    const a = await member('VN');
    const b = await member('CN');
    const regA = (await world.register(a.account, setup.eventId, a.enterpriseId, setup.venues.laoCai)).body;
    const regB = (await world.register(b.account, setup.eventId, b.enterpriseId, setup.venues.hangzhou)).body;
    const url = (id: string, action: string) => `/api/events/${setup.eventId}/registrations/${id}/${action}`;

    expect((await t.http.post(url(regA.id, 'approve')).set(a.account.auth)).status).toBe(403);
    expect((await t.http.post(url(regA.id, 'approve')).set(moderator.auth)).status).toBe(403);
    expect((await t.http.post(url(regA.id, 'approve')).set(organizer.auth)).body.status).toBe('approved');
    const again = await t.http.post(url(regA.id, 'reject')).set(organizer.auth).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_DECIDED');
    const rejected = await t.http.post(url(regB.id, 'reject')).set(organizer.auth).send({ reason: 'Outside the sectors of this conference' });
    expect(rejected.body.status).toBe('rejected');
    expect((await t.http.post(url('00000000-0000-4000-8000-000000000000', 'approve')).set(organizer.auth)).status).toBe(404);

    const log = (await t.http.get(`/api/events/${setup.eventId}/log`).set(moderator.auth)).body.items;
    expect(log.slice(-2).map((e: { type: string; data: { reason?: string } }) => [e.type, e.data.reason])).toEqual([
      ['registration.approved', undefined],
      ['registration.rejected', 'Outside the sectors of this conference'],
    ]);
  });

  it('shows badge codes only to the enterprise itself and to staff', async () => {
    const setup = await world.openEvent(organizer);
    const a = await member('VN');
    const b = await member('CN');
    const regA = (await world.register(a.account, setup.eventId, a.enterpriseId, setup.venues.laoCai)).body;
    await world.register(b.account, setup.eventId, b.enterpriseId, setup.venues.hangzhou);

    const asB = await t.http.get(`/api/events/${setup.eventId}/registrations`).set(b.account.auth);
    expect(asB.body.total).toBe(1);
    expect(JSON.stringify(asB.body)).not.toContain(regA.badgeCode);
    expect((await t.http.get(`/api/events/${setup.eventId}/registrations/${regA.id}`).set(b.account.auth)).status).toBe(404);
    const asA = await t.http.get(`/api/events/${setup.eventId}/registrations/${regA.id}`).set(a.account.auth);
    expect(asA.body.badgeCode).toBe(regA.badgeCode);
    const asStaff = await t.http.get(`/api/events/${setup.eventId}/registrations?side=VN`).set(organizer.auth);
    expect(asStaff.body).toMatchObject({ total: 1, items: [{ id: regA.id, badgeCode: regA.badgeCode, enterprise: { country: 'VN', region: 'VN-02' } }] });
  });

  it('checks in an approved registration by its badge code, once', async () => {
    const setup = await world.openEvent(organizer);
    const a = await approved(setup, 'VN');
    const pending = await member('CN');
    const pendingReg = (await world.register(pending.account, setup.eventId, pending.enterpriseId, setup.venues.hangzhou)).body;
    const checkIn = (badgeCode: string, who = organizer) => t.http.post(`/api/events/${setup.eventId}/check-ins`).set(who.auth).send({ badgeCode });

    expect((await checkIn(a.registration.badgeCode, a.account)).status).toBe(403);
    const typed = a.registration.badgeCode.toLowerCase().replace(/-/g, ' ');
    const done = await checkIn(typed);
    expect(done.status).toBe(200);
    expect(Date.parse(done.body.checkedInAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await checkIn(a.registration.badgeCode)).body.code).toBe('ALREADY_CHECKED_IN');
    expect((await checkIn(pendingReg.badgeCode)).body.code).toBe('NOT_APPROVED');
    const unknown = await checkIn('0000-0000-0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.details.fields[0].field).toBe('badgeCode');
    const garbage = await checkIn("' OR 1=1 --");
    expect(garbage.status).toBe(400);
    // A badge of another event does not check in here.
    const other = await world.openEvent(organizer);
    const b = await approved(other, 'CN');
    expect((await checkIn(b.registration.badgeCode)).status).toBe(404);
  });

  it('assigns rooms by sector overlap with both sides in every room; dry run writes nothing', async () => {
    const setup = await world.openEvent(organizer);
    const fruitVN = await approved(setup, 'VN'); // offers 0810 → agriculture (II)
    const textileCN = await approved(setup, 'CN'); // offers 5407, 8447 → industry (XI, XVI)
    const textileVN = await approved(setup, 'VN', { offers: [{ hsCode: '6109', description: 'Áo thun cotton' }], needs: [{ hsCode: '5407', description: 'vải' }], sectors: ['XI'] });
    const fruitCN = await approved(setup, 'CN', { offers: [{ hsCode: '0806', description: '葡萄' }], needs: [{ hsCode: '0810', description: '热带水果' }], sectors: ['II'] });
    const url = `/api/events/${setup.eventId}/room-assignments`;

    const preview = await t.http.post(url).set(organizer.auth).send({ dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body.applied).toBe(false);
    const roomOf = (body: { assignments: { registrationId: string; roomId: string }[] }, id: string) => body.assignments.find((a) => a.registrationId === id)?.roomId;
    expect(roomOf(preview.body, fruitVN.registration.id)).toBe(setup.rooms.agriculture);
    expect(roomOf(preview.body, fruitCN.registration.id)).toBe(setup.rooms.agriculture);
    expect(roomOf(preview.body, textileCN.registration.id)).toBe(setup.rooms.industry);
    expect(roomOf(preview.body, textileVN.registration.id)).toBe(setup.rooms.industry);
    expect(preview.body.roomsMissingASide).toEqual([]);
    const [{ placed }] = await t.db.query('SELECT count(room_id)::int AS placed FROM registrations WHERE event_id = $1', [setup.eventId]);
    expect(placed).toBe(0);

    const applied = await t.http.post(url).set(organizer.auth).send({});
    expect(applied.body.applied).toBe(true);
    expect(applied.body.assignments).toEqual(preview.body.assignments);
    const mine = await t.http.get(`/api/events/${setup.eventId}/registrations/${fruitVN.registration.id}`).set(fruitVN.account.auth);
    expect(mine.body.roomId).toBe(setup.rooms.agriculture);
    const log = (await t.http.get(`/api/events/${setup.eventId}/log`).set(organizer.auth)).body.items;
    expect(log.at(-1)).toMatchObject({ type: 'registrations.rooms_assigned', data: { unassigned: 0 } });
    expect(log.at(-1).data.assignments).toHaveLength(4);

    // Run again: everyone is kept where they are, nothing new is logged.
    const rerun = await t.http.post(url).set(organizer.auth).send({});
    expect(rerun.body.assignments.every((a: { kept: boolean }) => a.kept)).toBe(true);
    expect((await t.http.get(`/api/events/${setup.eventId}/log`).set(organizer.auth)).body.lastSeq).toBe(log.at(-1).seq);
  });

  it('lets an organizer override a room, respecting capacity (409 ROOM_FULL)', async () => {
    const setup = await world.openEvent(organizer);
    const tiny = (
      await t.http
        .post(`/api/events/${setup.eventId}/rooms`)
        .set(organizer.auth)
        .send({ name: { vi: 'Phòng VIP' }, sectorCodes: ['II'], capacity: 1 })
    ).body;
    const a = await approved(setup, 'VN');
    const b = await approved(setup, 'CN');
    const move = (id: string, roomId: string | null, who = organizer) => t.http.patch(`/api/events/${setup.eventId}/registrations/${id}`).set(who.auth).send({ roomId });

    expect((await move(a.registration.id, tiny.id, a.account)).status).toBe(403);
    expect((await move(a.registration.id, tiny.id)).body.roomId).toBe(tiny.id);
    const full = await move(b.registration.id, tiny.id);
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('ROOM_FULL');
    const other = await world.openEvent(organizer);
    expect((await move(b.registration.id, other.rooms.agriculture)).status).toBe(400);
    expect((await move(a.registration.id, null)).body.roomId).toBeNull();
  });

  it('enforces event integrity in the database itself, whatever the code does', async () => {
    const setup = await world.openEvent(organizer);
    const other = await world.openEvent(organizer);
    const a = await approved(setup, 'VN');
    // A room of another event is refused by the composite foreign key.
    await expect(t.db.query('UPDATE registrations SET room_id = $1 WHERE id = $2', [other.rooms.agriculture, a.registration.id])).rejects.toThrow(/registrations_room_fkey/);
    // A pending registration cannot sit in a room.
    const p = await member('CN');
    const pending = (await world.register(p.account, setup.eventId, p.enterpriseId, setup.venues.hangzhou)).body;
    await expect(t.db.query('UPDATE registrations SET room_id = $1 WHERE id = $2', [setup.rooms.agriculture, pending.id])).rejects.toThrow(/registrations_room_requires_approval_check/);
    // A registration's side is one of its event's sides.
    await expect(t.db.query(`UPDATE registrations SET side = 'LA' WHERE id = $1`, [a.registration.id])).rejects.toThrow(/registrations_side_of_event/);
    // The log is append-only.
    await expect(t.db.query(`UPDATE event_log SET type = 'forged' WHERE event_id = $1`, [setup.eventId])).rejects.toThrow(/append-only/);
  });
});
