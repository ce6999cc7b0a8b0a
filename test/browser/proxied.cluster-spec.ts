import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppProcess, PostgresServer, ReverseProxy, startAppProcess, startPostgres, startReverseProxy, waitUntil } from '../factories/servers';
import { World } from '../factories/world';
import { launchBrowser, TrackedPage } from './harness';

jest.setTimeout(180_000);

const PASSWORD = 'correct horse battery staple';

/**
 * The production shape of docker-compose.yml, as processes: nginx with
 * deploy/nginx/tradebridge.conf on one public port, in front of two built API
 * processes and two gateways, on one PostgreSQL of its own and Redis
 * (REDIS_URL). The web app is driven through the proxy only: the enterprise's
 * live room in one browser, the organizer's dashboard in another, each socket
 * on a different gateway (the proxy sends a new WebSocket to the gateway with
 * the fewest open ones; the gateways' debug log says whose socket each holds).
 * So the dashboard counting the enterprise as present, and the request and its
 * acceptance reaching both pages, go through the Redis adapter and the event log
 * between nodes, as they do in production.
 */
describe('browser: the production shape behind nginx', () => {
  let pg: PostgresServer;
  let dataDir: string;
  const apis: AppProcess[] = [];
  const gateways: AppProcess[] = [];
  let proxy: ReverseProxy | undefined;
  let db: DataSource | undefined;
  let browser: Browser | undefined;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    [pg, browser] = await Promise.all([startPostgres(), launchBrowser()]);
    dataDir = mkdtempSync(join(tmpdir(), 'tradebridge-proxied-'));
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: pg.url(),
      REDIS_URL: process.env.REDIS_URL!,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
    };
    // Both APIs start together, as compose's replicas do: they migrate once, under the advisory lock.
    apis.push(...(await Promise.all([startAppProcess('api', env), startAppProcess('api', env)])));
    // The gateways log (at debug) which user each socket they accept belongs to.
    gateways.push(...(await Promise.all([startAppProcess('gateway', { ...env, LOG_LEVEL: 'debug' }), startAppProcess('gateway', { ...env, LOG_LEVEL: 'debug' })])));
    proxy = await startReverseProxy({ api: apis.map((a) => a.port), gateways: gateways.map((g) => g.port) });
    db = await new DataSource({ type: 'postgres', url: pg.url() }).initialize();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.page.screenshot({ path: `${__dirname}/artifacts/last-proxied-${p.name}.png` }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await db?.destroy().catch(() => undefined);
    await proxy?.stop();
    await Promise.all([...apis, ...gateways].map((p) => p.stop()));
    await pg?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('serves the web app, the API and live updates on one origin, across two APIs and two gateways', async () => {
    const world = new World({ http: request(proxy!.url), db: db! });
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const grower = await world.approved(organizer, setup, 'VN');
    const buyer = await world.approved(organizer, setup, 'CN');
    for (const r of [grower.registration, buyer.registration]) {
      await world.t.http.patch(`/api/events/${setup.eventId}/registrations/${r.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    }
    await world.t.http.patch(`/api/events/${setup.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);

    // The REST calls above went through the proxy to both API processes.
    const apiUpstreams = new Set([...proxy!.accessLog().matchAll(/ \/api\/\S* status=\d+ upstream=(\S+)/g)].map((m) => m[1]));
    expect([...apiUpstreams].sort()).toEqual(apis.map((a) => `127.0.0.1:${a.port}`).sort());

    const [growerPage, dashboard] = [await TrackedPage.open(browser!, proxy!.url, 'grower'), await TrackedPage.open(browser!, proxy!.url, 'dashboard')];
    pages.push(growerPage, dashboard);
    await Promise.all([growerPage.login(grower.account.email, PASSWORD), dashboard.login(organizer.email, PASSWORD)]);

    // The grower's socket first, then the organizer's: the proxy puts them on different gateways.
    await growerPage.page.goto(`/events/${setup.eventId}/live`);
    await growerPage.page.getByRole('status').getByText('Live', { exact: true }).waitFor();
    await dashboard.page.goto(`/org/events/${setup.eventId}/dashboard`);
    await dashboard.page.getByText('Live', { exact: true }).waitFor();
    const holder = (userId: string) => gateways.filter((g) => g.output().includes(`connected for user ${userId}`));
    expect(holder(grower.account.id)).toHaveLength(1);
    expect(holder(organizer.id)).toHaveLength(1);
    expect(holder(grower.account.id)[0]).not.toBe(holder(organizer.id)[0]);

    // Presence crosses nodes through Redis: the dashboard's gateway counts the grower on the other one.
    const room = dashboard.page.getByRole('article', { name: 'Agriculture & food' });
    await room.getByText('1 present').waitFor();
    await dashboard.page.locator('.dash-figure-main .dash-figure-value[data-value="0"]').waitFor();

    // The buyer's request (REST through the proxy) reaches the grower's live room ...
    const requested = await world.t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: grower.registration.id, message: '想采购榴莲' });
    expect(requested.status).toBe(201);
    const accept = growerPage.page.getByRole('button', { name: 'Accept the request from Zhejiang Silk Road Textiles Co., Ltd.' });
    await accept.waitFor();

    // ... the grower accepts it in its browser, and the organizer's dashboard on the other gateway counts it.
    await accept.click();
    await dashboard.page.locator('.dash-figure-main .dash-figure-value[data-value="1"]').waitFor();
    await dashboard.page.getByRole('region', { name: 'Latest connections' }).getByText('Bat Xat Agricultural Products Co., Ltd.').waitFor();
    await room.getByText('1 made here').waitFor();

    // Every socket went through the proxy as a WebSocket: no long-polling request reached a gateway.
    expect(proxy!.accessLog()).not.toMatch(/transport=polling/);
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });

  it('keeps a long-polling client on one gateway until it upgrades', async () => {
    const world = new World({ http: request(proxy!.url), db: db! });
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    // Socket.IO's default transports: HTTP long-polling first (several requests of one session), then the upgrade.
    const socket = io(`${proxy!.url}/live`, { auth: { token: organizer.token }, reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const subscribed = await socket.timeout(8_000).emitWithAck('event.subscribe', { eventId: setup.eventId });
      expect(subscribed).toMatchObject({ ok: true, data: { eventId: setup.eventId, staff: true } });
      await waitUntil(
        () => socket.io.engine.transport.name === 'websocket',
        10_000,
        () => `still on ${socket.io.engine.transport.name}`,
      );
      expect((await socket.timeout(8_000).emitWithAck('event.subscribe', { eventId: setup.eventId })).ok).toBe(true);
      expect(proxy!.accessLog()).toMatch(/transport=polling/);
    } finally {
      socket.close();
    }
  });
});
