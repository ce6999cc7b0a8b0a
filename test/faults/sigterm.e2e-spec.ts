import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../factories/app';
import { AppProcess, sleep, startAppProcess } from '../factories/servers';
import { membersAndPairs, percentile } from '../factories/traffic';
import { enterpriseBody, World } from '../factories/world';

/**
 * SIGTERM under load: the built API (`node bin/run.js api`) serves a steady
 * stream of slow-ish requests (the PDF and XLSX reports, logins with their
 * argon2 hash, new enterprises), each on its own TCP connection. At SIGTERM it
 * stops listening, finishes what it accepted and exits 0.
 *
 * Which requests did the server accept? Each one is sent with
 * `Expect: 100-continue`: Node's HTTP server answers `100 Continue` as soon as
 * it has read the request's head, before any application code runs, so the
 * client knows the moment its request was taken (a POST sends its body only
 * then). Every accepted request must get a whole 2xx; a connection still
 * waiting in the kernel's accept queue when the server closes is reset before
 * any byte (the client may retry it elsewhere); once closed, connections are
 * refused.
 */
const INTERVAL_MS = 20;

interface Sent {
  kind: string;
  sentAt: number;
  /** When `100 Continue` arrived: the server had read the request. */
  acceptedAt?: number;
  endAt: number;
  status: number;
  complete: boolean;
  error?: string;
  body?: string;
}

/** Requests accepted by the server and not answered yet. */
let underway = 0;

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Omit<Sent, 'kind'>> {
  const sentAt = Date.now();
  const payload = Buffer.from(body === undefined ? '' : JSON.stringify(body));
  return new Promise<Omit<Sent, 'kind'>>((resolve) => {
    let acceptedAt: number | undefined;
    // agent: false: one connection per request, closed after it (no keep-alive reuse races).
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method,
      path,
      agent: false,
      headers: { ...headers, expect: '100-continue', ...(payload.length ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
    });
    req.on('continue', () => {
      acceptedAt = Date.now();
      underway += 1;
      req.end(payload.length ? payload : undefined);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ sentAt, acceptedAt, endAt: Date.now(), status: res.statusCode ?? 0, complete: false, error: e.code ?? e.message }));
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        const length = Number(res.headers['content-length']);
        const complete = res.complete && (Number.isNaN(length) || length === data.length);
        const text = (res.headers['content-type'] ?? '').includes('json') ? data.toString() : undefined;
        resolve({ sentAt, acceptedAt, endAt: Date.now(), status: res.statusCode ?? 0, complete, body: text });
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ sentAt, acceptedAt, endAt: Date.now(), status: 0, complete: false, error: e.code ?? e.message }));
    req.flushHeaders();
  }).then((r) => {
    if (r.acceptedAt !== undefined) underway -= 1;
    return r;
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

describe('fault: SIGTERM under load', () => {
  let t: TestApp;
  let api: AppProcess | undefined;
  let streaming = false;
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebridge-faults-sigterm-'));

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    streaming = false;
    await api?.stop(2_000);
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes every request it accepted, refuses new connections once closed, and exits 0', async () => {
    const world = new World(t);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    await membersAndPairs(world, organizer, setup, 2); // something to report on
    api = await startAppProcess('api', { DATABASE_URL: t.config.databaseUrl!, JWT_SECRET: t.config.jwtSecret!, DATA_DIR: dataDir });
    const port = api.port;

    // The steady stream: every INTERVAL_MS a new request, round robin over slow-ish kinds.
    const sent: Promise<Sent>[] = [];
    streaming = true;
    const stream = (async () => {
      for (let i = 0; streaming; i++) {
        const kind = ['report.pdf', 'login', 'enterprise.create', 'report.xlsx', 'login', 'enterprise.create'][i % 6];
        const auth = { authorization: `Bearer ${organizer.token}` };
        let p: Promise<Omit<Sent, 'kind'>>;
        if (kind === 'report.pdf') p = send(port, 'GET', `/api/events/${setup.eventId}/report?format=pdf&locale=vi`, auth);
        else if (kind === 'report.xlsx') p = send(port, 'GET', `/api/events/${setup.eventId}/report?format=xlsx&locale=zh`, auth);
        else if (kind === 'login') p = send(port, 'POST', '/api/auth/login', {}, { email: organizer.email, password: 'correct horse battery staple' });
        // A write that must be in the database once acknowledged.
        else p = send(port, 'POST', '/api/enterprises', auth, enterpriseBody(i % 8 === 2 ? 'VN' : 'CN', { name: { en: `Shutdown ${i}` } }));
        sent.push(p.then((r) => ({ kind, ...r })));
        await sleep(INTERVAL_MS);
      }
    })();

    // Load for a while, then signal at a moment when several accepted requests are under way.
    await sleep(1_500);
    const busy = Date.now() + 20_000;
    while (underway < 3 && Date.now() < busy) await sleep(1);
    const underwayAtSignal = underway;
    const signalAt = Date.now();
    api.kill('SIGTERM');
    // From the signal on: when does a new connection get refused?
    let closedAt = 0;
    const watch = (async () => {
      while (!closedAt && Date.now() - signalAt < 15_000) {
        if (await refused(port)) closedAt = Date.now();
        else await sleep(5);
      }
    })();
    const exit = await api.exited;
    const exitedAt = Date.now();
    await watch;
    await sleep(300); // a few more requests against the closed port
    streaming = false;
    await stream;
    const results = await Promise.all(sent);

    expect({ exit, log: exit.code === 0 ? '' : api.output() }).toEqual({ exit: { code: 0, signal: null }, log: '' });
    expect(closedAt).toBeGreaterThan(0);

    const accepted = results.filter((r) => r.acceptedAt !== undefined);
    // Date.now() has millisecond steps: a request counted as under way when the signal was sent
    // may carry the signal's own millisecond as its acceptance or end time, so both bounds include it.
    const acceptedBeforeSignal = accepted.filter((r) => r.acceptedAt! <= signalAt);
    const inFlight = acceptedBeforeSignal.filter((r) => r.endAt >= signalAt);
    const notAccepted = results.filter((r) => r.acceptedAt === undefined);
    const afterClose = results.filter((r) => r.sentAt > closedAt);
    // Everything the server accepted, before or after the signal: a whole 2xx.
    // Usually 3 (what the wait above asks for); on a fast, quiet machine requests finish so quickly
    // that fewer overlap. At least one accepted request must be under way, or the test proves nothing.
    expect(underwayAtSignal).toBeGreaterThanOrEqual(1);
    expect(inFlight.length).toBeGreaterThanOrEqual(underwayAtSignal);
    expect(accepted.filter((r) => r.status < 200 || r.status >= 300 || !r.complete)).toEqual([]);
    // What it never accepted got no byte of a response: turned away (reset from the accept queue, or refused), never cut off.
    expect(notAccepted.filter((r) => r.status !== 0 || !['ECONNRESET', 'ECONNREFUSED'].includes(r.error ?? ''))).toEqual([]);
    // Once it stopped listening, new connections are refused, not left hanging.
    expect(afterClose.length).toBeGreaterThan(5);
    expect(afterClose.filter((r) => r.error !== 'ECONNREFUSED')).toEqual([]);
    expect(await refused(port)).toBe(true);

    // Every acknowledged write is in the database.
    const made = results.filter((r) => r.kind === 'enterprise.create' && r.status === 201).map((r) => (JSON.parse(r.body!) as { id: string }).id);
    const found = await t.db.query<{ id: string }[]>('SELECT id FROM enterprises WHERE id = ANY($1::uuid[])', [made]);
    expect(made.length).toBeGreaterThan(0);
    expect(found.length).toBe(made.length);

    const ms = (kind: string) =>
      percentile(
        accepted.filter((r) => r.kind === kind).map((r) => r.endAt - r.sentAt),
        50,
      );
    const reset = notAccepted.filter((r) => r.sentAt <= closedAt);
    console.log(
      [
        `SIGTERM under load: ${results.length} requests, one every ${INTERVAL_MS} ms (p50 report.pdf ${ms('report.pdf')} ms, report.xlsx ${ms('report.xlsx')} ms, login ${ms('login')} ms, enterprise ${ms('enterprise.create')} ms)`,
        `  accepted by the server: ${accepted.length}, all answered in full with 2xx; ${inFlight.length} were in flight at the signal, the last answered ${Math.max(...inFlight.map((r) => r.endAt)) - signalAt} ms after it`,
        `  ${accepted.length - acceptedBeforeSignal.length} accepted after the signal, before the port closed, also answered`,
        `  new connections refused ${closedAt - signalAt} ms after the signal; process exited 0 after ${exitedAt - signalAt} ms`,
        `  never accepted: ${reset.length} still queued at close (reset before any byte, ${reset.filter((r) => r.sentAt < signalAt).length} of them sent before the signal), ${afterClose.length} sent after the close (all ECONNREFUSED)`,
        `  ${made.length} enterprises created (201), all in the database`,
      ].join('\n'),
    );
  }, 90_000);
});

/**
 * SHUTDOWN_DRAIN_SECONDS: at SIGTERM a process first tells its load balancer to
 * stop sending (/health 503 `draining`) while it goes on serving whatever still
 * arrives, then closes as above and exits 0.
 */
describe('SIGTERM with a drain period', () => {
  let t: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebridge-faults-drain-'));
  const started: AppProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop(2_000)));
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['api', 'gateway'] as const)(
    '%s: answers /health 503 draining while other routes still answer 2xx, then closes and exits 0',
    async (kind) => {
      const world = new World(t);
      const organizer = await world.organizer();
      const setup = await world.openEvent(organizer);
      const node = await startAppProcess(kind, { DATABASE_URL: t.config.databaseUrl!, JWT_SECRET: t.config.jwtSecret!, DATA_DIR: dataDir, SHUTDOWN_DRAIN_SECONDS: '2' });
      started.push(node);
      // A route that needs the database (API), the Socket.IO handshake (gateway).
      const other = () =>
        kind === 'api'
          ? fetch(`${node.url}/api/events/${setup.eventId}`, { headers: { authorization: `Bearer ${organizer.token}` }, signal: AbortSignal.timeout(10_000) })
          : fetch(`${node.url}/socket.io/?EIO=4&transport=polling`, { signal: AbortSignal.timeout(10_000) });
      expect((await other()).status).toBe(200);

      const signalAt = Date.now();
      node.kill('SIGTERM');
      const seen: { health: number; status: string; other: number; at: number }[] = [];
      for (;;) {
        try {
          const health = await fetch(`${node.url}/health`, { signal: AbortSignal.timeout(10_000) });
          const { status } = (await health.json()) as { status: string };
          seen.push({ health: health.status, status, other: (await other()).status, at: Date.now() });
        } catch {
          break; // closed
        }
        await sleep(50);
      }
      const exit = await node.exited;
      expect({ exit, log: exit.code === 0 ? '' : node.output() }).toEqual({ exit: { code: 0, signal: null }, log: '' });
      expect(await refused(node.port)).toBe(true);

      // Perhaps an answer or two from before the signal arrived, then only draining: 503, and the other route 2xx.
      const draining = seen.slice(seen.findIndex((s) => s.status === 'draining'));
      expect(draining.length).toBeGreaterThan(1);
      expect(seen.slice(0, seen.length - draining.length).filter((s) => s.status !== 'ok')).toEqual([]);
      expect(draining.filter((s) => s.health !== 503 || s.status !== 'draining' || s.other !== 200)).toEqual([]);
      console.log(`${kind}: drained for ${draining.at(-1)!.at - signalAt} ms after SIGTERM (${draining.length} probes: /health 503, other route 200), then closed and exited 0`);
    },
    60_000,
  );
});
