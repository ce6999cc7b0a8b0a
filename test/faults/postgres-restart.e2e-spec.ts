import { Client } from 'pg';
import { createTestApp, TestApp } from '../factories/app';
import { GatewayNode, startGateway } from '../factories/live';
import { deliveryProblems, ResumingClient } from '../factories/resuming-client';
import { PostgresServer, sleep, startPostgres, waitUntil } from '../factories/servers';
import { Attempt, membersAndPairs, percentile, Traffic } from '../factories/traffic';
import { World } from '../factories/world';

/**
 * PostgreSQL restarted under load: a server of this test's own (not the shared
 * one), stopped twice while the API and a gateway are busy — once with a fast
 * shutdown (a restart), once with an immediate one (a crash: WAL recovery at the
 * next start). While it is down the API answers 503 DATABASE_UNAVAILABLE with
 * Retry-After, fast; once it is back the same processes serve again; every
 * write that was acknowledged is in the database; the gateway's relay resumes
 * and its staff client holds the whole log without a gap.
 */
const OUTAGE_MS = 3_000;
const FAST_MS = 2_000;

interface Probe {
  at: number;
  ms: number;
  status: number;
  database?: string;
}

describe('fault: PostgreSQL restarted under load', () => {
  let pg: PostgresServer;
  let t: TestApp;
  let gateway: GatewayNode;
  let staff: ResumingClient | undefined;
  /** Stopped in afterAll too, so a failing test leaves no writer running. */
  let running: Traffic | undefined;
  let probing = false;

  beforeAll(async () => {
    pg = await startPostgres();
    const admin = new Client({ connectionString: pg.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE tradebridge');
    await admin.end();
    t = await createTestApp({ DATABASE_URL: pg.url('tradebridge') });
    gateway = await startGateway({ DATABASE_URL: pg.url('tradebridge') });
  }, 90_000);

  afterAll(async () => {
    probing = false;
    await running?.stop();
    staff?.close();
    await gateway?.stop();
    await t?.close();
    await pg?.destroy();
  }, 60_000);

  it('answers 503 DATABASE_UNAVAILABLE fast while it is down, recovers without a restart and loses no acknowledged write', async () => {
    const world = new World(t);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer);
    const { pairs } = await membersAndPairs(world, organizer, setup, 4);
    const registrar = await world.account('registrar');
    staff = new ResumingClient(gateway.url, organizer.token, setup.eventId, 0, 'staff');
    await staff.ready();

    // /health of the API and of the gateway, ten times a second.
    const probes: { api: Probe[]; gateway: Probe[] } = { api: [], gateway: [] };
    probing = true;
    type Answer = { status: number; body: { checks?: { database?: string } } };
    const probe = async (list: Probe[], get: () => Promise<Answer>) => {
      while (probing) {
        const at = Date.now();
        const res = await get().catch((): Answer => ({ status: 0, body: {} }));
        list.push({ at, ms: Date.now() - at, status: res.status, database: res.body.checks?.database });
        await sleep(100);
      }
    };
    const probing$ = Promise.all([
      probe(probes.api, () => t.http.get('/health')),
      probe(probes.gateway, async () => {
        const res = await fetch(`${gateway.url}/health`);
        return { status: res.status, body: (await res.json()) as { checks?: { database?: string } } };
      }),
    ]);

    const traffic = new Traffic(t, setup.eventId, pairs, {
      workers: 3,
      acceptEvery: 3,
      registrar: { account: registrar, venueId: setup.venues.online },
    });
    running = traffic;
    traffic.start();
    await sleep(1_500);

    const outages: { mode: string; stopAt: number; downAt: number; restartAt: number; upAt: number; recoveredAt: number }[] = [];
    for (const [mode, signal] of [
      ['fast shutdown (restart)', 'SIGINT'],
      ['immediate shutdown (crash)', 'SIGQUIT'],
    ] as const) {
      const stopAt = Date.now();
      await pg.stop(signal);
      const downAt = Date.now();
      await sleep(OUTAGE_MS);
      const restartAt = Date.now();
      await pg.start();
      const upAt = Date.now();
      await waitUntil(
        () => traffic.ledger.some((e) => e.at > upAt),
        15_000,
        () => `no write acknowledged since PostgreSQL came back (${mode})`,
      );
      const recoveredAt = Math.min(...traffic.ledger.filter((e) => e.at > upAt).map((e) => e.at));
      outages.push({ mode, stopAt, downAt, restartAt, upAt, recoveredAt });
      await sleep(1_500);
    }
    await traffic.stop();
    probing = false;
    await probing$;

    const lines: string[] = [];
    const serverErrors = traffic.attempts.filter((x) => (x.status >= 500 && x.status !== 503) || x.status === 0);
    expect(serverErrors).toEqual([]);
    for (const [i, o] of outages.entries()) {
      // Everything asked while the server was gone: 503 DATABASE_UNAVAILABLE with Retry-After, within FAST_MS.
      const during = traffic.attempts.filter((x) => x.startedAt >= o.downAt && x.startedAt + x.ms <= o.restartAt);
      expect(during.length).toBeGreaterThan(10);
      const wrong = during.filter((x) => x.status !== 503 || x.code !== 'DATABASE_UNAVAILABLE' || !x.retryAfter);
      expect(wrong).toEqual([]);
      const slowest = Math.max(...traffic.attempts.filter((x) => x.startedAt >= o.downAt && x.startedAt < o.restartAt).map((x) => x.ms));
      expect(slowest).toBeLessThan(FAST_MS);
      // Requests caught by the shutdown itself: done, or 503 — never a 500 (checked above) nor a hang.
      // A retry may also learn that the attempt before it committed just before the crash took its
      // response away: the 409 that says "already done" is the right answer then.
      const alreadyDone = new Set(['CONNECTION_NOT_PENDING', 'ALREADY_REGISTERED', 'CONNECTION_EXISTS']);
      const caught = traffic.attempts.filter((x) => x.startedAt < o.downAt && x.startedAt + x.ms > o.stopAt);
      expect(caught.filter((x) => !(x.status < 300 || x.status === 503 || (x.status === 409 && alreadyDone.has(x.code ?? ''))))).toEqual([]);
      const first503 = Math.min(...traffic.attempts.filter((x) => x.status === 503 && x.startedAt + x.ms >= o.stopAt).map((x) => x.startedAt + x.ms));
      // Health says so, fast, on both processes.
      for (const [name, list] of Object.entries(probes)) {
        const down = list.filter((p) => p.at >= o.downAt && p.at + p.ms <= o.restartAt);
        expect({ name, probes: down.length > 5, notDown: down.filter((p) => p.status !== 503 || p.database !== 'down') }).toEqual({ name, probes: true, notDown: [] });
        expect({ name, slowest: Math.max(...down.map((p) => p.ms)) < FAST_MS, healthyAgain: list.some((p) => p.at > o.upAt && p.status === 200) }).toEqual({
          name,
          slowest: true,
          healthyAgain: true,
        });
      }
      // Back without a restart of the app: once a write went through, the pool holds no broken client.
      const next = outages[i + 1]?.stopAt ?? Infinity;
      const after = traffic.attempts.filter((x) => x.startedAt > o.recoveredAt + 200 && x.startedAt + x.ms < next);
      expect(after.length).toBeGreaterThan(10);
      expect(after.filter((x) => x.status >= 500)).toEqual([]);
      const ms = during.map((x) => x.ms);
      lines.push(
        `  ${o.mode}: server gone ${o.downAt - o.stopAt} ms after the signal; first 503 ${first503 - o.stopAt} ms after the signal; ` +
          `${during.length} requests while down, all 503 DATABASE_UNAVAILABLE + Retry-After in p50 ${percentile(ms, 50)} ms / max ${Math.max(...ms)} ms; ` +
          `/health 503 in max ${Math.max(...probes.api.filter((p) => p.at >= o.downAt && p.at < o.restartAt).map((p) => p.ms))} ms; ` +
          `restart took ${o.upAt - o.restartAt} ms; first acknowledged write ${o.recoveredAt - o.upAt} ms after the server was up; ` +
          `${caught.length} requests caught by the shutdown (${caught.filter((x) => x.status < 300).length} done, ${caught.filter((x) => x.status === 503).length} 503)`,
      );
    }

    // Every acknowledged write is there.
    expect(await traffic.missingFrom(t.db)).toEqual([]);

    // The gateway's relay came back too: its staff client has the whole log, once, in order.
    const last = Number((await t.db.query<{ last_seq: string }[]>('SELECT last_seq FROM event_log_heads WHERE event_id = $1', [setup.eventId]))[0].last_seq);
    const all = Array.from({ length: last }, (_, i) => i + 1);
    await waitUntil(
      () => staff!.received.length >= last,
      10_000,
      () => `staff client has ${staff!.received.length} of ${last} entries`,
    );
    await sleep(300);
    expect(deliveryProblems(staff.received, all)).toEqual({ missing: [], duplicates: [], unexpected: [], outOfOrder: 0 });
    const relayLag = outages.map((o) => Math.min(...staff!.received.filter((r) => r.at > o.upAt).map((r) => r.at)) - o.recoveredAt);

    const byKind = (kind: string) => traffic.ledger.filter((e) => e.kind === kind).length;
    const answered503 = traffic.attempts.filter((x: Attempt) => x.status === 503).length;
    console.log(
      [
        `PostgreSQL restart under load: ${traffic.attempts.length} requests, ${answered503} answered 503, 0 other 5xx, 0 hung`,
        ...lines,
        `  acknowledged writes, all found in the database: ${traffic.ledger.length} (${byKind('connection.requested')} connection requests, ` +
          `${byKind('connection.withdrawn')} withdrawals, ${byKind('connection.accepted')} acceptances, ${byKind('enterprise')} enterprises, ${byKind('registration')} registrations)`,
        `  gateway relay: staff client holds all ${last} entries, no gap, no duplicate; first entry after each recovery arrived ${relayLag.join(' / ')} ms after its write was acknowledged; socket stayed connected: ${staff.disconnects.length === 0}`,
      ].join('\n'),
    );
  }, 120_000);
});
