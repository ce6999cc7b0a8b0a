/**
 * REST overhead benchmark (issue 7, item 1): the TradeBridge API against a bare
 * Fastify 5 + `pg` server running the same SQL (bench/rest/bare.ts), measured
 * in the same run with the same load generator.
 *
 * On a real PostgreSQL (embedded in a temporary folder unless
 * BENCH_DATABASE_URL is set): one live event, 5,000 approved registrations
 * (2,500 per side, 5 offers and 5 needs each, placed in 10 sector rooms), each
 * enterprise with its own member user; an organizer on the event's staff.
 *
 * Processes, all on 127.0.0.1: this one seeds and orchestrates; the API
 * (`createApiApp`, NODE_ENV=production) and the baseline each in a child
 * (bench/rest/server.ts); the load generator in a third (bench/rest/load.ts).
 *
 * 1. Same work: one request of each route goes to both servers while they
 *    record the statements they send; the sequences must be the same (text
 *    with whitespace collapsed, and the number of parameters) and the read
 *    answers equal, or the benchmark stops.
 * 2. Routes, each loaded closed-loop by 32 keep-alive connections:
 *    - GET /api/events/:id/recommendations?registrationId=… (members, their own, top 20, reasons in their language);
 *    - GET /api/events/:id/registrations?limit=50&offset=… (the organizer, random pages);
 *    - POST /api/events/:id/connections (members, a fresh pair every request, no Idempotency-Key).
 *    Per route the servers take turns API, baseline, baseline, API (a warm-up
 *    before each measured window), so drift (a growing connections table,
 *    other work on the machine) falls on both alike.
 * Measured per server: 2xx answers per second, p50 / p99 latency, CPU time of
 * its process per request; ratios TradeBridge / baseline (goals: reads ≥ 0.75,
 * the write ≥ 0.6 of the baseline's throughput).
 *
 * Knobs: BENCH_QUICK=1 (one turn each, 5 s windows), BENCH_REST_SECONDS,
 * BENCH_REST_CONCURRENCY, BENCH_REST_ROUNDS (pairs of turns),
 * BENCH_REST_SERVER_NODE_ARGS (node flags for both servers, e.g. --cpu-prof).
 * Build and run from the repository root: npm run bench:build && node bench/run.js rest
 * Prints the figures and writes bench/results/rest.json.
 */
import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { createDataSource, loadConfig, migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { forkChild, killChildren, rpc, stopChild } from './child';
import type { FromLoad, FromServer, LoadResult, PlannedRequest, ServerMode, Statement } from './rest/protocol';
import { alternatingTurns, benchDatabase, mulberry32, writeResults } from './support';
import { Person, seedWorld, sectorRooms, tokenIssuer, World } from './world';

const fastifyVersion = () => (JSON.parse(readFileSync(require.resolve('fastify/package.json'), 'utf8')) as { version: string }).version;

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const QUICK = Boolean(process.env.BENCH_QUICK);
const PER_SIDE = 2_500;
const PRODUCTS = 5;
const SECONDS = num('BENCH_REST_SECONDS', QUICK ? 5 : 10);
const WARMUP_SECONDS = QUICK ? 1 : 2;
const CONCURRENCY = num('BENCH_REST_CONCURRENCY', 32);
/** Pairs of turns per route: 1 → API, baseline, baseline, API. Quick: API, baseline. */
const ROUNDS = num('BENCH_REST_ROUNDS', 1);
const MAX_PENDING = 20;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!!';
const SEED = 20_251_123;
const GOALS = { readsAtLeast: 0.75, writeAtLeast: 0.6 };
/** Extra node flags for both servers under test, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where their time goes. */
const SERVER_NODE_ARGS = (process.env.BENCH_REST_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

type RouteName = 'recommendations' | 'registrations' | 'connectionRequest';
const ROUTES: { name: RouteName; label: string; goal: number; reuse: 'cycle' | 'once' }[] = [
  { name: 'recommendations', label: 'GET /api/events/:id/recommendations', goal: GOALS.readsAtLeast, reuse: 'cycle' },
  { name: 'registrations', label: 'GET /api/events/:id/registrations?limit=50', goal: GOALS.readsAtLeast, reuse: 'cycle' },
  { name: 'connectionRequest', label: 'POST /api/events/:id/connections', goal: GOALS.writeAtLeast, reuse: 'once' },
];

interface Server {
  mode: ServerMode;
  child: ChildProcess;
  url: string;
}

interface Turn {
  server: ServerMode;
  load: LoadResult;
  cpuMicrosPerRequest: number;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

async function startServer(mode: ServerMode, databaseUrl: string): Promise<Server> {
  const child = forkChild(
    join(__dirname, 'rest', 'server.js'),
    {
      BENCH_REST_MODE: mode,
      BENCH_REST_DATABASE_URL: databaseUrl,
      BENCH_REST_JWT_SECRET: JWT_SECRET,
      BENCH_REST_MAX_PENDING: String(MAX_PENDING),
    },
    SERVER_NODE_ARGS,
  );
  const { port } = await rpc<Extract<FromServer, { t: 'ready' }>>(child, null, 'ready', 120_000);
  return { mode, child, url: `http://127.0.0.1:${port}` };
}

async function cpuMicros(server: Server): Promise<number> {
  return (await rpc<Extract<FromServer, { t: 'cpu' }>>(server.child, { t: 'cpu' }, 'cpu', 30_000)).micros;
}

/** The requests of each route. Writes: pair k is person k % N with a partner of the other side, never the same pair twice. */
function plans(world: World, token: (p: Person) => string, staffToken: string, random: () => number): Record<RouteName, PlannedRequest[]> {
  const { eventId, people } = world;
  const viewers = [...people];
  for (let i = viewers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [viewers[i], viewers[j]] = [viewers[j], viewers[i]];
  }
  const recommendations = viewers.map((p) => ({
    method: 'GET' as const,
    path: `/api/events/${eventId}/recommendations?registrationId=${p.registrationId}&limit=20&locale=${p.side === 'VN' ? 'vi' : 'zh'}`,
    token: token(p),
  }));
  const registrations = Array.from({ length: 2_000 }, () => ({
    method: 'GET' as const,
    path: `/api/events/${eventId}/registrations?limit=50&offset=${Math.floor(random() * (people.length - 50))}`,
    token: staffToken,
  }));
  const vn = people.filter((p) => p.side === 'VN');
  const cn = people.filter((p) => p.side === 'CN');
  const half = vn.length / 2;
  // Pair k: round r = ⌊k / N⌋ of requester i; VN i → CN (i + r), CN i → VN (i + r + N/4): the
  // unordered pairs differ by their index offset, so none repeats; each requester gets one request
  // per round, far below MAX_PENDING_REQUESTS for the number of rounds a run can use.
  const pairs = 12 * people.length;
  const connectionRequest = Array.from({ length: pairs }, (_, k) => {
    const r = Math.floor(k / people.length);
    const i = Math.floor(k / 2) % vn.length;
    const [from, to] = k % 2 === 0 ? [vn[i], cn[(i + r) % cn.length]] : [cn[i], vn[(i + r + half) % vn.length]];
    return {
      method: 'POST' as const,
      path: `/api/events/${eventId}/connections`,
      token: token(from),
      body: JSON.stringify({ fromRegistrationId: from.registrationId, toRegistrationId: to.registrationId }),
    };
  });
  return { recommendations, registrations, connectionRequest };
}

async function request(url: string, planned: PlannedRequest): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${planned.path}`, {
    method: planned.method,
    headers: { authorization: `Bearer ${planned.token}`, ...(planned.body ? { 'content-type': 'application/json' } : {}) },
    body: planned.body,
  });
  return { status: res.status, body: await res.json() };
}

const normalize = (s: Statement) => `${s.sql.replace(/\s+/g, ' ').trim()} /* ${s.params} parameters */`;

/** One request to each server while both record their SQL: the same statements, and for reads the same answer. */
async function sameWork(api: Server, bare: Server, route: RouteName, apiRequest: PlannedRequest, bareRequest: PlannedRequest) {
  const answers: { status: number; body: unknown }[] = [];
  const statements: string[][] = [];
  for (const [server, planned] of [
    [api, apiRequest],
    [bare, bareRequest],
  ] as const) {
    server.child.send({ t: 'capture', on: true });
    answers.push(await request(server.url, planned));
    const captured = await rpc<Extract<FromServer, { t: 'captured' }>>(server.child, { t: 'capture', on: false }, 'captured', 10_000);
    statements.push(captured.statements.map(normalize));
  }
  // Statements sent at once (Promise.all) may reach the recorder in either order: compare them sorted.
  const [a, b] = statements.map((list) => [...list].sort());
  const firstDifference = a.findIndex((s, i) => s !== b[i]);
  const sameSql = a.length === b.length && firstDifference === -1;
  const sameStatus = answers[0].status === answers[1].status && answers[0].status < 300;
  const sameAnswer =
    route === 'connectionRequest'
      ? isDeepStrictEqual(Object.keys(answers[0].body as object).sort(), Object.keys(answers[1].body as object).sort())
      : isDeepStrictEqual(answers[0].body, answers[1].body);
  if (!sameSql || !sameStatus || !sameAnswer) {
    const at = firstDifference === -1 ? Math.min(a.length, b.length) : firstDifference;
    throw new Error(
      `${route}: the baseline does not do the API's work (same SQL ${sameSql}, both 2xx ${sameStatus}, same answer ${sameAnswer}).\n` +
        `statements: API ${a.length}, baseline ${b.length}; first difference at #${at}:\n  API:      ${a[at]}\n  baseline: ${b[at]}\n` +
        `answers: ${answers.map((x) => `${x.status} ${JSON.stringify(x.body).slice(0, 400)}`).join('\n         ')}`,
    );
  }
  return { statements: a.length, transaction: a.includes(normalize({ sql: 'START TRANSACTION', params: 0 })) };
}

export async function main(): Promise<void> {
  const totalStart = Date.now();
  const random = mulberry32(SEED);
  const database = await benchDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, JWT_SECRET, LOG_LEVEL: 'error', DATA_DIR: tmpdir() });
  let db: DataSource | undefined;
  const servers: Server[] = [];
  let load: ChildProcess | undefined;
  try {
    await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
    db = createDataSource({ url: database.url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 4, applicationName: 'tradebridge-bench' });
    await db.initialize();
    const seedStart = Date.now();
    const world = await seedWorld(db, { perSide: PER_SIDE, products: PRODUCTS, rooms: sectorRooms(1, 1_000), placeInRooms: true, random });
    console.log(
      `seeded 1 live event, ${world.roomIds.length} rooms, ${world.people.length} approved registrations (${PER_SIDE} per side, ${PRODUCTS} offers and ${PRODUCTS} needs each), a member user each, in ${Date.now() - seedStart} ms`,
    );
    const tokens = tokenIssuer(config);
    const tokenOf = new Map<string, string>();
    const token = (p: Person) => {
      let t = tokenOf.get(p.userId);
      if (!t) tokenOf.set(p.userId, (t = tokens.issue({ userId: p.userId, email: p.email, roles: [] }).accessToken));
      return t;
    };
    const staffToken = tokens.issue({ userId: world.organizer.userId, email: world.organizer.email, roles: ['organizer'] }).accessToken;
    const plan = plans(world, token, staffToken, random);

    const api = await startServer('api', database.url);
    const bare = await startServer('bare', database.url);
    servers.push(api, bare);
    load = forkChild(join(__dirname, 'rest', 'load.js'), {}, ['--max-old-space-size=2048']);
    for (const route of ROUTES) await rpc<Extract<FromLoad, { t: 'planned' }>>(load, { t: 'plan', name: route.name, plan: plan[route.name] }, 'planned', 120_000);
    console.log(
      `servers: the API (createApiApp, Express, NODE_ENV=production) and the baseline (Fastify ${fastifyVersion()} + pg), each in its own process; load: ${CONCURRENCY} keep-alive connections from a third; ${cpus().length} CPUs shared with PostgreSQL; node ${process.version}`,
    );

    // 1. Same work.
    let nextWrite = 0;
    const checks: Record<string, { statements: number; transaction: boolean }> = {};
    for (const route of ROUTES) {
      const list = plan[route.name];
      const [first, second] = route.reuse === 'once' ? [list[nextWrite++], list[nextWrite++]] : [list[0], list[0]];
      checks[route.name] = await sameWork(api, bare, route.name, first, second);
      console.log(
        `  ${route.label}: both servers send the same ${checks[route.name].statements} statements${checks[route.name].transaction ? ' (one transaction)' : ''}${route.reuse === 'cycle' ? ' and give the same answer' : ''}`,
      );
    }

    // 2. Load, turn by turn.
    const loadStart = loadavg().map((x) => round(x));
    const order = alternatingTurns<ServerMode>('api', 'bare', ROUNDS, QUICK);
    const turns: Record<RouteName, Turn[]> = { recommendations: [], registrations: [], connectionRequest: [] };
    for (const route of ROUTES) {
      console.log(`${route.label}: ${order.length} turns of ${WARMUP_SECONDS} s warm-up + ${SECONDS} s, ${CONCURRENCY} connections`);
      for (const mode of order) {
        const server = mode === 'api' ? api : bare;
        const before = await cpuMicros(server);
        const { result } = await rpc<Extract<FromLoad, { t: 'result' }>>(
          load,
          {
            t: 'run',
            url: server.url,
            plan: route.name,
            reuse: route.reuse,
            // Reads: every turn sends the same sequence from the start of the plan.
            start: route.reuse === 'once' ? nextWrite : 0,
            concurrency: CONCURRENCY,
            warmupMs: WARMUP_SECONDS * 1000,
            durationMs: SECONDS * 1000,
          },
          'result',
          (WARMUP_SECONDS + SECONDS) * 1000 + 120_000,
        );
        const after = await cpuMicros(server);
        if (route.reuse === 'once') nextWrite = result.next;
        // The server's CPU over the whole turn (warm-up included) per request sent in it.
        const turn: Turn = { server: mode, load: result, cpuMicrosPerRequest: round((after - before) / Math.max(1, result.sent), 0) };
        turns[route.name].push(turn);
        const l = result.latencyMs;
        const failed = Object.entries(result.statuses).filter(([s]) => !s.startsWith('2'));
        console.log(
          `  ${mode === 'api' ? 'TradeBridge' : 'baseline   '}: ${result.perSec} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms (${l.samples} requests; ~${turn.cpuMicrosPerRequest} µs server CPU each)` +
            `${failed.length ? `; non-2xx ${JSON.stringify(Object.fromEntries(failed))}: ${result.firstError}` : ''}${result.ranOut ? '; RAN OUT of planned requests' : ''}`,
        );
      }
    }

    // 3. Figures and ratios.
    const summary = (list: Turn[], mode: ServerMode) => {
      const mine = list.filter((t) => t.server === mode);
      return {
        turns: mine.length,
        perSec: round(mean(mine.map((t) => t.load.perSec)), 1),
        p50Ms: round(mean(mine.map((t) => t.load.latencyMs.p50))),
        p99Ms: round(mean(mine.map((t) => t.load.latencyMs.p99))),
        maxMs: round(Math.max(...mine.map((t) => t.load.latencyMs.max))),
        cpuMicrosPerRequest: round(mean(mine.map((t) => t.cpuMicrosPerRequest)), 0),
        errors: mine.reduce(
          (s, t) =>
            s +
            Object.entries(t.load.statuses)
              .filter(([st]) => !st.startsWith('2'))
              .reduce((a, [, n]) => a + n, 0),
          0,
        ),
      };
    };
    const figuresOf = (route: (typeof ROUTES)[number]) => {
      const tradebridge = summary(turns[route.name], 'api');
      const baseline = summary(turns[route.name], 'bare');
      const throughput = round(tradebridge.perSec / baseline.perSec);
      return {
        route: route.label,
        statementsPerRequest: checks[route.name].statements,
        tradebridge,
        baseline,
        ratios: {
          throughput,
          p50: round(tradebridge.p50Ms / baseline.p50Ms),
          p99: round(tradebridge.p99Ms / baseline.p99Ms),
          cpuPerRequest: round(tradebridge.cpuMicrosPerRequest / baseline.cpuMicrosPerRequest),
        },
        goal: { throughputAtLeast: route.goal, met: throughput >= route.goal },
        turns: turns[route.name].map((t) => ({ server: t.server === 'api' ? 'tradebridge' : 'baseline', ...t.load, cpuMicrosPerRequest: t.cpuMicrosPerRequest })),
      };
    };
    const routes = {} as Record<RouteName, ReturnType<typeof figuresOf>>;
    for (const route of ROUTES) routes[route.name] = figuresOf(route);

    console.log('ratios TradeBridge / baseline (throughput; p99 latency and server CPU per request for information):');
    for (const route of ROUTES) {
      const r = routes[route.name];
      console.log(
        `  ${route.label.padEnd(44)} ${r.ratios.throughput} (${r.tradebridge.perSec} / ${r.baseline.perSec} req/s; goal ≥ ${route.goal}: ${r.goal.met ? 'met' : 'NOT met'}); p99 ${r.ratios.p99} (${r.tradebridge.p99Ms} / ${r.baseline.p99Ms} ms); CPU ${r.ratios.cpuPerRequest} (${r.tradebridge.cpuMicrosPerRequest} / ${r.baseline.cpuMicrosPerRequest} µs)`,
      );
    }
    const figures = {
      benchmark: 'rest',
      machine: { cpus: cpus().length, node: process.version },
      setup: {
        registrations: world.people.length,
        perSide: PER_SIDE,
        productsPerEnterprise: { offers: PRODUCTS, needs: PRODUCTS },
        rooms: world.roomIds.length,
        concurrency: CONCURRENCY,
        warmupSeconds: WARMUP_SECONDS,
        seconds: SECONDS,
        order,
        baseline: 'Fastify 5 + pg Pool (max 20, as the API), same statements, same JWT verification and user read; see bench/rest/bare.ts for what it leaves out',
      },
      routes,
      goals: GOALS,
      loadAverage: { start: loadStart, end: loadavg().map((x) => round(x)) },
      totalSeconds: round((Date.now() - totalStart) / 1000, 1),
    };
    writeResults('rest', figures);
    console.log(`load average (1, 5, 15 min) at the start and end of the load: ${loadStart.join(', ')} → ${figures.loadAverage.end.join(', ')}`);
    console.log(`wrote bench/results/rest.json (${figures.totalSeconds} s in all)`);
  } finally {
    if (load) await stopChild(load).catch(() => undefined);
    await Promise.all(servers.map((s) => stopChild(s.child).catch(() => undefined)));
    killChildren();
    await db?.destroy();
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
