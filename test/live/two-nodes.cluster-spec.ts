import { ack, closeAllSockets, connect, eventually, GatewayNode, record, startGatewayProcess } from '../factories/live';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Two gateway processes on two ports sharing one Redis (the Socket.IO Redis
 * adapter) and one PostgreSQL: a client on node A sees presence and
 * connections caused on node B and through REST. Runs the built dist/
 * (npm test builds first).
 */
describe('two gateway nodes over Redis', () => {
  const redisUrl = process.env.REDIS_URL!;
  let api: TestApp;
  let a: GatewayNode;
  let b: GatewayNode;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    api = await createTestApp();
    const env = { REDIS_URL: redisUrl, DATABASE_URL: api.config.databaseUrl!, JWT_SECRET: api.config.jwtSecret! };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    expect(a.url).not.toBe(b.url);
    world = new World(api);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await api.close();
  });

  async function placed(country: 'VN' | 'CN') {
    const p = await world.approved(organizer, setup, country);
    await api.http.patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    return p;
  }

  it('shows on node A the presence of a client that joined on node B', async () => {
    const vn = await placed('VN');
    const cn = await placed('CN');
    const onA = await connect(a.url, vn.account.token);
    const presence = record<{ participants: { registrationId: string }[] }>(onA, 'presence');
    expect(await ack(onA, 'room.join', { roomId: setup.rooms.agriculture })).toMatchObject({ ok: true });
    const onB = await connect(b.url, cn.account.token);
    expect(await ack(onB, 'room.join', { roomId: setup.rooms.agriculture })).toMatchObject({ ok: true });
    await eventually(presence, (p) => p.participants.some((x) => x.registrationId === cn.registration.id), 3_000);
  });

  it('delivers to node A a connection requested on node B and one made through REST, each once', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const cn2 = await world.approved(organizer, setup, 'CN');
    const staffOnA = await connect(a.url, organizer.token);
    const vnOnA = await connect(a.url, vn.account.token);
    const cnOnB = await connect(b.url, cn.account.token);
    for (const s of [staffOnA, vnOnA, cnOnB]) expect(await ack(s, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: true });
    const staffSees = record<{ id: string; status: string }>(staffOnA, 'connection');
    const vnSees = record<{ id: string; status: string }>(vnOnA, 'connection');

    const viaB = await ack<{ id: string }>(cnOnB, 'connection.request', { toRegistrationId: vn.registration.id });
    expect(viaB.ok).toBe(true);
    const id = viaB.ok ? viaB.data.id : '';
    await eventually(vnSees, (c) => c.id === id, 1_000);
    await eventually(staffSees, (c) => c.id === id, 1_000);

    const viaRest = await api.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(cn2.account.auth)
      .send({ fromRegistrationId: cn2.registration.id, toRegistrationId: vn.registration.id });
    expect(viaRest.status).toBe(201);
    await eventually(vnSees, (c) => c.id === viaRest.body.id, 1_000);
    await new Promise((r) => setTimeout(r, 300));
    // Each node relays the log to its own sockets only: nothing arrives twice.
    expect(vnSees.filter((c) => c.id === id)).toHaveLength(1);
    expect(staffSees.filter((c) => c.id === viaRest.body.id)).toHaveLength(1);
  });
});
