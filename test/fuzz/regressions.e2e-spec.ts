import { ack, closeAllSockets, connect, createLiveTestApp } from '../factories/live';
import { deepNesting } from '../factories/openapi';
import { Account, ConferenceSetup, enterpriseBody, eventBody, World } from '../factories/world';

/**
 * The 500s the fuzz suites found, each pinned as a plain case: they must stay
 * 4xx with the error shape (and an error acknowledgement on the socket).
 */
describe('fuzz findings, pinned', () => {
  let live: Awaited<ReturnType<typeof createLiveTestApp>>;
  let w: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  let eventId: string;

  beforeAll(async () => {
    live = await createLiveTestApp();
    w = new World(live.api);
    organizer = await w.organizer();
    setup = await w.openEvent(organizer);
    eventId = setup.eventId;
  });
  afterEach(() => closeAllSockets());
  afterAll(() => live.close());

  const http = () => live.api.http;
  const expectRefused = (res: { status: number; body: { statusCode?: number; code?: string; details?: { fields?: { field: string }[] } } }, status: number, code: string, field?: string) => {
    expect({ status: res.status, shape: res.body.statusCode, code: res.body.code }).toEqual({ status, shape: status, code });
    if (field) expect(res.body.details?.fields?.map((f) => f.field)).toContain(field);
  };

  it('a week or ordinal ISO 8601 date (2021-W03-2, 2021-019), which strict ISO 8601 admits and JavaScript cannot read: 400, not a 500 from the database', async () => {
    const vn = await w.approved(organizer, setup, 'VN');
    const availability = `/api/events/${eventId}/registrations/${vn.registration.id}/availability`;
    for (const bad of ['2021-W03-2', '2021-019']) {
      const res = await http()
        .put(availability)
        .set(organizer.auth)
        .send({ windows: [{ startsAt: bad, endsAt: '2021-01-19T05:00:00Z' }] });
      expectRefused(res, 400, 'VALIDATION_FAILED', 'windows[0].startsAt');
    }
    expectRefused(await http().patch(`/api/events/${eventId}`).set(organizer.auth).send({ startsAt: '2021-W03-2' }), 400, 'VALIDATION_FAILED', 'startsAt');
    // The fuzzer's own find: a window that is an empty array passed the nested validation.
    const nested = await http()
      .put(availability)
      .set(organizer.auth)
      .send({ windows: [[]] });
    expectRefused(nested, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(nested.body.details.fields)).toContain('windows');
    expect((await http().get(availability).set(organizer.auth)).body.items).toEqual([]);
  });

  it('null for a field a PATCH may leave out (PartialType made it optional, and null skipped the validators)', async () => {
    expectRefused(await http().patch(`/api/events/${eventId}`).set(organizer.auth).send({ sides: null }), 400, 'VALIDATION_FAILED', 'sides');
    expectRefused(await http().patch(`/api/events/${eventId}`).set(organizer.auth).send({ name: null }), 400, 'VALIDATION_FAILED', 'name');
    for (const field of ['slotMinutes', 'walkInRegistration']) {
      expectRefused(
        await http()
          .patch(`/api/events/${eventId}`)
          .set(organizer.auth)
          .send({ [field]: null }),
        400,
        'VALIDATION_FAILED',
        field,
      );
    }
    const enterprise = await w.enterprise(organizer);
    // An enterprise's optional fields: null clears them or is refused, never a 500.
    for (const field of ['website', 'size', 'description', 'contact', 'sectors', 'certifications', 'languages']) {
      const res = await http()
        .patch(`/api/enterprises/${enterprise.id}`)
        .set(organizer.auth)
        .send({ [field]: null });
      expect({ field, status: res.status < 500 }).toEqual({ field, status: true });
    }
    expectRefused(await http().patch(`/api/enterprises/${enterprise.id}`).set(organizer.auth).send({ country: null }), 400, 'VALIDATION_FAILED', 'country');
    // Leaving them out is still fine.
    expect((await http().patch(`/api/events/${eventId}`).set(organizer.auth).send({ walkInRegistration: true })).status).toBe(200);
  });

  it('offset and afterSeq past 2^53 (1e308 passes @IsInt; PostgreSQL then failed)', async () => {
    expectRefused(await http().get('/api/enterprises?offset=1e308').set(organizer.auth), 400, 'VALIDATION_FAILED', 'offset');
    expectRefused(await http().get(`/api/events/${eventId}/meetings?offset=1e%2B308`).set(organizer.auth), 400, 'VALIDATION_FAILED', 'offset');
    expectRefused(await http().get(`/api/events/${eventId}/log?afterSeq=1e308`).set(organizer.auth), 400, 'VALIDATION_FAILED', 'afterSeq');
    expect((await http().get(`/api/events/${eventId}/log?afterSeq=9007199254740991`).set(organizer.auth)).status).toBe(200);
    const socket = await connect(live.gateway.url, organizer.token);
    expect(await ack(socket, 'event.subscribe', { eventId, afterSeq: 1e308 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(socket, 'event.subscribe', { eventId, afterSeq: 5 })).toMatchObject({ ok: true });
  });

  it('NUL characters in a query, a body or a socket payload (PostgreSQL text cannot hold them)', async () => {
    expectRefused(await http().get('/api/enterprises?q=a%00b').set(organizer.auth), 400, 'VALIDATION_FAILED', 'q');
    const body = enterpriseBody('VN', { offers: [{ hsCode: '081060', description: 'Sầu riêng\u0000' }] });
    expectRefused(await http().post('/api/enterprises').set(organizer.auth).send(body), 400, 'VALIDATION_FAILED', 'offers[0].description');
    const [vn, cn] = [await w.approved(organizer, setup, 'VN'), await w.approved(organizer, setup, 'CN')];
    const socket = await connect(live.gateway.url, vn.account.token);
    expect(await ack(socket, 'connection.request', { toRegistrationId: cn.registration.id, message: 'xin chào\u0000' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(socket, 'connection.request', { toRegistrationId: cn.registration.id, message: 'xin chào' })).toMatchObject({ ok: true });
  });

  it('an unpaired surrogate in a localized name (jsonb refused it)', async () => {
    expectRefused(
      await http()
        .post('/api/events')
        .set(organizer.auth)
        .send(eventBody({ name: { vi: 'Hội nghị \ud800' } })),
      400,
      'VALIDATION_FAILED',
      'name.vi',
    );
    expect(
      (
        await http()
          .post('/api/events')
          .set(organizer.auth)
          .send(eventBody({ name: { zh: '会议 𠀋 🇨🇳' } }))
      ).status,
    ).toBe(201);
  });

  it('deep nesting (the validators recursed until the stack ran out)', async () => {
    expectRefused(
      await http()
        .post('/api/enterprises')
        .set(organizer.auth)
        .send({ ...enterpriseBody('VN'), name: deepNesting(3_000) }),
      400,
      'VALIDATION_FAILED',
    );
    const raw = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expectRefused(raw, 400, 'VALIDATION_FAILED');
    const socket = await connect(live.gateway.url, organizer.token);
    expect(await ack(socket, 'room.join', { roomId: deepNesting(2_000) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('prototype keys (class-transformer took `constructor` for a class)', async () => {
    const socket = await connect(live.gateway.url, organizer.token);
    expect(await ack(socket, 'connection.respond', { connectionId: { constructor: { prototype: {} } }, accept: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(socket, 'event.subscribe', JSON.parse(`{"eventId": "${eventId}", "__proto__": {"staff": true}}`))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expectRefused(
      await http().patch(`/api/events/${eventId}`).set(organizer.auth).set('Content-Type', 'application/json').send('{"name": {"constructor": {"prototype": {"x": 1}}}}'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("the body parser's own refusals (they reached the filter as plain errors: 500)", async () => {
    const big = `{"email":"${'x'.repeat(300 * 1024)}","password":"p"}`;
    expectRefused(await http().post('/api/auth/login').set('Content-Type', 'application/json').send(big), 413, 'PAYLOAD_TOO_LARGE');
    expectRefused(
      await http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`email=${'x'.repeat(150 * 1024)}`),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectRefused(await http().post('/api/auth/login').set('Content-Type', 'application/json; charset=latin1').send('{}'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
