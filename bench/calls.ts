/**
 * Call setup benchmark (issue 14): how long an online meeting's video call
 * takes to come up, against two bare RTCPeerConnections in the same browser.
 *
 * On a real PostgreSQL (embedded in a temporary folder unless
 * BENCH_DATABASE_URL is set): one live event and BENCH_CALLS (20) + 1
 * accepted VN–CN pairs, each with an online meeting that starts in 2 minutes
 * (so its room is open), created through the API. The product (API, `/live`
 * gateway and the built web app, as `npm start`) runs in a child
 * (bench/calls/server.ts) on 127.0.0.1; Chromium (headless, fake camera and
 * microphone) drives it. Everything is loopback.
 *
 * - Product call: the VN party opens `/meet/<id>` in its own browser context
 *   and waits for the partner; then the CN party opens it in another. Timed
 *   from the CN page's `meeting.join` emit (the frame leaving its WebSocket)
 *   to the first decoded frame (getStats inbound-rtp `framesDecoded > 0`) on
 *   either side, and to both sides decoding. A fresh meeting per call.
 * - Bare call: one page, two RTCPeerConnections with a fake stream each, the
 *   same transceivers and ICE servers, offer, answer and candidates handed
 *   over by hand (bench/calls/page.ts). Timed from before the first
 *   RTCPeerConnection to the same first frames.
 *
 * The two take turns product, bare, bare, product (ABBA), after one
 * unmeasured warm-up call of each. Goal: product p50 ≤ 1.5 × bare p50, in the
 * same run (p99 ratio printed too; with 20 samples p99 is the largest).
 *
 * Build and run from the repository root (the web app built: npm run build):
 *   npm run bench:build && node bench/run.js calls
 * Prints the figures and writes bench/results/calls.json.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { loadConfig, migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { launchChromium } from '../test/factories/chromium';
import { forkChild, killChildren, rpc, stopChild } from './child';
import { bareCallScript, BareCall, PageMarks, productInitScript } from './calls/page';
import { alternatingTurns, benchDatabase, freePort, mulberry32, percentile, writeResults } from './support';
import { Person, sectorRooms, seedWorld, tokenIssuer } from './world';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CALLS = num('BENCH_CALLS', 20);
const GOAL_RATIO = 1.5;
const CALL_TIMEOUT_MS = 20_000;
/** A bound on the whole run besides bench/run.js's: it stops by itself. */
const DEADLINE_MS = 10 * 60_000;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!!';
const MINUTE = 60_000;
const WEB_DIST = join(__dirname, '..', '..', 'apps', 'web', 'dist');
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Sample {
  /** Start to the first decoded frame on either side. */
  firstFrameMs: number;
  /** Start to both sides decoding. */
  bothMs: number;
}

interface Pair {
  vn: Person;
  cn: Person;
  meetingId: string;
}

async function api(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Through the API, as the parties and the organizer would: a connection requested by CN, accepted by VN, and an online meeting in 2 minutes. */
async function bookMeeting(base: string, eventId: string, vn: Person, cn: Person, token: (p: Person) => string, staffToken: string): Promise<string> {
  const requested = await api(base, 'POST', `/api/events/${eventId}/connections`, token(cn), { fromRegistrationId: cn.registrationId, toRegistrationId: vn.registrationId });
  if (requested.status !== 201) throw new Error(`connection request answered ${requested.status}: ${JSON.stringify(requested.body)}`);
  const connectionId = requested.body.id as string;
  const accepted = await api(base, 'POST', `/api/connections/${connectionId}/accept`, token(vn));
  if (accepted.body.status !== 'accepted') throw new Error(`accept answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  const startsAt = Date.now() + 2 * MINUTE;
  const meeting = await api(base, 'POST', `/api/events/${eventId}/meetings`, staffToken, {
    connectionId,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 30 * MINUTE).toISOString(),
  });
  if (meeting.status !== 201 || meeting.body.mode !== 'online') throw new Error(`meeting answered ${meeting.status}: ${JSON.stringify(meeting.body)}`);
  return meeting.body.id as string;
}

const marks = (page: Page) => page.evaluate(() => (globalThis as { __bench?: PageMarks }).__bench!);

/** One product call: VN waits in the call, CN joins; the marks both pages left. */
async function productCall(browser: Browser, base: string, pair: Pair, token: (p: Person) => string): Promise<{ sample: Sample; iceServers: unknown[] }> {
  const contexts: BrowserContext[] = [];
  const open = async (p: Person) => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    contexts.push(context);
    context.setDefaultTimeout(CALL_TIMEOUT_MS);
    await context.addInitScript(productInitScript(token(p)));
    return context.newPage();
  };
  try {
    const vnPage = await open(pair.vn);
    await vnPage.goto(`/meet/${pair.meetingId}`);
    await vnPage.locator('[data-testid="call-state"][data-state="waiting"]').waitFor();
    const cnPage = await open(pair.cn);
    await cnPage.goto(`/meet/${pair.meetingId}`);
    // A function, not a string: the product's CSP forbids eval, which a string predicate needs.
    const decoded = () => ((globalThis as { __bench?: PageMarks }).__bench?.firstFrameAt ?? null) !== null;
    await Promise.all([vnPage.waitForFunction(decoded, undefined, { polling: 50 }), cnPage.waitForFunction(decoded, undefined, { polling: 50 })]);
    const [vn, cn] = await Promise.all([marks(vnPage), marks(cnPage)]);
    if (cn.joinAt === null || vn.firstFrameAt === null || cn.firstFrameAt === null) throw new Error(`a mark is missing: ${JSON.stringify({ vn, cn })}`);
    return {
      sample: { firstFrameMs: Math.min(vn.firstFrameAt, cn.firstFrameAt) - cn.joinAt, bothMs: Math.max(vn.firstFrameAt, cn.firstFrameAt) - cn.joinAt },
      iceServers: cn.iceServers ?? [],
    };
  } finally {
    for (const context of contexts) await context.close();
  }
}

async function bareCall(page: Page, iceServers: unknown[]): Promise<Sample> {
  const r = await page.evaluate<BareCall>(bareCallScript(iceServers, CALL_TIMEOUT_MS));
  return { firstFrameMs: Math.min(r.answererFrameAt, r.offererFrameAt) - r.startedAt, bothMs: Math.max(r.answererFrameAt, r.offererFrameAt) - r.startedAt };
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

export async function main(): Promise<void> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`no web build at ${WEB_DIST}: run npm run build first`);
  const totalStart = Date.now();
  const deadline = setTimeout(() => {
    console.error(`calls: not done within ${DEADLINE_MS / 60_000} min; stopping`);
    killChildren();
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const { url: databaseUrl, stop: stopDatabase } = await benchDatabase();
  let browser: Browser | undefined;
  let server: ReturnType<typeof forkChild> | undefined;
  try {
    await migrateDatabase(databaseUrl, ENTITIES, MIGRATIONS);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET, DATA_DIR: '/tmp' });
    const db = new DataSource({ type: 'postgres', url: databaseUrl });
    await db.initialize();
    const world = await seedWorld(db, { perSide: CALLS + 1, products: 1, rooms: sectorRooms(1, 1000), placeInRooms: false, random: mulberry32(14) });
    await db.destroy();

    const port = await freePort();
    server = forkChild(join(__dirname, 'calls', 'server.js'), { BENCH_CALLS_DATABASE_URL: databaseUrl, BENCH_CALLS_JWT_SECRET: JWT_SECRET, BENCH_CALLS_PORT: String(port) });
    await rpc(server, null, 'ready', 120_000);
    const base = `http://127.0.0.1:${port}`;

    const tokens = tokenIssuer(config);
    const token = (p: Person) => tokens.issue({ userId: p.userId, email: p.email, roles: [] }).accessToken;
    const staffToken = tokens.issue({ userId: world.organizer.userId, email: world.organizer.email, roles: ['organizer'] }).accessToken;
    const pairs: Pair[] = [];
    for (let i = 0; i <= CALLS; i++) {
      const vn = world.people[2 * i];
      const cn = world.people[2 * i + 1];
      pairs.push({ vn, cn, meetingId: await bookMeeting(base, world.eventId, vn, cn, token, staffToken) });
    }
    console.log(`seeded 1 live event and ${pairs.length} accepted pairs, each with an online meeting (API on ${base})`);

    browser = await launchChromium({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
    console.log(`Chromium ${browser.version()}, headless, fake camera and microphone`);
    const bareContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    bareContext.setDefaultTimeout(CALL_TIMEOUT_MS);
    // A blank page on the server's origin (a secure context, like the product's page), served by the browser itself.
    await bareContext.route(`${base}/__bench/bare`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bare call</title>' }));
    const barePage = await bareContext.newPage();
    await barePage.goto(`${base}/__bench/bare`);

    // Warm-up, not counted: the first call of each kind pays for codecs and JIT.
    const warm = await productCall(browser, base, pairs[0], token);
    const iceServers = warm.iceServers;
    await bareCall(barePage, iceServers);
    console.log(`warm-up done; ICE servers the join gave: ${JSON.stringify(iceServers)}`);

    const order = alternatingTurns<'product' | 'bare'>('product', 'bare', Math.ceil(CALLS / 2)).slice(0, 2 * CALLS);
    const samples: Record<'product' | 'bare', Sample[]> = { product: [], bare: [] };
    let next = 1;
    for (const turn of order) {
      const sample = turn === 'product' ? (await productCall(browser, base, pairs[next++], token)).sample : await bareCall(barePage, iceServers);
      samples[turn].push(sample);
      console.log(`  ${turn.padEnd(7)} #${samples[turn].length}: first frame ${round(sample.firstFrameMs)} ms, both decoding ${round(sample.bothMs)} ms`);
    }

    const figure = (which: 'product' | 'bare', key: keyof Sample) => summarize(samples[which].map((s) => s[key]));
    const product = { firstFrame: figure('product', 'firstFrameMs'), both: figure('product', 'bothMs') };
    const bare = { firstFrame: figure('bare', 'firstFrameMs'), both: figure('bare', 'bothMs') };
    const ratio = (a: number, b: number) => round(a / b, 2);
    const ratios = {
      firstFrameP50: ratio(product.firstFrame.p50, bare.firstFrame.p50),
      firstFrameP99: ratio(product.firstFrame.p99, bare.firstFrame.p99),
      bothP50: ratio(product.both.p50, bare.both.p50),
      bothP99: ratio(product.both.p99, bare.both.p99),
    };
    const met = ratios.firstFrameP50 <= GOAL_RATIO;
    console.log(`call setup over ${CALLS} calls each (ABBA turns; with ${CALLS} samples p99 is the largest):`);
    console.log(`  product, meeting.join → first decoded frame: p50 ${product.firstFrame.p50} ms, p99 ${product.firstFrame.p99} ms (min ${product.firstFrame.min})`);
    console.log(`  bare,    new RTCPeerConnection → first decoded frame: p50 ${bare.firstFrame.p50} ms, p99 ${bare.firstFrame.p99} ms (min ${bare.firstFrame.min})`);
    console.log(`  product, both sides decoding: p50 ${product.both.p50} ms, p99 ${product.both.p99} ms; bare: p50 ${bare.both.p50} ms, p99 ${bare.both.p99} ms`);
    console.log(`  ratio product / bare, first frame: p50 ${ratios.firstFrameP50}, p99 ${ratios.firstFrameP99}; both decoding: p50 ${ratios.bothP50}, p99 ${ratios.bothP99}`);
    console.log(`  goal: product p50 ≤ ${GOAL_RATIO} × bare p50: ${met ? 'PASS' : 'FAIL'} (${ratios.firstFrameP50})`);

    const figures = {
      benchmark: 'calls',
      machine: { cpus: cpus().length, node: process.version, chromium: browser.version() },
      setup: {
        calls: CALLS,
        order: ['warm-up product', 'warm-up bare', ...order],
        iceServers,
        note: 'loopback; product: VN waits in /meet/<id>, CN opens it, timed from the CN page emitting meeting.join; bare: two RTCPeerConnections in one page, signalling by hand; first frame by getStats polled every 10 ms (Chromium caches stats for a few tens of ms, alike on both sides)',
      },
      product,
      bare,
      ratios,
      goal: { ratioAtMost: GOAL_RATIO, on: 'first-frame p50', met },
      samples,
      totalSeconds: round((Date.now() - totalStart) / 1000),
    };
    writeResults('calls', figures);
    console.log(`wrote bench/results/calls.json (${figures.totalSeconds} s in all)`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopChild(server);
    await stopDatabase();
    clearTimeout(deadline);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
