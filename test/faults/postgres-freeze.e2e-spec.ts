import { Client } from 'pg';
import { createTestApp, TestApp } from '../factories/app';
import { GatewayNode, startGateway } from '../factories/live';
import { ResumingClient } from '../factories/resuming-client';
import { PostgresServer, startPostgres, waitUntil } from '../factories/servers';
import { enterpriseBody, World } from '../factories/world';

/**
 * PostgreSQL frozen (SIGSTOP on the postmaster and every backend), not
 * restarted: nothing is closed, TCP stays up, and no query is ever answered —
 * a stalled disk or a paused VM. Without limits a request would wait forever;
 * with DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_CONNECT_TIMEOUT_MS the API
 * and the gateway answer DATABASE_UNAVAILABLE within seconds, commit nothing
 * they answered so, and serve again once the server is thawed: the pool keeps
 * no connection stuck behind an abandoned query, and the gateway's event-log
 * relay delivers again.
 */
const LIMITS = { DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '2000' };
/** Far above the limits: only a request that hangs gets here. */
const HANG_MS = 30_000;

describe('fault: PostgreSQL frozen under the API and a gateway', () => {
  let pg: PostgresServer;
  let t: TestApp;
  let gateway: GatewayNode;
  let staff: ResumingClient | undefined;

  beforeAll(async () => {
    pg = await startPostgres();
    const admin = new Client({ connectionString: pg.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE tradebridge');
    await admin.end();
    t = await createTestApp({ DATABASE_URL: pg.url('tradebridge'), ...LIMITS });
    gateway = await startGateway({ DATABASE_URL: pg.url('tradebridge'), ...LIMITS });
  }, 90_000);

  afterAll(async () => {
    pg?.thaw();
    staff?.close();
    await gateway?.stop();
    await t?.close();
    await pg?.destroy();
  }, 60_000);

  it('answers 503 DATABASE_UNAVAILABLE instead of hanging, commits none of those writes, and serves again once thawed', async () => {
    const world = new World(t);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    await world.approved(organizer, setup, 'VN');
    staff = new ResumingClient(gateway.url, organizer.token, setup.eventId, 0, 'staff');
    await staff.ready();

    const read = () => t.http.get(`/api/events/${setup.eventId}`).set(organizer.auth).timeout(HANG_MS);
    const write = (name: string) =>
      t.http
        .post('/api/enterprises')
        .set(organizer.auth)
        .send(enterpriseBody('VN', { name: { vi: name, en: name } }))
        .timeout(HANG_MS);
    // Several connections open and idle in the pool: they are frozen with the server.
    await Promise.all(Array.from({ length: 8 }, () => read().expect(200)));

    let frozenWrites: string[] = [];
    const frozenAt = Date.now();
    pg.freeze();
    try {
      // More at once than the pool holds: some wait on a frozen connection, some for a new one.
      frozenWrites = Array.from({ length: 6 }, (_, i) => `Frozen ${i}`);
      const answers = await Promise.all([...Array.from({ length: 24 }, read), ...frozenWrites.map(write)]);
      const answeredMs = Date.now() - frozenAt;
      expect(answers.map((r) => ({ status: r.status, code: (r.body as { code?: string }).code, retryAfter: Boolean(r.headers['retry-after']) }))).toEqual(
        answers.map(() => ({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: true })),
      );
      const health = await t.http.get('/health').timeout(HANG_MS);
      expect({ status: health.status, database: (health.body as { checks: { database: string } }).checks.database }).toEqual({ status: 503, database: 'down' });
      const gatewayHealth = await fetch(`${gateway.url}/health`, { signal: AbortSignal.timeout(HANG_MS) });
      expect(gatewayHealth.status).toBe(503);
      // A socket asking what needs the database gets the same answer.
      const subscribed = await staff.ack('event.subscribe', { eventId: setup.eventId, afterSeq: staff.lastSeq }, HANG_MS);
      expect(subscribed).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
      console.log(`PostgreSQL frozen: ${answers.length} requests all answered 503 DATABASE_UNAVAILABLE within ${answeredMs} ms (limits 2 s)`);
    } finally {
      pg.thaw();
    }

    // The same processes serve again, on connections that are not stuck behind an abandoned query.
    const thawedAt = Date.now();
    await waitUntil(
      async () => (await read()).status === 200,
      15_000,
      () => 'the API did not serve again after the thaw',
    );
    const recoveredMs = Date.now() - thawedAt;
    const after = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 3 ? read() : write(`Thawed ${i}`))));
    expect(after.filter((r) => r.status >= 300).map((r) => ({ status: r.status, body: r.body as unknown }))).toEqual([]);
    // What was answered 503 was not written, not even later, when the server ran again.
    const written = await t.db.query<{ name: string }[]>(`SELECT name->>'en' AS name FROM enterprises WHERE name->>'en' = ANY($1)`, [frozenWrites]);
    expect(written).toEqual([]);

    // The gateway: healthy again, and its relay delivers what is written now.
    await waitUntil(
      async () => (await fetch(`${gateway.url}/health`)).status === 200,
      15_000,
      () => 'the gateway did not become healthy again',
    );
    await world.approved(organizer, setup, 'CN');
    const [{ head }] = await t.db.query<{ head: number }[]>('SELECT max(seq)::int AS head FROM event_log WHERE event_id = $1', [setup.eventId]);
    await waitUntil(
      () => staff!.received.some((r) => r.seq === head),
      15_000,
      () => `staff did not receive seq ${head} after the thaw`,
    );
    console.log(`  thawed: serving again after ${recoveredMs} ms; 30 requests after it all 2xx; the gateway relay delivered seq ${head}`);
  }, 120_000);
});
