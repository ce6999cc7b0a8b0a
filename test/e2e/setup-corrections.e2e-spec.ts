import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, eventBody, World } from '../factories/world';

/**
 * Setup that can be corrected (issue 15.1): venues and rooms are edited and
 * deleted, the event's details edited, but never so that a registration,
 * meeting or connection is orphaned (409 IN_USE, saying what uses it); every
 * change is logged; a double-submitted create makes one row.
 */
describe('setup corrections: edit and delete venues and rooms, guarded by what uses them', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  const venue = (setup: ConferenceSetup, id: string) => `/api/events/${setup.eventId}/venues/${id}`;
  const room = (setup: ConferenceSetup, id: string) => `/api/events/${setup.eventId}/rooms/${id}`;
  const log = async (eventId: string) =>
    (await t.http.get(`/api/events/${eventId}/log?afterSeq=0&limit=500`).set(organizer.auth)).body.items as { type: string; data: Record<string, unknown> }[];
  const spareVenue = async (setup: ConferenceSetup, name = 'Điểm cầu Hà Giang') =>
    (
      await t.http
        .post(`/api/events/${setup.eventId}/venues`)
        .set(organizer.auth)
        .send({ name, city: 'Hà Giang', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 80, tables: 10 })
        .expect(201)
    ).body.id as string;

  it('edits and deletes an unused venue and room, logging venue.updated/deleted and room.updated/deleted', async () => {
    const setup = await world.openEvent(organizer);
    const haGiang = await spareVenue(setup);
    const edited = await t.http.patch(venue(setup, haGiang)).set(organizer.auth).send({ name: 'Điểm cầu Cao Bằng', city: 'Cao Bằng', tables: 4, capacity: 60 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: haGiang, name: 'Điểm cầu Cao Bằng', city: 'Cao Bằng', tables: 4, capacity: 60, kind: 'satellite' });

    const renamed = await t.http
      .patch(room(setup, setup.rooms.industry))
      .set(organizer.auth)
      .send({ name: { vi: 'Dệt may', zh: '纺织', en: 'Textiles' }, sectorCodes: ['XI'], capacity: 80 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: { vi: 'Dệt may', zh: '纺织', en: 'Textiles' }, sectorCodes: ['XI'], capacity: 80 });

    await t.http.delete(venue(setup, haGiang)).set(organizer.auth).expect(204);
    await t.http.delete(room(setup, setup.rooms.industry)).set(organizer.auth).expect(204);
    expect((await t.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth)).body.items.map((v: { id: string }) => v.id)).not.toContain(haGiang);
    expect((await t.http.get(`/api/events/${setup.eventId}/rooms`).set(organizer.auth)).body.items.map((r: { id: string }) => r.id)).toEqual([setup.rooms.agriculture]);
    expect((await t.http.delete(venue(setup, haGiang)).set(organizer.auth)).status).toBe(404);
    expect((await t.http.patch(room(setup, setup.rooms.industry)).set(organizer.auth).send({ capacity: 5 })).status).toBe(404);

    const entries = await log(setup.eventId);
    expect(entries.find((e) => e.type === 'venue.updated')?.data).toMatchObject({ venue: { id: haGiang, name: 'Điểm cầu Cao Bằng' }, changed: ['capacity', 'city', 'name', 'tables'] });
    expect(entries.find((e) => e.type === 'venue.deleted')?.data).toMatchObject({ venueId: haGiang });
    expect(entries.find((e) => e.type === 'room.updated')?.data).toMatchObject({ room: { id: setup.rooms.industry, capacity: 80 } });
    expect(entries.find((e) => e.type === 'room.deleted')?.data).toMatchObject({ roomId: setup.rooms.industry });
  });

  it('answers an empty patch of a venue or room with it unchanged, and logs nothing', async () => {
    const setup = await world.openEvent(organizer);
    const haGiang = await spareVenue(setup);
    const before = await log(setup.eventId);
    const v = await t.http.patch(venue(setup, haGiang)).set(organizer.auth).send({});
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ id: haGiang, name: 'Điểm cầu Hà Giang', tables: 10, capacity: 80 });
    const r = await t.http.patch(room(setup, setup.rooms.industry)).set(organizer.auth).send({});
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(setup.rooms.industry);
    expect((await log(setup.eventId)).length).toBe(before.length);
  });

  it('refuses deleting a venue with registrations (409 IN_USE with the counts) and keeps it', async () => {
    const setup = await world.openEvent(organizer);
    await world.approved(organizer, setup, 'VN');
    const res = await t.http.delete(venue(setup, setup.venues.laoCai)).set(organizer.auth);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'IN_USE', details: { registrations: 1, meetings: 0, connections: 0 } });
    expect(res.body.message).toMatch(/1 registration/);
    expect((await t.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth)).body.total).toBe(3);
  });

  it('refuses deleting a venue with a meeting, lowering its tables below a booked table, and moving the dates while meetings are booked', async () => {
    const setup = await world.openEvent(organizer);
    const pair = await world.acceptedPair(organizer, setup, { vn: setup.venues.laoCai, cn: setup.venues.laoCai });
    const booked = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: pair.connectionId, startsAt: '2021-01-19T03:00:00Z', table: 5 });
    expect(booked.status).toBe(201);

    const deleted = await t.http.delete(venue(setup, setup.venues.laoCai)).set(organizer.auth);
    expect(deleted.status).toBe(409);
    expect(deleted.body).toMatchObject({ code: 'IN_USE', details: { registrations: 2, meetings: 1, connections: 1 } });

    const fewer = await t.http.patch(venue(setup, setup.venues.laoCai)).set(organizer.auth).send({ tables: 4 });
    expect(fewer.status).toBe(409);
    expect(fewer.body).toMatchObject({ code: 'IN_USE', details: { meetings: 1, highestBookedTable: 5, fields: [{ field: 'tables' }] } });
    expect((await t.http.patch(venue(setup, setup.venues.laoCai)).set(organizer.auth).send({ tables: 5 })).body.tables).toBe(5);

    const moved = await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ startsAt: '2021-01-19T02:00:00.000Z' });
    expect(moved.status).toBe(409);
    expect(moved.body).toMatchObject({ code: 'IN_USE', details: { meetings: 1, fields: [{ field: 'startsAt' }] } });
    // The same dates, the name, the time zone and the walk-in toggle are not a move.
    const details = await t.http
      .patch(`/api/events/${setup.eventId}`)
      .set(organizer.auth)
      .send({ startsAt: '2021-01-19T01:00:00.000Z', name: { vi: 'Hội nghị Lào Cai 2021', en: 'Lao Cai 2021' }, timezone: 'Asia/Bangkok', walkInRegistration: false });
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ name: { vi: 'Hội nghị Lào Cai 2021' }, timezone: 'Asia/Bangkok', walkInRegistration: false });

    // Once the meeting is cancelled the dates and the tables are free again.
    await t.http.patch(`/api/meetings/${booked.body.id}`).set(organizer.auth).send({ status: 'cancelled' }).expect(200);
    expect((await t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ startsAt: '2021-01-19T02:00:00.000Z' })).status).toBe(200);
    expect((await t.http.patch(venue(setup, setup.venues.laoCai)).set(organizer.auth).send({ tables: 2 })).status).toBe(200);
  });

  it('refuses switching a venue to online while it has tables or on-site registrations', async () => {
    const setup = await world.openEvent(organizer);
    await world.approved(organizer, setup, 'CN');
    const withTables = await t.http.patch(venue(setup, setup.venues.hangzhou)).set(organizer.auth).send({ kind: 'online' });
    expect(withTables.status).toBe(400);
    expect(withTables.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'tables' }] } });
    const withRegistrations = await t.http.patch(venue(setup, setup.venues.hangzhou)).set(organizer.auth).send({ kind: 'online', tables: 0 });
    expect(withRegistrations.status).toBe(409);
    expect(withRegistrations.body).toMatchObject({ code: 'IN_USE', details: { registrations: 1, fields: [{ field: 'kind' }] } });
    // An unused satellite goes online.
    const spare = await spareVenue(setup);
    expect((await t.http.patch(venue(setup, spare)).set(organizer.auth).send({ kind: 'online', tables: 0 })).body).toMatchObject({ kind: 'online', tables: 0 });
    // A second main venue is refused as at creation.
    expect((await t.http.patch(venue(setup, spare)).set(organizer.auth).send({ kind: 'main' })).body.code).toBe('CONFLICT');
  });

  it('refuses deleting a room with registrations placed in it, or with connections made in it', async () => {
    const setup = await world.openEvent(organizer);
    const pair = await world.acceptedPair(organizer, setup);
    await t.http.post(`/api/events/${setup.eventId}/room-assignments`).set(organizer.auth).send({}).expect(200);
    const placed = (await t.http.get(`/api/events/${setup.eventId}/registrations/${pair.vn.registration.id}`).set(organizer.auth)).body.roomId as string;
    expect(placed).toBeTruthy();
    const withRegistrations = await t.http.delete(room(setup, placed)).set(organizer.auth);
    expect(withRegistrations.status).toBe(409);
    expect(withRegistrations.body.code).toBe('IN_USE');
    expect(withRegistrations.body.details.registrations).toBeGreaterThan(0);

    // A connection requested in the room keeps it, even once both parties are moved out.
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const move = (id: string, roomId: string | null) => t.http.patch(`/api/events/${setup.eventId}/registrations/${id}`).set(organizer.auth).send({ roomId });
    await move(cn.registration.id, setup.rooms.industry).expect(200);
    await move(vn.registration.id, setup.rooms.industry).expect(200);
    const requested = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(cn.account.auth)
      .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id });
    expect(requested.body.roomId).toBe(setup.rooms.industry);
    for (const id of [pair.vn.registration.id, pair.cn.registration.id]) await move(id, setup.rooms.agriculture).expect(200);
    await move(cn.registration.id, null).expect(200);
    await move(vn.registration.id, null).expect(200);
    const withConnections = await t.http.delete(room(setup, setup.rooms.industry)).set(organizer.auth);
    expect(withConnections.status).toBe(409);
    expect(withConnections.body).toMatchObject({ code: 'IN_USE', details: { registrations: 0, connections: 1 } });
  });

  it("refuses lowering a venue's or a room's capacity below what it holds (409 IN_USE naming capacity), and lowers it to exactly that", async () => {
    const setup = await world.openEvent(organizer);
    const spare = await spareVenue(setup);
    for (let i = 0; i < 3; i++) await world.approved(organizer, setup, 'VN', {}, spare);
    const below = await t.http.patch(venue(setup, spare)).set(organizer.auth).send({ capacity: 2 });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ code: 'IN_USE', details: { registrations: 3, fields: [{ field: 'capacity' }] } });
    expect(below.body.message).toMatch(/at least 3/);
    expect((await t.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth)).body.items.find((v: { id: string }) => v.id === spare).capacity).toBe(80);
    expect((await t.http.patch(venue(setup, spare)).set(organizer.auth).send({ capacity: 3 })).body.capacity).toBe(3);
    // Full now: the next on-site registration there is VENUE_FULL, as the capacity says.
    const m = await world.member('VN');
    expect((await world.register(m.account, setup.eventId, m.enterpriseId, spare)).body.code).toBe('VENUE_FULL');

    const placed = await world.approved(organizer, setup, 'VN');
    const other = await world.approved(organizer, setup, 'CN');
    for (const r of [placed, other]) {
      await t.http.patch(`/api/events/${setup.eventId}/registrations/${r.registration.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    }
    const roomBelow = await t.http.patch(room(setup, setup.rooms.agriculture)).set(organizer.auth).send({ capacity: 1 });
    expect(roomBelow.status).toBe(409);
    expect(roomBelow.body).toMatchObject({ code: 'IN_USE', details: { registrations: 2, fields: [{ field: 'capacity' }] } });
    expect((await t.http.patch(room(setup, setup.rooms.agriculture)).set(organizer.auth).send({ capacity: 2 })).body.capacity).toBe(2);
    // Raising it is never refused.
    expect((await t.http.patch(room(setup, setup.rooms.agriculture)).set(organizer.auth).send({ capacity: 50 })).status).toBe(200);
  });

  it('deletes a venue in use after moving its registrations and announcements to another of the same kind (?moveTo), logged with what moved', async () => {
    const setup = await world.openEvent(organizer);
    const duplicate = await spareVenue(setup, 'Điểm cầu Lào Cai');
    const a = await world.approved(organizer, setup, 'VN', {}, duplicate);
    const b = await world.approved(organizer, setup, 'VN', {}, duplicate);
    await t.http
      .post(`/api/events/${setup.eventId}/announcements`)
      .set(organizer.auth)
      .send({ text: { en: 'Tables are on the 2nd floor' }, audience: { venueId: duplicate } })
      .expect(201);
    const before = (await log(setup.eventId)).length;

    const bad = async (moveTo: string, status: number, code: string) => {
      const res = await t.http.delete(venue(setup, duplicate)).query({ moveTo }).set(organizer.auth);
      expect({ moveTo, status: res.status, code: res.body.code }).toEqual({ moveTo, status, code });
      return res;
    };
    expect((await bad('not-a-uuid', 400, 'VALIDATION_FAILED')).body.details.fields[0].field).toBe('moveTo');
    expect((await bad(duplicate, 400, 'VALIDATION_FAILED')).body.details.fields).toEqual([{ field: 'moveTo', message: 'is the venue being deleted' }]);
    expect((await bad(setup.venues.online, 400, 'VALIDATION_FAILED')).body.details.fields[0].message).toMatch(/on-site venue/);
    const elsewhere = await world.openEvent(organizer);
    expect((await bad(elsewhere.venues.laoCai, 400, 'VALIDATION_FAILED')).body.details.fields[0].message).toMatch(/not a venue of this event/);
    // A venue too small for the two is VENUE_FULL, naming moveTo; nothing moved, nothing logged.
    const small = await spareVenue(setup, 'Điểm cầu Sa Pa');
    await t.http.patch(venue(setup, small)).set(organizer.auth).send({ capacity: 1 }).expect(200);
    expect((await bad(small, 409, 'VENUE_FULL')).body.details.fields[0].field).toBe('moveTo');
    expect((await t.http.get(`/api/events/${setup.eventId}/registrations/${a.registration.id}`).set(organizer.auth)).body.venueId).toBe(duplicate);
    expect((await log(setup.eventId)).length).toBe(before + 2); // the small venue's creation and its capacity only

    await t.http.delete(venue(setup, duplicate)).query({ moveTo: setup.venues.laoCai }).set(organizer.auth).expect(204);
    for (const r of [a, b]) {
      expect((await t.http.get(`/api/events/${setup.eventId}/registrations/${r.registration.id}`).set(organizer.auth)).body.venueId).toBe(setup.venues.laoCai);
    }
    const [{ venue_id }] = await t.db.query<{ venue_id: string }[]>(`SELECT venue_id FROM announcements WHERE event_id = $1`, [setup.eventId]);
    expect(venue_id).toBe(setup.venues.laoCai);
    const deleted = (await log(setup.eventId)).find((e) => e.type === 'venue.deleted');
    expect(deleted?.data).toMatchObject({ venueId: duplicate, movedTo: setup.venues.laoCai, moved: { registrations: 2, meetings: 0, announcements: 1 } });
  });

  it('moves no booked meeting with a deleted venue: 409 IN_USE counting them, nothing moved; once cancelled, it moves too', async () => {
    const setup = await world.openEvent(organizer);
    const duplicate = await spareVenue(setup, 'Điểm cầu Lào Cai');
    const pair = await world.acceptedPair(organizer, setup, { vn: duplicate, cn: duplicate });
    const booked = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: pair.connectionId, startsAt: '2021-01-19T03:00:00Z', table: 2 });
    expect(booked.status).toBe(201);
    const refused = await t.http.delete(venue(setup, duplicate)).query({ moveTo: setup.venues.laoCai }).set(organizer.auth);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'IN_USE', details: { meetings: 1 } });
    expect(refused.body.message).toMatch(/booked meetings/);
    expect((await t.http.get(`/api/events/${setup.eventId}/registrations/${pair.vn.registration.id}`).set(organizer.auth)).body.venueId).toBe(duplicate);

    await t.http.patch(`/api/meetings/${booked.body.id}`).set(organizer.auth).send({ status: 'cancelled' }).expect(200);
    await t.http.delete(venue(setup, duplicate)).query({ moveTo: setup.venues.laoCai }).set(organizer.auth).expect(204);
    const [{ venue_id }] = await t.db.query<{ venue_id: string }[]>(`SELECT venue_id FROM meetings WHERE id = $1`, [booked.body.id]);
    expect(venue_id).toBe(setup.venues.laoCai);
  });

  it('deletes a room in use after moving its registrations and connections to another room (?moveTo), within its capacity (409 ROOM_FULL)', async () => {
    const setup = await world.openEvent(organizer);
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const place = (id: string, roomId: string) => t.http.patch(`/api/events/${setup.eventId}/registrations/${id}`).set(organizer.auth).send({ roomId }).expect(200);
    await place(vn.registration.id, setup.rooms.industry);
    await place(cn.registration.id, setup.rooms.industry);
    const requested = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(cn.account.auth)
      .send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id });
    expect(requested.body.roomId).toBe(setup.rooms.industry);

    await t.http.patch(room(setup, setup.rooms.agriculture)).set(organizer.auth).send({ capacity: 1 }).expect(200);
    const full = await t.http.delete(room(setup, setup.rooms.industry)).query({ moveTo: setup.rooms.agriculture }).set(organizer.auth);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'ROOM_FULL', details: { fields: [{ field: 'moveTo' }] } });
    expect(full.body.message).toMatch(/^moveTo: /);
    const self = await t.http.delete(room(setup, setup.rooms.industry)).query({ moveTo: setup.rooms.industry }).set(organizer.auth);
    expect(self.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'moveTo', message: 'is the room being deleted' }] } });

    await t.http.patch(room(setup, setup.rooms.agriculture)).set(organizer.auth).send({ capacity: 2 }).expect(200);
    await t.http.delete(room(setup, setup.rooms.industry)).query({ moveTo: setup.rooms.agriculture }).set(organizer.auth).expect(204);
    expect((await t.http.get(`/api/events/${setup.eventId}/rooms`).set(organizer.auth)).body.items.map((r: { id: string }) => r.id)).toEqual([setup.rooms.agriculture]);
    for (const r of [vn, cn]) {
      expect((await t.http.get(`/api/events/${setup.eventId}/registrations/${r.registration.id}`).set(organizer.auth)).body.roomId).toBe(setup.rooms.agriculture);
    }
    expect((await t.http.get(`/api/connections/${requested.body.id}`).set(cn.account.auth)).body.roomId).toBe(setup.rooms.agriculture);
    const deleted = (await log(setup.eventId)).find((e) => e.type === 'room.deleted');
    expect(deleted?.data).toMatchObject({ roomId: setup.rooms.industry, movedTo: setup.rooms.agriculture, moved: { registrations: 2, connections: 1, announcements: 0 } });
  });

  it('lets only organizers correct the setup', async () => {
    const setup = await world.openEvent(organizer);
    const moderator = await world.account('moderator');
    await t.http.post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
    expect((await t.http.patch(venue(setup, setup.venues.online)).set(moderator.auth).send({ capacity: 2 })).status).toBe(403);
    expect((await t.http.delete(room(setup, setup.rooms.industry)).set(moderator.auth)).status).toBe(403);
    expect((await t.http.patch(venue(setup, setup.venues.online)).set(organizer.auth).send({ capacity: null })).status).toBe(400);
  });

  it('honours Idempotency-Key on every create: the same key twice makes one row and answers the same; another body is IDEMPOTENCY_KEY_REUSED', async () => {
    const key = (what: string) => `${what}-${Math.random().toString(36).slice(2)}`;
    const eventKey = key('event');
    const first = await t.http.post('/api/events').set(organizer.auth).set('Idempotency-Key', eventKey).send(eventBody());
    const again = await t.http.post('/api/events').set(organizer.auth).set('Idempotency-Key', eventKey).send(eventBody());
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM event_staff WHERE event_id = $1`, [first.body.id]);
    expect(n).toBe(1);
    const other = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .set('Idempotency-Key', eventKey)
      .send(eventBody({ timezone: 'Asia/Shanghai' }));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const eventId = first.body.id as string;
    const venueBody = { name: 'Điểm cầu Lạng Sơn', city: 'Lạng Sơn', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 50, tables: 5 };
    const roomBody = { name: { vi: 'Nông sản', en: 'Produce' }, sectorCodes: ['II'], capacity: 40 };
    const moderator = await world.account('moderator');
    const creates: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [`/api/events/${eventId}/venues`, venueBody, { ...venueBody, tables: 6 }],
      [`/api/events/${eventId}/rooms`, roomBody, { ...roomBody, capacity: 41 }],
      [`/api/events/${eventId}/staff`, { email: moderator.email, role: 'moderator' }, { email: moderator.email, role: 'organizer' }],
    ];
    for (const [path, body, different] of creates) {
      const k = key('create');
      // A double submit: both at once.
      const [a, b] = await Promise.all([0, 1].map(() => t.http.post(path).set(organizer.auth).set('Idempotency-Key', k).send(body)));
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body).toEqual(b.body);
      const reused = await t.http.post(path).set(organizer.auth).set('Idempotency-Key', k).send(different);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    const count = async (path: string) => (await t.http.get(path).set(organizer.auth)).body.total as number;
    expect(await count(`/api/events/${eventId}/venues`)).toBe(1);
    expect(await count(`/api/events/${eventId}/rooms`)).toBe(1);
    expect(await count(`/api/events/${eventId}/staff`)).toBe(2);
    expect((await log(eventId)).filter((e) => e.type === 'venue.created')).toHaveLength(1);

    const bad = await t.http.post(`/api/events/${eventId}/rooms`).set(organizer.auth).set('Idempotency-Key', 'spaces are not allowed').send(roomBody);
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual([{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
  });

  it('a delete racing a registration at the same venue leaves no orphan: one of them wins, never both, never a 500', async () => {
    const setup = await world.openEvent(organizer);
    for (let round = 0; round < 6; round++) {
      const spare = await spareVenue(setup, `Điểm cầu ${round}`);
      const m = await world.member('VN');
      const [registered, deleted] = await Promise.all([world.register(m.account, setup.eventId, m.enterpriseId, spare), t.http.delete(venue(setup, spare)).set(organizer.auth)]);
      expect(registered.status).toBeLessThan(500);
      expect(deleted.status).toBeLessThan(500);
      if (deleted.status === 204) {
        expect(registered.status).not.toBe(201);
      } else {
        expect(registered.status).toBe(201);
        expect(deleted.body).toMatchObject({ code: 'IN_USE', details: { registrations: 1 } });
      }
    }
    const [{ orphans }] = await t.db.query<{ orphans: number }[]>(
      `SELECT count(*)::int AS orphans FROM registrations r WHERE r.event_id = $1 AND NOT EXISTS (SELECT 1 FROM venues v WHERE v.id = r.venue_id)`,
      [setup.eventId],
    );
    expect(orphans).toBe(0);
  });
});
