import { createTestApp, TestApp } from '../factories/app';
import { eventBody, World } from '../factories/world';

describe('events, venues, rooms and staff', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
  });
  afterAll(() => t.close());

  it('lets a platform organizer create an event; the creator becomes its first organizer; sides default to VN and CN', async () => {
    const organizer = await world.organizer();
    const { sides: _sides, ...withoutSides } = eventBody();
    const res = await t.http.post('/api/events').set(organizer.auth).send(withoutSides);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', sides: ['VN', 'CN'], timezone: 'Asia/Ho_Chi_Minh', startsAt: '2021-01-19T01:00:00.000Z' });
    const staff = await t.http.get(`/api/events/${res.body.id}/staff`).set(organizer.auth);
    expect(staff.body).toMatchObject({ total: 1, items: [{ userId: organizer.id, role: 'organizer' }] });
    const me = await t.http.get('/api/me').set(organizer.auth);
    expect(me.body.staffOf).toEqual([{ eventId: res.body.id, role: 'organizer' }]);
  });

  it('configures the two sides per event (Hà Nội–Vientiane: VN and LA)', async () => {
    const organizer = await world.organizer();
    const res = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send(eventBody({ sides: ['vn', 'la'] }));
    expect(res.status).toBe(201);
    expect(res.body.sides).toEqual(['VN', 'LA']);
    const same = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send(eventBody({ sides: ['VN', 'VN'] }));
    expect(same.status).toBe(400);
    expect(same.body.details.fields).toEqual([{ field: 'sides', message: 'the two sides must be different countries' }]);
  });

  it('refuses an enterprise member creating events (403)', async () => {
    const member = await world.account('member');
    await world.enterprise(member);
    const res = await t.http.post('/api/events').set(member.auth).send(eventBody());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('validates time zones, periods and localized names', async () => {
    const organizer = await world.organizer();
    const tz = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send(eventBody({ timezone: 'Asia/Lao_Cai' }));
    expect(tz.status).toBe(400);
    expect(tz.body).toMatchObject({ code: 'UNKNOWN_TIMEZONE', details: { fields: [{ field: 'timezone' }] } });
    const period = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send(eventBody({ endsAt: '2021-01-18T00:00:00Z' }));
    expect(period.status).toBe(400);
    expect(period.body.details.fields).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
    const shape = await t.http
      .post('/api/events')
      .set(organizer.auth)
      .send({ name: { fr: 'Conférence' }, timezone: 7, startsAt: 'tomorrow' });
    expect(shape.status).toBe(400);
    const fields = new Set(shape.body.details.fields.map((f: { field: string }) => f.field));
    for (const f of ['name', 'name.fr', 'timezone', 'startsAt', 'endsAt']) expect(fields).toContain(f);
  });

  it('moves along draft → registration_open → live → closed, refusing skips, and freezes a closed event', async () => {
    const organizer = await world.organizer();
    const { id } = (await t.http.post('/api/events').set(organizer.auth).send(eventBody())).body;
    const move = (status: string) => t.http.patch(`/api/events/${id}`).set(organizer.auth).send({ status });

    const skip = await move('live');
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('INVALID_STATUS_TRANSITION');
    expect(skip.body.message).toMatch(/allowed: registration_open/);
    expect((await move('registration_open')).body.status).toBe('registration_open');
    expect((await move('live')).body.status).toBe('live');
    expect((await move('closed')).body.status).toBe('closed');

    const edit = await t.http
      .patch(`/api/events/${id}`)
      .set(organizer.auth)
      .send({ name: { en: 'Renamed' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('EVENT_CLOSED');
    const venue = await t.http
      .post(`/api/events/${id}/venues`)
      .set(organizer.auth)
      .send({ name: 'Late', city: 'Hà Giang', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 10 });
    expect(venue.status).toBe(409);
    expect(venue.body.code).toBe('EVENT_CLOSED');

    const log = await t.http.get(`/api/events/${id}/log`).set(organizer.auth);
    expect(log.body.items.map((e: { type: string }) => e.type)).toEqual(['event.created', 'event.status_changed', 'event.status_changed', 'event.status_changed']);
    expect(log.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('opens its rooms when the event goes live and closes them when it closes, in the same transaction, logged', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const move = (status: string) => t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status }).expect(200);
    const statuses = async () => (await t.http.get(`/api/events/${setup.eventId}/rooms`).set(organizer.auth)).body.items.map((r: { status: string }) => r.status);
    expect(await statuses()).toEqual(['scheduled', 'scheduled']);
    await move('live');
    expect(await statuses()).toEqual(['live', 'live']);
    // A room added during the event is live at once.
    await t.http
      .post(`/api/events/${setup.eventId}/rooms`)
      .set(organizer.auth)
      .send({ name: { en: 'Late room' }, sectorCodes: ['XVI'], capacity: 10 })
      .expect(201);
    expect(await statuses()).toEqual(['live', 'live', 'live']);
    await move('closed');
    expect(await statuses()).toEqual(['closed', 'closed', 'closed']);
    const log = await t.http.get(`/api/events/${setup.eventId}/log?afterSeq=0`).set(organizer.auth);
    const changes = log.body.items.filter((e: { type: string }) => e.type === 'event.status_changed').map((e: { data: unknown }) => e.data);
    expect(changes.at(-2)).toMatchObject({ from: 'registration_open', to: 'live', roomStatus: 'live' });
    expect(changes.at(-1)).toMatchObject({ from: 'live', to: 'closed', roomStatus: 'closed' });
    expect([...changes.at(-1).roomIds].sort()).toEqual([...(await t.http.get(`/api/events/${setup.eventId}/rooms`).set(organizer.auth)).body.items.map((r: { id: string }) => r.id)].sort());
  });

  it('freezes the sides once any registration exists (409 SIDES_FROZEN), in the database too', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const patch = (body: Record<string, unknown>) => t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send(body);
    const m = await world.member('VN');
    const reg = await world.register(m.account, setup.eventId, m.enterpriseId, setup.venues.laoCai);
    await t.http.post(`/api/events/${setup.eventId}/registrations/${reg.body.id}/approve`).set(organizer.auth).expect(200);
    expect((await patch({ status: 'draft' })).status).toBe(200);
    const frozen = await patch({ sides: ['VN', 'LA'] });
    expect(frozen.status).toBe(409);
    expect(frozen.body).toMatchObject({ code: 'SIDES_FROZEN', details: { fields: [{ field: 'sides' }] } });
    // The same sides again are not a change.
    expect((await patch({ sides: ['VN', 'CN'] })).status).toBe(200);
    const [row] = await t.db.query('SELECT sides FROM events WHERE id = $1', [setup.eventId]);
    expect(row.sides).toEqual(['VN', 'CN']);
    const log = await t.http.get(`/api/events/${setup.eventId}/log?afterSeq=0`).set(organizer.auth);
    expect(log.body.items.filter((e: { type: string; data: { event?: { sides: string[] } } }) => e.type === 'event.updated' && e.data.event?.sides[1] === 'LA')).toEqual([]);
    // Whatever the code does, the database refuses it.
    await expect(t.db.query(`UPDATE events SET sides = ARRAY['VN', 'LA'] WHERE id = $1`, [setup.eventId])).rejects.toThrow(/events_sides_frozen/);

    // Without registrations, a draft's sides still change.
    const empty = (await t.http.post('/api/events').set(organizer.auth).send(eventBody())).body;
    const changed = await t.http
      .patch(`/api/events/${empty.id}`)
      .set(organizer.auth)
      .send({ sides: ['VN', 'LA'] });
    expect(changed.status).toBe(200);
    expect(changed.body.sides).toEqual(['VN', 'LA']);
  });

  it('adds venues of every kind and sector rooms, with one main venue per event', async () => {
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const venues = await t.http.get(`/api/events/${setup.eventId}/venues`).set(organizer.auth);
    expect(venues.body.total).toBe(3);
    expect(venues.body.items.map((v: { kind: string; timezone: string }) => [v.kind, v.timezone])).toEqual([
      ['main', 'Asia/Ho_Chi_Minh'],
      ['satellite', 'Asia/Shanghai'],
      ['online', 'Asia/Ho_Chi_Minh'],
    ]);
    const secondMain = await t.http
      .post(`/api/events/${setup.eventId}/venues`)
      .set(organizer.auth)
      .send({ name: 'Another main', city: 'Hà Nội', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'main', capacity: 10 });
    expect(secondMain.status).toBe(409);
    expect(secondMain.body.details.fields).toEqual([{ field: 'kind', message: 'this event already has a main venue' }]);
    const onlineTables = await t.http
      .post(`/api/events/${setup.eventId}/venues`)
      .set(organizer.auth)
      .send({ name: 'Zoom', city: 'Online', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'online', capacity: 10, tables: 3 });
    expect(onlineTables.status).toBe(400);

    const rooms = await t.http.get(`/api/events/${setup.eventId}/rooms?limit=1`).set(organizer.auth);
    expect(rooms.body).toMatchObject({ total: 2, items: [{ sectorCodes: ['II', 'IV'], status: 'scheduled', name: { zh: '农产品与食品' } }] });
    const badSector = await t.http
      .post(`/api/events/${setup.eventId}/rooms`)
      .set(organizer.auth)
      .send({ name: { en: 'Bad' }, sectorCodes: ['XXII', '77'], capacity: 5 });
    expect(badSector.status).toBe(400);
    expect(badSector.body).toMatchObject({ code: 'UNKNOWN_HS_CODE' });
    expect(badSector.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['sectorCodes[0]', 'sectorCodes[1]']);
  });

  it('keeps staff of event A out of event B, and lets organizers add moderators by e-mail', async () => {
    const organizerA = await world.organizer();
    const organizerB = await world.organizer();
    const eventA = await world.openEvent(organizerA);
    const eventB = await world.openEvent(organizerB);

    const crossVenue = await t.http
      .post(`/api/events/${eventB.eventId}/venues`)
      .set(organizerA.auth)
      .send({ name: 'Intruder', city: 'Lạng Sơn', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 10 });
    expect(crossVenue.status).toBe(403);
    expect((await t.http.patch(`/api/events/${eventB.eventId}`).set(organizerA.auth).send({ status: 'live' })).status).toBe(403);
    expect((await t.http.get(`/api/events/${eventB.eventId}/staff`).set(organizerA.auth)).status).toBe(403);
    expect((await t.http.get(`/api/events/${eventB.eventId}/log`).set(organizerA.auth)).status).toBe(403);

    const moderator = await world.account('moderator');
    const added = await t.http.post(`/api/events/${eventA.eventId}/staff`).set(organizerA.auth).send({ email: moderator.email.toUpperCase(), role: 'moderator' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: moderator.id, role: 'moderator' });
    const twice = await t.http.post(`/api/events/${eventA.eventId}/staff`).set(organizerA.auth).send({ email: moderator.email, role: 'organizer' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_STAFF');
    const nobody = await t.http.post(`/api/events/${eventA.eventId}/staff`).set(organizerA.auth).send({ email: 'nobody@example.test', role: 'moderator' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.details.fields[0].field).toBe('email');

    // Organizers remove staff, but never the last organizer.
    const removeModerator = await t.http.delete(`/api/events/${eventA.eventId}/staff/${moderator.id}`).set(organizerA.auth);
    expect(removeModerator.status).toBe(204);
    expect((await t.http.get(`/api/events/${eventA.eventId}/staff`).set(organizerA.auth)).body.total).toBe(1);
    const removeLast = await t.http.delete(`/api/events/${eventA.eventId}/staff/${organizerA.id}`).set(organizerA.auth);
    expect(removeLast.status).toBe(409);
    expect(removeLast.body.message).toMatch(/at least one organizer/);
    expect((await t.http.delete(`/api/events/${eventA.eventId}/staff/${moderator.id}`).set(organizerA.auth)).status).toBe(404);
    await t.http.post(`/api/events/${eventA.eventId}/staff`).set(organizerA.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);

    // A moderator reads staff and the log but cannot manage the event.
    expect((await t.http.get(`/api/events/${eventA.eventId}/staff`).set(moderator.auth)).body.total).toBe(2);
    expect((await t.http.get(`/api/events/${eventA.eventId}/log`).set(moderator.auth)).status).toBe(200);
    expect((await t.http.post(`/api/events/${eventA.eventId}/staff`).set(moderator.auth).send({ email: moderator.email, role: 'organizer' })).status).toBe(403);
  });

  it('hides drafts from non-staff (404) and lists open events to everyone', async () => {
    const organizer = await world.organizer();
    const visitor = await world.account('visitor');
    const draft = (await t.http.post('/api/events').set(organizer.auth).send(eventBody())).body;
    // Later than every other spec's events: the list is newest first, and a test run holds more than a page of open ones.
    const open = await world.openEvent(organizer, { startsAt: '2031-01-19T01:00:00.000Z', endsAt: '2031-01-19T10:00:00.000Z' });
    expect((await t.http.get(`/api/events/${draft.id}`).set(visitor.auth)).status).toBe(404);
    expect((await t.http.get(`/api/events/${open.eventId}`).set(visitor.auth)).status).toBe(200);
    const listed = await t.http.get('/api/events?status=registration_open&limit=200').set(visitor.auth);
    const ids = listed.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(open.eventId);
    expect(ids).not.toContain(draft.id);
    expect((await t.http.get('/api/events?status=someday').set(visitor.auth)).status).toBe(400);
  });
});
