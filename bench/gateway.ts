/**
 * Gateway benchmark (issue 4, item 11): 2,000 clients in 100 live rooms.
 *
 * On a real PostgreSQL (embedded in a temporary folder unless
 * BENCH_DATABASE_URL is set), one live event with 100 rooms and 2,000
 * approved registrations (1,000 VN + 1,000 CN, 10 + 10 per room), each with
 * its own user, member of its own enterprise. Everything listens on 127.0.0.1.
 *
 * Processes: this one seeds, drives connection requests through the API's
 * ConnectionsService (as REST would) and measures; the server under test runs
 * in a child (bench/gateway/server.ts); the clients in another
 * (bench/gateway/clients.ts), so the server has its event loop to itself.
 *
 * 1. One gateway node (`createGatewayApp`, single node, no Redis): 2,000
 *    socket.io-client sockets (websocket), each `event.subscribe` then
 *    `room.join`. Workload, steady for BENCH_GATEWAY_SECONDS (25): presence
 *    churn (clients leave their room and join again 1 s later, 100 changes a
 *    second, each a `presence` to the ~20 sockets of the room) and 20
 *    connection requests a second between the two sides of a room (each a
 *    `log` + `connection` to both parties). Measured: messages delivered per
 *    second; presence latency from the join/leave acknowledgement to each
 *    receiver's `presence` reflecting the change; connection latency from the
 *    request's completion (commit) to each party's `connection`.
 * 2. A bare Socket.IO server (same package and engine, no Nest, no auth, no
 *    database), same clients, rooms and workload shape; the same figures, and
 *    the ratios gateway / bare (goals: throughput ≥ 0.8, p99 ≤ 1.5).
 *    The two take turns, gateway, bare, bare, gateway (BENCH_GATEWAY_ROUNDS
 *    rounds, 1 by default; BENCH_QUICK=1: gateway, bare, 10 s each), as the
 *    REST benchmark does, so a change in the machine's load lands on both
 *    sides; each side's figures are the mean of its turns.
 * 3. Capacity: a fresh gateway node in a child with --max-old-space-size=2048;
 *    authenticated sockets (subscribed and joined) added 1,000 at a time from
 *    several client processes until 2 GiB RSS, a failure, the file-descriptor
 *    limit or a 90 s budget; the count reached (measured) and RSS per socket,
 *    extrapolated to 2 GiB.
 *
 * Build and run from the repository root: npm run bench:build && node bench/run.js gateway
 * Prints the figures and writes bench/results/gateway.json.
 */
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, loadConfig, migrateDatabase, TokenService } from '@tradebridge/core';
import { ConnectionsService } from '@tradebridge/connections';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../apps/api/src/app';
import { alternatingTurns, benchDatabase, meanOfTurns, writeResults } from './support';
import { ClientSpec, FromClients, FromServer, Mode, now, RunResult, sleep, summarize, Summary, ToClients, ToServer } from './gateway/protocol';

const ROOMS = 100;
const PER_SIDE_PER_ROOM = 10;
const CLIENTS = ROOMS * PER_SIDE_PER_ROOM * 2;
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const QUICK = Boolean(process.env.BENCH_QUICK);
const SECONDS = num('BENCH_GATEWAY_SECONDS', QUICK ? 10 : 25);
/** Rounds of turns: 1 → gateway, bare, bare, gateway. Quick: gateway, bare. */
const ROUNDS = num('BENCH_GATEWAY_ROUNDS', 1);
const WARMUP_SECONDS = 3;
const CHANGES_PER_SEC = num('BENCH_GATEWAY_PRESENCE_RATE', 100);
const CONNECTIONS_PER_SEC = num('BENCH_GATEWAY_CONNECTION_RATE', 20);
const HOLD_MS = 1_000;
const DRAIN_MS = 2_000;
const CONNECT_CONCURRENCY = 100;
const CAPACITY_STEP = 1_000;
const CAPACITY_CAP = 20_000;
const CAPACITY_BUDGET_MS = num('BENCH_GATEWAY_CAPACITY_SECONDS', 90) * 1000;
const CAPACITY_HOLDERS = 4;
const RSS_LIMIT = 2 * 1024 ** 3;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!!';
const GOALS = { throughputAtLeast: 0.8, p99AtMost: 1.5 };
/** Extra node flags for the server under test in the workload phases, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes. */
const SERVER_NODE_ARGS = (process.env.BENCH_GATEWAY_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const MB = 1024 * 1024;

interface Person {
  userId: string;
  email: string;
  registrationId: string;
  roomId: string;
  side: 'VN' | 'CN';
  venueId: string;
  enterpriseName: Record<string, string>;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One live event, 100 rooms, 1,000 + 1,000 approved registrations placed 10 + 10 per room, a user per enterprise. */
async function seed(db: DataSource): Promise<{ eventId: string; people: Person[] }> {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const organizerId = randomUUID();
  await db.query(`INSERT INTO users (id, email, password_hash, display_name, roles) VALUES ($1, $2, 'x', 'Bench organizer', ARRAY['organizer'])`, [
    organizerId,
    `bench.gw.${tag}@tradebridge.local`,
  ]);
  const [{ id: eventId }] = await db.query<{ id: string }[]>(
    `INSERT INTO events (name, timezone, starts_at, ends_at, status, created_by) VALUES ($1, 'Asia/Ho_Chi_Minh', now() - interval '1 hour', now() + interval '8 hours', 'live', $2) RETURNING id`,
    [{ en: 'Gateway benchmark conference' }, organizerId],
  );
  await db.query(`INSERT INTO event_staff (event_id, user_id, role) VALUES ($1, $2, 'organizer')`, [eventId, organizerId]);
  const venues: Record<'VN' | 'CN', string> = { VN: randomUUID(), CN: randomUUID() };
  await db.query(
    `INSERT INTO venues (id, event_id, name, city, country, timezone, kind, capacity, tables) VALUES
       ($1, $3, 'Lào Cai', 'Lào Cai', 'VN', 'Asia/Ho_Chi_Minh', 'main', 5000, 60),
       ($2, $3, 'Hangzhou', 'Hangzhou', 'CN', 'Asia/Shanghai', 'satellite', 5000, 40)`,
    [venues.VN, venues.CN, eventId],
  );
  const rooms = Array.from({ length: ROOMS }, () => randomUUID());
  await db.query(
    `INSERT INTO rooms (id, event_id, name, sector_codes, capacity, status)
     SELECT id, $2, jsonb_build_object('en', 'Room ' || n), ARRAY['XI'], 100, 'live' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [rooms, eventId],
  );
  const people: Person[] = [];
  for (const side of ['VN', 'CN'] as const) {
    for (let r = 0; r < ROOMS; r++) {
      for (let k = 0; k < PER_SIDE_PER_ROOM; k++) {
        const i = people.length;
        people.push({
          userId: randomUUID(),
          email: `bench.gw.${tag}.${i}@tradebridge.local`,
          registrationId: randomUUID(),
          roomId: rooms[r],
          side,
          venueId: venues[side],
          enterpriseName: side === 'VN' ? { vi: `Doanh nghiệp ${i}`, en: `Enterprise ${i}` } : { zh: `企业 ${i}`, en: `Enterprise ${i}` },
        });
      }
    }
  }
  const enterpriseIds = people.map(() => randomUUID());
  await db.query(`INSERT INTO users (id, email, password_hash, display_name, roles) SELECT id, email, 'x', 'Bench member', '{}' FROM unnest($1::uuid[], $2::text[]) AS t(id, email)`, [
    people.map((p) => p.userId),
    people.map((p) => p.email),
  ]);
  await db.query(
    `INSERT INTO enterprises (id, name, country, region, languages, created_by)
     SELECT id, n::jsonb, c, CASE WHEN c = 'VN' THEN 'VN-02' ELSE 'CN-ZJ' END, CASE WHEN c = 'VN' THEN '{vi,en}'::text[] ELSE '{zh,en}'::text[] END, $4
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, n, c)`,
    [enterpriseIds, people.map((p) => JSON.stringify(p.enterpriseName)), people.map((p) => p.side), organizerId],
  );
  await db.query(`INSERT INTO enterprise_members (enterprise_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [enterpriseIds, people.map((p) => p.userId)]);
  await db.query(
    `INSERT INTO registrations (id, event_id, enterprise_id, venue_id, attendance, side, status, room_id, badge_code, created_by, decided_at, decided_by)
     SELECT id, $2, e, v, 'onsite', s, 'approved', rm, 'B' || md5(e::text), $7, now(), $7
       FROM unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[]) AS t(id, e, v, s, rm)`,
    [people.map((p) => p.registrationId), eventId, enterpriseIds, people.map((p) => p.venueId), people.map((p) => p.side), people.map((p) => p.roomId), organizerId],
  );
  await db.query('ANALYZE');
  return { eventId, people };
}

/** Waits for the next message `reply` from a child (after sending `message`, if any). */
function rpc<T extends { t: string }>(child: ChildProcess, message: ToClients | ToServer | null, reply: T['t'], timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no '${reply}' from child ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: { t: string; message?: string }) => {
      if (m.t === reply) {
        cleanup();
        resolvePromise(m as T);
      } else if (m.t === 'fatal') {
        cleanup();
        reject(new Error(`child ${child.pid}: ${m.message}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${code}) before '${reply}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

const children = new Set<ChildProcess>();

/** A child (bench/gateway/<script>.js) with an IPC channel; with `openFiles`, through a shell that raises its limit first. */
function spawnChild(script: 'server' | 'clients', env: Record<string, string>, execArgv: string[] = [], openFiles?: number): ChildProcess {
  const file = join(__dirname, 'gateway', `${script}.js`);
  const options = { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as ('ignore' | 'inherit' | 'ipc')[] };
  const child = openFiles ? spawn('sh', ['-c', `ulimit -n ${openFiles} && exec "$0" "$@"`, process.execPath, ...execArgv, file], options) : fork(file, [], { ...options, execArgv });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function startServer(mode: Mode, databaseUrl: string, execArgv: string[] = [], openFiles?: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnChild('server', { BENCH_GW_MODE: mode, BENCH_GW_DATABASE_URL: databaseUrl, BENCH_GW_JWT_SECRET: JWT_SECRET }, execArgv, openFiles);
  const { port } = await rpc<Extract<FromServer, { t: 'ready' }>>(child, null, 'ready', 120_000);
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stopChild(child: ChildProcess, stopMessage: ToClients | ToServer, reply: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  await rpc(child, stopMessage, reply, 15_000).catch(() => undefined);
  // It exits by itself once stopped or cut off; only a stuck child is killed.
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill(), 5_000);
  await exited;
  clearTimeout(timer);
}

function serverMemory(child: ChildProcess): Promise<Extract<FromServer, { t: 'mem' }>> {
  return rpc<Extract<FromServer, { t: 'mem' }>>(child, { t: 'mem' }, 'mem', 30_000);
}

/** Connection number k: a VN–CN pair of one room, never the same pair twice (10,000 pairs), direction alternating. */
function pairOf(people: Person[], k: number): { from: Person; to: Person } {
  const room = k % ROOMS;
  const m = Math.floor(k / ROOMS) % (PER_SIDE_PER_ROOM * PER_SIDE_PER_ROOM);
  const vn = people[room * PER_SIDE_PER_ROOM + (m % PER_SIDE_PER_ROOM)];
  const cn = people[ROOMS * PER_SIDE_PER_ROOM + room * PER_SIDE_PER_ROOM + Math.floor(m / PER_SIDE_PER_ROOM)];
  return m % 2 === 0 ? { from: vn, to: cn } : { from: cn, to: vn };
}

interface Driven {
  requested: number;
  errors: number;
  firstError?: string;
  /** connection id → time its change was complete (gateway: committed; bare: ordered) */
  done: Map<string, number>;
}

/** Fires `fire(k)` `perSec` times a second for `ms`, without waiting for one to finish before the next. */
async function drive(ms: number, perSec: number, first: number, fire: (k: number) => Promise<[string, number]>): Promise<Driven> {
  const result: Driven = { requested: 0, errors: 0, done: new Map() };
  const inFlight: Promise<void>[] = [];
  const t0 = now();
  let k = 0;
  while (now() - t0 < ms) {
    const target = Math.floor(((now() - t0) / 1000) * perSec);
    while (k < target) {
      result.requested++;
      inFlight.push(
        fire(first + k++).then(
          ([id, at]) => void result.done.set(id, at),
          (error: unknown) => {
            result.errors++;
            result.firstError ??= error instanceof Error ? error.message : String(error);
          },
        ),
      );
    }
    await sleep(5);
  }
  await Promise.all(inFlight);
  return result;
}

interface PhaseResult {
  connect: { ms: number; ok: number; failed: number; errors: string[] };
  /** The server process with the clients connected (after the run), and its CPU time during the measured run. */
  server: { rssMb: number; cpuPercentOfOneCore: number; cpuMicrosPerMessage: number };
  windowMs: number;
  messagesPerSec: { total: number; presence: number; connectionPath: number; connection: number; log: number };
  presence: RunResult['presence'];
  connections: Summary & { requested: number; errors: number; firstError?: string; receipts: number; expectedReceipts: number; beforeCompletion: number; unknown: number };
}

function connectionLatency(receipts: [string, number][], done: Map<string, number>) {
  const latencies: number[] = [];
  let beforeCompletion = 0;
  let unknown = 0;
  for (const [id, at] of receipts) {
    const completed = done.get(id);
    if (completed === undefined) {
      unknown++;
      continue;
    }
    if (at < completed) beforeCompletion++;
    latencies.push(Math.max(0, at - completed));
  }
  return { ...summarize(latencies), receipts: receipts.length, expectedReceipts: done.size * 2, beforeCompletion, unknown };
}

/** Connects the 2,000 clients to a server, warms up, runs the measured workload, disconnects. */
async function phase(
  clients: ChildProcess,
  server: ChildProcess,
  url: string,
  mode: Mode,
  specs: ClientSpec[],
  fire: (k: number) => Promise<[string, number]>,
  nextPair: { k: number },
): Promise<PhaseResult> {
  const connected = await rpc<Extract<FromClients, { t: 'connected' }>>(
    clients,
    { t: 'connect', url, mode, specs, concurrency: CONNECT_CONCURRENCY, timeoutMs: 20_000 },
    'connected',
    180_000,
  );
  console.log(
    `  ${connected.ok} clients connected${mode === 'gateway' ? ', subscribed' : ''} and joined in ${(connected.ms / 1000).toFixed(1)} s${connected.failed ? ` (${connected.failed} failed: ${connected.errors.join('; ')})` : ''}`,
  );
  if (connected.ok < specs.length * 0.99) throw new Error(`only ${connected.ok} of ${specs.length} clients could connect: ${connected.errors.join('; ')}`);
  await sleep(1_000);

  const runOnce = async (seconds: number) => {
    const ms = seconds * 1000;
    const resultPromise = rpc<Extract<FromClients, { t: 'result' }>>(
      clients,
      { t: 'run', ms, changesPerSec: CHANGES_PER_SEC, holdMs: HOLD_MS, drainMs: DRAIN_MS },
      'result',
      ms + HOLD_MS + DRAIN_MS + 60_000,
    );
    const driven = await drive(ms, CONNECTIONS_PER_SEC, nextPair.k, fire);
    nextPair.k += driven.requested;
    const { result } = await resultPromise;
    return { driven, result };
  };
  await runOnce(WARMUP_SECONDS);
  const before = await serverMemory(server);
  const t0 = now();
  const { driven, result } = await runOnce(SECONDS);
  const after = await serverMemory(server);
  const elapsedMs = now() - t0;
  const perSec = (n: number) => round((n / result.windowMs) * 1000, 1);
  const { presence, connection, log } = result.counts;
  const cpuMicros = after.cpuMicros - before.cpuMicros;
  return {
    connect: { ms: connected.ms, ok: connected.ok, failed: connected.failed, errors: connected.errors },
    server: {
      rssMb: round(after.rss / MB, 1),
      cpuPercentOfOneCore: round((cpuMicros / 1000 / elapsedMs) * 100, 1),
      cpuMicrosPerMessage: round(cpuMicros / Math.max(1, presence + connection + log), 1),
    },
    windowMs: result.windowMs,
    messagesPerSec: {
      total: perSec(presence + connection + log),
      presence: perSec(presence),
      connectionPath: perSec(connection + log),
      connection: perSec(connection),
      log: perSec(log),
    },
    presence: result.presence,
    connections: { requested: driven.requested, errors: driven.errors, firstError: driven.firstError, ...connectionLatency(result.connectionReceipts, driven.done) },
  };
}

function printPhase(name: string, r: PhaseResult): void {
  const m = r.messagesPerSec;
  const p = r.presence;
  const c = r.connections;
  console.log(`  ${name}: delivered ${m.total} msg/s (presence ${m.presence}, connection ${m.connection} + log ${m.log}) over ${r.windowMs / 1000} s`);
  console.log(
    `  ${name}: server process ${r.server.rssMb} MB RSS with ${r.connect.ok} clients; CPU ${r.server.cpuPercentOfOneCore}% of one core during the run (${r.server.cpuMicrosPerMessage} µs per delivered message, all its work included)`,
  );
  console.log(
    `  ${name}: presence latency (ack → receiver) p50 ${p.p50} ms, p99 ${p.p99} ms, max ${p.max} ms over ${p.samples} deliveries of ${p.changes} changes` +
      ` (from the emit instead: p50 ${p.fromRequest.p50} ms, p99 ${p.fromRequest.p99} ms; join/leave ack p50 ${p.ack.p50} ms, p99 ${p.ack.p99} ms${p.undelivered ? `; ${p.undelivered} changes never seen: ${JSON.stringify(p.undeliveredSamples)}` : ''}${p.ackErrors ? `; ${p.ackErrors} ack errors: ${p.firstAckError}` : ''}${p.beforeAck ? `; ${p.beforeAck} arrived before the ack, counted as 0 ms` : ''})`,
  );
  console.log(
    `  ${name}: connection latency (completion → party) p50 ${c.p50} ms, p99 ${c.p99} ms, max ${c.max} ms over ${c.receipts}/${c.expectedReceipts} deliveries of ${c.requested} requests` +
      `${c.errors ? `; ${c.errors} request errors: ${c.firstError}` : ''}${c.beforeCompletion ? `; ${c.beforeCompletion} arrived before the request returned` : ''}`,
  );
}

function fdLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || Infinity;
  } catch {
    return Infinity;
  }
}

/** Tries to raise the soft limit of open files for the children; returns what they get. */
function childFdLimit(): { limit: number; raised: boolean } {
  try {
    const raised = Number(execFileSync('sh', ['-c', 'ulimit -n 65535 2>/dev/null && ulimit -n'], { encoding: 'utf8' }).trim());
    if (raised > 0) return { limit: raised, raised: true };
  } catch {
    // not allowed (a hard limit below it): the children keep the current limit
  }
  return { limit: fdLimit(), raised: false };
}

interface CapacityPoint {
  sockets: number;
  rssMb: number;
  heapUsedMb: number;
  batchMs: number;
}

async function capacity(databaseUrl: string, specs: ClientSpec[]) {
  const fds = childFdLimit();
  // The gateway holds one descriptor per socket, plus its database pool, LISTEN connection, pipes…
  const cap = Math.min(CAPACITY_CAP, Number.isFinite(fds.limit) ? fds.limit - 300 : CAPACITY_CAP);
  console.log(
    `  open-files limit per process: ${fds.limit}${fds.raised ? ' (raised)' : ' (could not raise it: hard limit)'} → at most ${cap} sockets in this run; time budget ${CAPACITY_BUDGET_MS / 1000} s`,
  );
  const { child: server, url: address } = await startServer('gateway', databaseUrl, ['--max-old-space-size=2048'], fds.raised ? fds.limit : undefined);
  const holders = Array.from({ length: CAPACITY_HOLDERS }, () => spawnChild('clients', {}, ['--max-old-space-size=4096'], fds.raised ? fds.limit : undefined));
  const points: CapacityPoint[] = [];
  let stopReason = cap < CAPACITY_CAP ? `reached ${cap}, the most the open-files limit of ${fds.limit} per process allows` : `reached the cap of ${cap} sockets`;
  let failed = 0;
  const errors: string[] = [];
  try {
    await sleep(500);
    const base = await serverMemory(server);
    points.push({ sockets: 0, rssMb: round(base.rss / MB, 1), heapUsedMb: round(base.heapUsed / MB, 1), batchMs: 0 });
    console.log(`  idle gateway: RSS ${round(base.rss / MB, 1)} MB`);
    const started = Date.now();
    let total = 0;
    while (total < cap) {
      if (Date.now() - started > CAPACITY_BUDGET_MS) {
        stopReason = `time budget of ${CAPACITY_BUDGET_MS / 1000} s used`;
        break;
      }
      const n = Math.min(CAPACITY_STEP, cap - total);
      const batch = Array.from({ length: n }, (_, i) => specs[(total + i) % specs.length]);
      const per = Math.ceil(n / holders.length);
      const t0 = Date.now();
      const answers = await Promise.all(
        holders.map((holder, h) =>
          rpc<Extract<FromClients, { t: 'connected' }>>(
            holder,
            { t: 'connect', url: address, mode: 'gateway', specs: batch.slice(h * per, (h + 1) * per), concurrency: 50, timeoutMs: 30_000 },
            'connected',
            Math.max(60_000, CAPACITY_BUDGET_MS),
          ),
        ),
      );
      const batchMs = Date.now() - t0;
      const ok = answers.reduce((s, a) => s + a.ok, 0);
      const batchFailed = answers.reduce((s, a) => s + a.failed, 0);
      failed += batchFailed;
      for (const a of answers) errors.push(...a.errors.slice(0, Math.max(0, 5 - errors.length)));
      total += ok;
      await sleep(1_000);
      const mem = await serverMemory(server);
      points.push({ sockets: mem.sockets, rssMb: round(mem.rss / MB, 1), heapUsedMb: round(mem.heapUsed / MB, 1), batchMs });
      console.log(
        `  ${String(mem.sockets).padStart(6)} sockets: gateway RSS ${round(mem.rss / MB, 1)} MB, heap ${round(mem.heapUsed / MB, 1)} MB (+${ok} in ${(batchMs / 1000).toFixed(1)} s${batchFailed ? `, ${batchFailed} failed` : ''})`,
      );
      if (mem.rss >= RSS_LIMIT) {
        stopReason = 'RSS reached 2 GiB';
        break;
      }
      if (batchFailed > n * 0.02) {
        stopReason = `connecting failed (${batchFailed} of ${n}: ${errors[0] ?? ''})`;
        break;
      }
    }
    const clientRss = await Promise.all(holders.map((h) => rpc<Extract<FromClients, { t: 'mem' }>>(h, { t: 'mem' }, 'mem', 30_000)));
    const last = points[points.length - 1];
    const sockets = last.sockets;
    const perSocketKb = sockets ? ((last.rssMb - points[0].rssMb) * 1024) / sockets : NaN;
    // Least-squares slope of RSS over sockets (the marginal cost), from the measured points.
    const xs = points.map((p) => p.sockets);
    const ys = points.map((p) => p.rssMb);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slopeMbPerSocket =
      xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) /
      Math.max(
        1e-9,
        xs.reduce((s, x) => s + (x - mx) ** 2, 0),
      );
    const extrapolated = Math.floor(((RSS_LIMIT / MB - points[0].rssMb) * 1024) / perSocketKb);
    const extrapolatedBySlope = Math.floor((RSS_LIMIT / MB - points[0].rssMb) / slopeMbPerSocket);
    return {
      measured: { sockets, rssMb: last.rssMb, heapUsedMb: last.heapUsedMb, stopReason, failed, errors: errors.slice(0, 5) },
      idleRssMb: points[0].rssMb,
      rssPerSocketKb: round(perSocketKb, 1),
      marginalRssPerSocketKb: round(slopeMbPerSocket * 1024, 1),
      extrapolatedSocketsWithin2GiB: extrapolated,
      extrapolatedSocketsWithin2GiBByMarginal: extrapolatedBySlope,
      fdLimit: fds.limit,
      clientProcesses: CAPACITY_HOLDERS,
      clientRssMb: clientRss.map((c) => round(c.rss / MB, 1)),
      points,
    };
  } finally {
    await Promise.all(holders.map((h) => stopChild(h, { t: 'close' }, 'closed')));
    await stopChild(server, { t: 'stop' }, 'stopped');
  }
}

export async function main(): Promise<void> {
  const totalStart = Date.now();
  const database = await benchDatabase();
  const databaseUrl = database.url;
  const stopDatabase = database.stop;
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', DATA_DIR: tmpdir() });
  let api: INestApplication | undefined;
  try {
    await migrateDatabase(databaseUrl, ENTITIES, MIGRATIONS);
    api = await createApiApp(config, databaseUrl);
    await api.init();
    const seedStart = Date.now();
    const { eventId, people } = await seed(api.get(DataSource));
    console.log(
      `seeded 1 live event, ${ROOMS} rooms, ${people.length} approved registrations (${PER_SIDE_PER_ROOM} VN + ${PER_SIDE_PER_ROOM} CN per room), a user each, in ${Date.now() - seedStart} ms`,
    );
    console.log(`single gateway node, no Redis (in-memory adapter); ${cpus().length} CPUs shared by PostgreSQL, the server under test, the clients and the driver; node ${process.version}`);
    console.log(
      `workload: ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up): ${CHANGES_PER_SEC} presence changes/s (leave, rejoin ${HOLD_MS} ms later) and ${CONNECTIONS_PER_SEC} connection requests/s`,
    );

    const tokens = api.get(TokenService);
    const actorOf = (p: Person): Actor => ({ userId: p.userId, email: p.email, roles: [] });
    const gatewaySpecs: ClientSpec[] = people.map((p) => ({ eventId, roomId: p.roomId, registrationId: p.registrationId, token: tokens.issue(actorOf(p)).accessToken }));
    const bareSpecs: ClientSpec[] = people.map((p) => ({
      eventId,
      roomId: p.roomId,
      registrationId: p.registrationId,
      identity: { registrationId: p.registrationId, enterpriseName: p.enterpriseName, venueId: p.venueId, side: p.side },
    }));
    const service = api.get(ConnectionsService);
    const nextPair = { k: 0 };

    // 1–2. The gateway and the bare Socket.IO server take turns (gateway, bare, bare, gateway per
    // round, as the REST benchmark does), each a fresh server process with the same clients, so a
    // change in the machine's load lands on both sides alike. Each side's figures are the mean of its turns.
    let seq = 0;
    const fireGateway = async (k: number): Promise<[string, number]> => {
      const { from, to } = pairOf(people, k);
      const created = await service.request(actorOf(from), eventId, { fromRegistrationId: from.registrationId, toRegistrationId: to.registrationId });
      return [created.body.id, now()];
    };
    const fireBare =
      (server: ChildProcess) =>
      (k: number): Promise<[string, number]> => {
        const { from, to } = pairOf(people, k);
        const at = new Date();
        const connection = {
          id: randomUUID(),
          eventId,
          fromRegistrationId: from.registrationId,
          toRegistrationId: to.registrationId,
          status: 'requested',
          channel: 'online',
          roomId: from.roomId,
          message: null,
          score: 0.5,
          createdAt: at.toISOString(),
          expiresAt: new Date(at.getTime() + 86_400_000).toISOString(),
          respondedAt: null,
        };
        const log = { seq: ++seq, type: 'connection.requested', data: { connection } };
        const ordered = now();
        server.send({ t: 'connection', registrationIds: [from.registrationId, to.registrationId], log, connection } satisfies ToServer);
        return Promise.resolve([connection.id, ordered]);
      };
    const order = alternatingTurns<Mode>('gateway', 'bare', ROUNDS, QUICK);
    const turns: Record<Mode, PhaseResult[]> = { gateway: [], bare: [] };
    const clients = spawnChild('clients', {});
    try {
      for (const [i, mode] of order.entries()) {
        console.log(
          `turn ${i + 1} of ${order.length}: ${mode === 'gateway' ? 'gateway (createGatewayApp, child process)' : 'bare Socket.IO server (same socket.io, no Nest, no auth, no database, child process)'}:`,
        );
        const server = await startServer(mode, databaseUrl, SERVER_NODE_ARGS);
        try {
          const result = await phase(
            clients,
            server.child,
            server.url,
            mode,
            mode === 'gateway' ? gatewaySpecs : bareSpecs,
            mode === 'gateway' ? fireGateway : fireBare(server.child),
            nextPair,
          );
          turns[mode].push(result);
          printPhase(mode, result);
        } finally {
          await rpc(clients, { t: 'close' }, 'closed', 30_000).catch(() => undefined);
          await stopChild(server.child, { t: 'stop' }, 'stopped');
        }
      }
    } finally {
      await stopChild(clients, { t: 'close' }, 'closed');
    }
    const gatewayResult = meanOfTurns(turns.gateway);
    const bareResult = meanOfTurns(turns.bare);
    if (order.length > 2) {
      printPhase(`gateway, mean of ${turns.gateway.length} turns`, gatewayResult);
      printPhase(`bare, mean of ${turns.bare.length} turns`, bareResult);
    }

    // Ratios and goals.
    const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 2) : NaN);
    const ratios = {
      throughput: ratio(gatewayResult.messagesPerSec.total, bareResult.messagesPerSec.total),
      presenceThroughput: ratio(gatewayResult.messagesPerSec.presence, bareResult.messagesPerSec.presence),
      connectionThroughput: ratio(gatewayResult.messagesPerSec.connectionPath, bareResult.messagesPerSec.connectionPath),
      // Timed from the client's join/leave emit: a server that sends presence before its
      // acknowledgement (as both do) would make an ack-based timing read 0.
      presenceP99: ratio(gatewayResult.presence.fromRequest.p99, bareResult.presence.fromRequest.p99),
      presenceP99FromAck: ratio(gatewayResult.presence.p99, bareResult.presence.p99),
      connectionP99: ratio(gatewayResult.connections.p99, bareResult.connections.p99),
      presenceP50: ratio(gatewayResult.presence.p50, bareResult.presence.p50),
      connectionP50: ratio(gatewayResult.connections.p50, bareResult.connections.p50),
      serverCpuPerMessage: ratio(gatewayResult.server.cpuMicrosPerMessage, bareResult.server.cpuMicrosPerMessage),
    };
    const goals = {
      ...GOALS,
      throughputMet: ratios.throughput >= GOALS.throughputAtLeast,
      presenceThroughputMet: ratios.presenceThroughput >= GOALS.throughputAtLeast,
      connectionThroughputMet: ratios.connectionThroughput >= GOALS.throughputAtLeast,
      presenceP99Met: ratios.presenceP99 <= GOALS.p99AtMost,
      connectionP99Met: ratios.connectionP99 <= GOALS.p99AtMost,
    };
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log('ratios gateway / bare:');
    console.log(`  throughput, all messages:      ${ratios.throughput} (goal ≥ ${GOALS.throughputAtLeast}: ${met(goals.throughputMet)})`);
    console.log(`  throughput, presence:          ${ratios.presenceThroughput} (goal ≥ ${GOALS.throughputAtLeast}: ${met(goals.presenceThroughputMet)})`);
    console.log(`  throughput, connection + log:  ${ratios.connectionThroughput} (goal ≥ ${GOALS.throughputAtLeast}: ${met(goals.connectionThroughputMet)})`);
    console.log(
      `  p99 latency, presence (from the emit): ${ratios.presenceP99} (${gatewayResult.presence.fromRequest.p99} / ${bareResult.presence.fromRequest.p99} ms; goal ≤ ${GOALS.p99AtMost}: ${met(goals.presenceP99Met)})`,
    );
    console.log(
      `  p99 latency, connection:       ${ratios.connectionP99} (${gatewayResult.connections.p99} / ${bareResult.connections.p99} ms; goal ≤ ${GOALS.p99AtMost}: ${met(goals.connectionP99Met)})`,
    );
    console.log(`  p50 latency, presence / connection (no goal): ${ratios.presenceP50} / ${ratios.connectionP50}`);
    console.log(`  p99 latency, presence timed from the ack (no goal): ${ratios.presenceP99FromAck} (${gatewayResult.presence.p99} / ${bareResult.presence.p99} ms)`);
    console.log(`  server CPU per delivered message (no goal): ${ratios.serverCpuPerMessage}`);

    // 3. Capacity within 2 GiB.
    let capacityResult: Awaited<ReturnType<typeof capacity>> | { skipped: true } = { skipped: true };
    if (process.env.BENCH_GATEWAY_SKIP_CAPACITY) {
      console.log('capacity: skipped (BENCH_GATEWAY_SKIP_CAPACITY)');
    } else {
      console.log(
        `capacity: authenticated, subscribed and joined sockets on one gateway node (child, --max-old-space-size=2048), +${CAPACITY_STEP} at a time from ${CAPACITY_HOLDERS} client processes; the ${CLIENTS} users' tokens reused (several tabs per user):`,
      );
      const c = await capacity(databaseUrl, gatewaySpecs);
      capacityResult = c;
      console.log(`  measured: ${c.measured.sockets} sockets at ${c.measured.rssMb} MB RSS (stopped: ${c.measured.stopReason})`);
      console.log(`  measured: ${c.rssPerSocketKb} KB RSS per socket on average above the idle ${c.idleRssMb} MB (marginal ${c.marginalRssPerSocketKb} KB)`);
      console.log(
        `  extrapolated (not measured): ~${c.extrapolatedSocketsWithin2GiB.toLocaleString('en')} sockets within 2 GiB RSS (~${c.extrapolatedSocketsWithin2GiBByMarginal.toLocaleString('en')} by the marginal cost)`,
      );
    }

    const figures = {
      benchmark: 'gateway',
      machine: { cpus: cpus().length, node: process.version },
      setup: {
        clients: CLIENTS,
        rooms: ROOMS,
        perRoom: { VN: PER_SIDE_PER_ROOM, CN: PER_SIDE_PER_ROOM },
        transport: 'websocket',
        gatewayNodes: 1,
        redis: false,
        note: 'single gateway node, in-memory Socket.IO adapter (no Redis); server under test and clients in separate child processes on 127.0.0.1',
      },
      turns: { order, gateway: turns.gateway, bare: turns.bare, note: 'gateway and bare figures are the mean of their turns (a max is the largest)' },
      workload: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, presenceChangesPerSec: CHANGES_PER_SEC, holdMs: HOLD_MS, connectionRequestsPerSec: CONNECTIONS_PER_SEC },
      gateway: gatewayResult,
      bare: bareResult,
      ratios,
      goals,
      capacity: capacityResult,
      totalSeconds: round((Date.now() - totalStart) / 1000, 1),
    };
    writeResults('gateway', figures);
    console.log(`wrote bench/results/gateway.json (${figures.totalSeconds} s in all)`);
  } finally {
    for (const child of children) child.kill();
    await api?.close();
    await stopDatabase();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
