/**
 * Notifications and e-mail (issue 13's benchmarks), on a real PostgreSQL
 * (embedded in a temporary folder unless BENCH_DATABASE_URL is set; each part
 * creates its own databases on that server and drops them afterwards):
 *
 * 1. Scheduler run with notifications. One live event of PER_SIDE + PER_SIDE
 *    approved registrations (a member user each, bench/world.ts) and
 *    2 × PER_SIDE accepted connections (each registration in two, all online),
 *    so one `POST /api/events/:id/schedule` books 2 × PER_SIDE meetings
 *    (10,000 by default). Timed end to end: from sending the request to the
 *    notifier having written every notification and every e-mail job (its
 *    cursor at the event log's head). The same run with NOTIFIER=off is
 *    the baseline (time to the 2xx). Each side on a fresh database of the same
 *    server, seeded alike; the order alternates when BENCH_NOTIFY_ROUNDS > 1.
 *    The mail worker is off in this part: jobs are written, not sent.
 *    Goal: ratio ≤ 1.3.
 * 2. Delivery throughput. MAILS e-mails (the same rendered messages) through
 *    the product's outbox and worker to a local SMTP server (`smtp-server` in
 *    a child process, ./notifications/sink.ts), against a bare nodemailer loop
 *    sending the same messages to the same server with a pooled transport of
 *    as many connections, and as many messages in flight, as the worker's
 *    MAIL_CONCURRENCY. E-mails/s each, and the ratio. Goal ≥ 0.8.
 *
 * (The `notification` latency from a 2xx is measured in bench/conference.ts.)
 *
 * Knobs: BENCH_QUICK=1 (1,000 per side, 500 e-mails), BENCH_NOTIFY_PER_SIDE,
 * BENCH_NOTIFY_MAILS, BENCH_NOTIFY_ROUNDS, BENCH_NOTIFY_PARTS (`scheduler`, `delivery`; both by default).
 * Build and run from the repository root: npm run bench:build && node bench/run.js notifications
 * Prints the figures and writes bench/results/notifications.json.
 */
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../apps/api/src/app';
import { forkChild, killChildren, rpc, stopChild } from './child';
import { now, sleep } from './gateway/protocol';
import { ratioOf, schedulerTurns, sideMean, siblingDatabaseUrl, verdict } from './notifications/figures';
import type { FromSink, SinkCount } from './notifications/protocol';
import { alternatingTurns, benchDatabase, freePort, mulberry32, writeResults } from './support';
import { seedWorld, sectorRooms, tokenIssuer, World } from './world';
import { mailOutboxOf, NewNotification, nodemailerMessage, notificationWriterOf, OutboundMail, productMailConcurrency } from './notifications/product';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const QUICK = Boolean(process.env.BENCH_QUICK);
const PER_SIDE = num('BENCH_NOTIFY_PER_SIDE', QUICK ? 1_000 : 5_000);
const MAILS = num('BENCH_NOTIFY_MAILS', QUICK ? 500 : 2_000);
/** Scheduler pairs (off, on / on, off, …; 2 by default, quick 1) and delivery rounds (bare, worker, worker, bare; 1). */
const SCHEDULER_ROUNDS = num('BENCH_NOTIFY_ROUNDS', QUICK ? 1 : 2);
const DELIVERY_ROUNDS = num('BENCH_NOTIFY_ROUNDS', 1);
/** Which parts run: `scheduler`, `delivery` or both (the default). */
const PARTS = (process.env.BENCH_NOTIFY_PARTS ?? 'scheduler,delivery').split(',').map((p) => p.trim());
const SEED = 20_261_202;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!!';
const SCHEDULER_RATIO_GOAL = 1.3;
const THROUGHPUT_RATIO_GOAL = 0.8;
/** The notifier must be done within this long after the schedule's 2xx, or the run fails. */
const DRAIN_TIMEOUT_MS = 15 * 60_000;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function baseEnv(databaseUrl: string): Record<string, string> {
  return { NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', DATA_DIR: tmpdir() };
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = siblingDatabaseUrl(serverUrl, name);
  await migrateDatabase(url, ENTITIES, MIGRATIONS);
  return url;
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Two accepted connections per registration (VN i with CN i and CN i + 1), all between an on-site VN and a Hangzhou or online CN: every one an online meeting. */
async function seedConnections(db: DataSource, world: World): Promise<number> {
  const vn = world.people.filter((p) => p.side === 'VN');
  const cn = world.people.filter((p) => p.side === 'CN');
  const from: string[] = [];
  const to: string[] = [];
  vn.forEach((p, i) => {
    for (const k of [i, (i + 1) % cn.length]) {
      from.push(p.registrationId);
      to.push(cn[k].registrationId);
    }
  });
  await db.query(
    `INSERT INTO connections (event_id, from_registration_id, from_side, to_registration_id, to_side, status, channel, created_by, created_at, responded_at)
     SELECT $1, f, 'VN', t, 'CN', 'accepted', 'online', $2, now() - interval '30 minutes', now() - interval '20 minutes'
       FROM unnest($3::uuid[], $4::uuid[]) AS x(f, t)`,
    [world.eventId, world.organizer.userId, from, to],
  );
  // Every slot of the day after the scheduler's lead time is free: the event runs 2 h to 10 h from now.
  await db.query(`UPDATE events SET starts_at = now() + interval '2 hours', ends_at = now() + interval '10 hours' WHERE id = $1`, [world.eventId]);
  await db.query('VACUUM (ANALYZE)');
  return from.length;
}

interface SchedulerTurn {
  notifications: 'on' | 'off';
  meetings: number;
  connections: number;
  /** From sending the request to its 2xx. */
  requestMs: number;
  /** From sending the request to the notifier's cursor at the head (off: the 2xx). */
  endToEndMs: number;
  notificationsWritten: number;
  mailJobsWritten: number;
  seedSeconds: number;
  /**
   * While the notifier worked (sampled at each poll, every ~20 ms): the statements the API's
   * other PostgreSQL sessions were running, by their first words, as a share of the samples.
   * Tells where its time goes (which insert, a lock, the commit's WAL).
   */
  drainStatements?: Record<string, number>;
}

async function count(db: DataSource, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }[]>(sql, params);
  return Number(row?.n ?? 0);
}

async function mailJobs(db: DataSource): Promise<number> {
  const [{ exists }] = await db.query<{ exists: boolean }[]>(`SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`);
  return exists ? count(db, `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail'`, []) : 0;
}

export async function schedulerTurn(serverUrl: string, index: number, notifications: 'on' | 'off', perSide = PER_SIDE): Promise<SchedulerTurn> {
  const name = `bench_schedule_${index}`;
  const url = await createDatabase(serverUrl, name);
  const config = loadConfig({ ...baseEnv(url), NOTIFIER: notifications, MAIL_WORKER: 'off' });
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(config, url);
    const db = app.get(DataSource);
    const seedStart = Date.now();
    const world = await seedWorld(db, { perSide, products: 2, rooms: sectorRooms(1, 100_000), placeInRooms: true, random: mulberry32(SEED) });
    const connections = await seedConnections(db, world);
    const seedSeconds = round((Date.now() - seedStart) / 1000, 1);
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const token = tokenIssuer(config).issue({ userId: world.organizer.userId, email: world.organizer.email, roles: ['organizer'] }).accessToken;

    const t0 = now();
    const res = await fetch(`http://127.0.0.1:${port}/api/events/${world.eventId}/schedule`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    const t1 = now();
    const body = (await res.json()) as { scheduled?: number };
    if (res.status !== 200 && res.status !== 201) throw new Error(`schedule answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    let t2 = t1;
    let drainStatements: Record<string, number> | undefined;
    if (notifications === 'on') {
      // Done when the notifier's cursor is at the log's head: everything before it is written (notifications and jobs in its transactions).
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      const seen = new Map<string, number>();
      let samples = 0;
      for (;;) {
        const active = await db.query<{ statement: string; wait: string }[]>(
          `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS statement, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait
             FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database() AND backend_type = 'client backend'`,
        );
        samples++;
        for (const a of active) seen.set(`${a.statement.trim()}… (${a.wait})`, (seen.get(`${a.statement.trim()}… (${a.wait})`) ?? 0) + 1);
        const [row] = await db.query<{ head: string | null; cursor: string | null }[]>(
          `SELECT (SELECT last_seq FROM event_log_heads WHERE event_id = $1) AS head, (SELECT last_seq FROM notifier_cursors WHERE event_id = $1) AS cursor`,
          [world.eventId],
        );
        if (row.head !== null && row.cursor !== null && Number(row.cursor) >= Number(row.head)) break;
        if (Date.now() > deadline)
          throw new Error(`the notifier had not reached the log's head ${DRAIN_TIMEOUT_MS / 60_000} min after the schedule (cursor ${row.cursor}, head ${row.head})`);
        await sleep(20);
      }
      t2 = now();
      drainStatements = Object.fromEntries(
        [...seen]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, n]) => [k, round(n / Math.max(1, samples))]),
      );
    }
    const meetings = await count(db, `SELECT count(*)::int AS n FROM meetings WHERE event_id = $1`, [world.eventId]);
    const notificationsWritten = await count(db, `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1`, [world.eventId]);
    return {
      notifications,
      meetings,
      connections,
      requestMs: round(t1 - t0, 0),
      endToEndMs: round(t2 - t0, 0),
      notificationsWritten,
      mailJobsWritten: await mailJobs(db),
      seedSeconds,
      drainStatements,
    };
  } finally {
    await app?.close();
    await dropDatabase(serverUrl, name).catch(() => undefined);
  }
}

async function schedulerPart(serverUrl: string) {
  // Warm-up: a small run with notifications, so neither measured side pays for the first
  // compilation of the scheduler, the notifier and the API's paths.
  await schedulerTurn(serverUrl, 0, 'on', 200);
  const turns: SchedulerTurn[] = [];
  for (const [i, side] of schedulerTurns(SCHEDULER_ROUNDS).entries()) {
    const turn = await schedulerTurn(serverUrl, i + 1, side);
    console.log(
      `  turn ${i + 1} (notifications ${side}): ${turn.meetings} meetings of ${turn.connections} connections; 2xx after ${turn.requestMs} ms, done after ${turn.endToEndMs} ms; ${turn.notificationsWritten} notifications, ${turn.mailJobsWritten} e-mail jobs (seeded in ${turn.seedSeconds} s)`,
    );
    if (turn.drainStatements) console.log(`    the API's PostgreSQL sessions while the notifier worked (share of samples): ${JSON.stringify(turn.drainStatements)}`);
    turns.push(turn);
  }
  const mean = (side: 'on' | 'off', f: (t: SchedulerTurn) => number) => sideMean(turns, (t) => t.notifications === side, f, 0);
  const on = mean('on', (t) => t.endToEndMs);
  const off = mean('off', (t) => t.endToEndMs);
  const ratio = ratioOf(on, off);
  const lastOn = turns.filter((t) => t.notifications === 'on').at(-1)!;
  return {
    perSide: PER_SIDE,
    rounds: SCHEDULER_ROUNDS,
    meetingsBooked: lastOn.meetings,
    notificationsWritten: lastOn.notificationsWritten,
    mailJobsWritten: lastOn.mailJobsWritten,
    withNotificationsMs: on,
    withNotificationsRequestMs: mean('on', (t) => t.requestMs),
    withoutNotificationsMs: off,
    ratio,
    goal: { ratioAtMost: SCHEDULER_RATIO_GOAL, met: verdict(ratio, { atMost: SCHEDULER_RATIO_GOAL }) === 'PASS' },
    turns,
  };
}

/** The same messages every turn, each with a fresh id (so a fresh Message-ID and job). */
function sampleMails(n: number, users: { id: string; email: string }[]): OutboundMail[] {
  const start = new Date(Date.now() + 26 * 3_600_000);
  return Array.from({ length: n }, (_, i) => {
    const user = users[i % users.length];
    const id = randomUUID();
    const partner = `Doanh nghiệp ${i}`;
    const text = `Cuộc gặp với ${partner} đã được xếp lịch.\n\nThời gian: 09:30–10:00 (giờ Hà Nội), ngày 20/11/2026\nHình thức: trực tuyến\n\nXem cuộc gặp: https://tradebridge.local/events/e/meetings/${id}\n\nBỏ nhận e-mail loại này: https://tradebridge.local/unsubscribe/${id}\n`;
    const html = `<!doctype html><html lang="vi"><body style="font-family:sans-serif"><h1>Cuộc gặp đã được xếp lịch</h1><p>Cuộc gặp với <strong>${partner}</strong> đã được xếp lịch.</p><table><tr><th>Thời gian</th><td>09:30–10:00 (giờ Hà Nội), ngày 20/11/2026</td></tr><tr><th>Hình thức</th><td>trực tuyến</td></tr></table><p><a href="https://tradebridge.local/events/e/meetings/${id}">Xem cuộc gặp</a></p><p style="color:#666;font-size:12px"><a href="https://tradebridge.local/unsubscribe/${id}">Bỏ nhận e-mail loại này</a></p></body></html>`;
    return {
      id,
      userId: user.id,
      to: user.email,
      locale: 'vi',
      kind: 'meeting.booked',
      subject: `Cuộc gặp với ${partner} lúc 09:30 ngày 20/11`,
      text,
      html,
      unsubscribe: true,
      invitations: [
        {
          uid: `${id}@tradebridge.local`,
          sequence: 0,
          method: 'REQUEST',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
          timezone: 'Asia/Ho_Chi_Minh',
          summary: `TradeBridge: ${partner}`,
          description: text,
          location: `https://tradebridge.local/meet/${id}`,
          url: `https://tradebridge.local/events/e/meetings/${id}`,
          organizer: { name: 'TradeBridge', email: 'no-reply@tradebridge.local' },
          attendees: [{ name: user.email, email: user.email }],
        },
      ],
    };
  });
}

/** Notifications of a booked meeting (as the notifier writes them), each with a fresh source (so a fresh Message-ID). */
function sampleNotifications(n: number, users: { id: string }[], eventId: string): NewNotification[] {
  const start = new Date(Date.now() + 26 * 3_600_000);
  return Array.from({ length: n }, (_, i) => {
    const id = randomUUID();
    return {
      userId: users[i % users.length].id,
      kind: 'meeting.booked' as const,
      eventId,
      source: `bench:${id}`,
      link: `/events/${eventId}/meetings`,
      data: {
        eventName: { vi: 'Hội nghị giao thương Lào Cai', zh: '老街贸易对接会', en: 'Lao Cai trade matchmaking' },
        eventTimezone: 'Asia/Ho_Chi_Minh',
        partnerName: { vi: `Doanh nghiệp ${i}`, zh: `企业 ${i}`, en: `Enterprise ${i}` },
        meeting: {
          id,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
          mode: 'online',
          venueName: null,
          venueTimezone: null,
          table: null,
          link: `https://tradebridge.local/meet/${id}`,
          status: 'scheduled',
          sequence: 0,
        },
      },
    };
  });
}

async function waitForSink(sink: ChildProcess, n: number, timeoutMs: number): Promise<SinkCount> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await rpc<SinkCount>(sink, { t: 'count' }, 'count', 10_000);
    if (c.messages >= n) return c;
    if (Date.now() > deadline) throw new Error(`the SMTP server had ${c.messages} of ${n} messages after ${timeoutMs / 1000} s`);
    await sleep(10);
  }
}

interface DeliveryTurn {
  side: 'worker' | 'bare';
  /** Whole messages (one job each), or notifications (bundled jobs, rendered when sent). */
  mail: 'whole' | 'notifications';
  mails: number;
  seconds: number;
  perSec: number;
  received: number;
  repeats: number;
  /** Worker: how long enqueueing took (not in `seconds`). */
  enqueueMs?: number;
  /** From the first message received to the last: the sending rate alone, without the worker's first poll. */
  sendingPerSec: number;
}

async function deliveryPart(serverUrl: string) {
  const sink = forkChild(join(__dirname, 'notifications', 'sink.js'));
  const { port: smtpPort } = await rpc<Extract<FromSink, { t: 'ready' }>>(sink, null, 'ready', 30_000);
  const name = 'bench_mail';
  const url = await createDatabase(serverUrl, name);
  const config = loadConfig({ ...baseEnv(url), NOTIFIER: 'off', MAIL_WORKER: 'on', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  const concurrency = productMailConcurrency(config);
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(config, url);
    await app.init();
    const db = app.get(DataSource);
    const users = Array.from({ length: 100 }, (_, i) => ({ id: randomUUID(), email: `bench.mail.${i}@tradebridge.local` }));
    await db.query(
      `INSERT INTO users (id, email, password_hash, display_name, roles, locale, timezone) SELECT id, e, 'x', 'Bench', '{}', 'vi', 'Asia/Ho_Chi_Minh' FROM unnest($1::uuid[], $2::text[]) AS t(id, e)`,
      [users.map((u) => u.id), users.map((u) => u.email)],
    );
    const outbox = mailOutboxOf(app);
    const transportOptions = { host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: concurrency, maxMessages: Infinity };

    let enqueueMs: number | undefined;
    // Timed from the jobs' commit (enqueueing is the notifier's cost, part 1) to the last message received.
    const worker = async (mails: OutboundMail[]): Promise<number> => {
      const t0 = now();
      // Enqueued as the notifier does: in transactions, a batch at a time.
      for (let i = 0; i < mails.length; i += 500) await db.transaction((tx) => outbox.enqueue(tx, mails.slice(i, i + 500)));
      const t1 = now();
      enqueueMs = t1 - t0;
      await waitForSink(sink, mails.length, 10 * 60_000);
      return now() - t1;
    };
    // As many in flight as the pool has connections: the worker's budget. Each message is
    // composed (text, HTML, headers, the invitation's iCalendar) when it is sent, as the
    // worker does: both sides start from the same OutboundMail and send the same bytes.
    const sendAll = async (transport: ReturnType<typeof createTransport>, mails: OutboundMail[]): Promise<void> => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < mails.length) await transport.sendMail(nodemailerMessage(mails[next++], config));
        }),
      );
    };
    /** Times `send` over a fresh pooled transport, to the sink holding `n` messages. */
    const bareLoop = async (n: number, send: (transport: ReturnType<typeof createTransport>) => Promise<void>): Promise<number> => {
      const transport = createTransport(transportOptions);
      try {
        const t0 = now();
        await send(transport);
        await waitForSink(sink, n, 60_000);
        return now() - t0;
      } finally {
        transport.close();
      }
    };
    const bare = (mails: OutboundMail[]): Promise<number> => bareLoop(mails.length, (transport) => sendAll(transport, mails));
    // Notifications as the notifier writes them: the worker renders and sends their bundles; the bare loop
    // renders the same rows (the product's renderer, a batch at a time) and sends them, so both send the same bytes.
    const [{ id: eventId }] = await db.query<{ id: string }[]>(
      `INSERT INTO events (name, timezone, starts_at, ends_at, created_by) VALUES ('{"en":"Bench"}', 'Asia/Ho_Chi_Minh', now(), now() + interval '1 day', $1) RETURNING id`,
      [users[0].id],
    );
    const writer = notificationWriterOf(app);
    const notificationsWorker = async (items: NewNotification[]): Promise<number> => {
      const t0 = now();
      for (let i = 0; i < items.length; i += 500) await db.transaction((tx) => writer.write(tx, items.slice(i, i + 500)));
      const t1 = now();
      enqueueMs = t1 - t0;
      await waitForSink(sink, items.length, 10 * 60_000);
      return now() - t1;
    };
    const notificationsBare = async (items: NewNotification[]): Promise<number> => {
      // The rows only, no jobs (the worker would send them too).
      const rows = await db.query<{ id: number }[]>(
        `INSERT INTO notifications (user_id, kind, event_id, source, data, link)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[]) RETURNING id::int AS id`,
        [items.map((n) => n.userId), items.map((n) => n.kind), items.map((n) => n.eventId), items.map((n) => n.source), items.map((n) => JSON.stringify(n.data)), items.map((n) => n.link)],
      );
      const ids = rows.map((r) => r.id);
      return bareLoop(items.length, async (transport) => {
        for (let i = 0; i < ids.length; i += config.mail.batchSize) {
          const rendered = await writer.render(ids.slice(i, i + config.mail.batchSize));
          await sendAll(
            transport,
            [...rendered.values()].filter((m): m is OutboundMail => m !== null),
          );
        }
      });
    };

    const measure = async <I>(mail: DeliveryTurn['mail'], make: (n: number) => I, sides: Record<'bare' | 'worker', (input: I) => Promise<number>>) => {
      // Warm-up: a few through each, so neither side pays for its first connections and JIT.
      for (const run of [sides.bare, sides.worker]) {
        await rpc(sink, { t: 'reset' }, 'reset', 10_000);
        await run(make(50));
      }
      const turns: DeliveryTurn[] = [];
      for (const side of alternatingTurns<'bare' | 'worker'>('bare', 'worker', DELIVERY_ROUNDS, QUICK)) {
        await rpc(sink, { t: 'reset' }, 'reset', 10_000);
        const input = make(MAILS);
        enqueueMs = undefined;
        const ms = await sides[side](input);
        const c = await rpc<SinkCount>(sink, { t: 'count' }, 'count', 10_000);
        const span = c.firstAt !== null && c.lastAt !== null ? c.lastAt - c.firstAt : NaN;
        const turn: DeliveryTurn = {
          side,
          mail,
          mails: MAILS,
          seconds: round(ms / 1000, 2),
          perSec: round((MAILS / ms) * 1000, 1),
          received: c.messages,
          repeats: c.repeats,
          ...(enqueueMs !== undefined ? { enqueueMs: round(enqueueMs, 0) } : {}),
          sendingPerSec: round(((MAILS - 1) / span) * 1000, 1),
        };
        console.log(
          `  ${mail === 'whole' ? 'whole messages' : 'notifications '}, ${side === 'bare' ? 'bare nodemailer' : 'product worker '}: ${turn.mails} e-mails in ${turn.seconds} s = ${turn.perSec}/s (first to last received: ${turn.sendingPerSec}/s; ${turn.received} received, ${turn.repeats} repeated${turn.enqueueMs !== undefined ? `; enqueued in ${turn.enqueueMs} ms before, not counted` : ''})`,
        );
        turns.push(turn);
      }
      const mean = (side: 'bare' | 'worker', f: (t: DeliveryTurn) => number) => sideMean(turns, (t) => t.side === side, f, 1);
      const workerPerSec = mean('worker', (t) => t.perSec);
      const barePerSec = mean('bare', (t) => t.perSec);
      const ratio = ratioOf(workerPerSec, barePerSec);
      return {
        workerPerSec,
        barePerSec,
        ratio,
        sending: {
          workerPerSec: mean('worker', (t) => t.sendingPerSec),
          barePerSec: mean('bare', (t) => t.sendingPerSec),
          ratio: ratioOf(
            mean('worker', (t) => t.sendingPerSec),
            mean('bare', (t) => t.sendingPerSec),
          ),
        },
        goal: { ratioAtLeast: THROUGHPUT_RATIO_GOAL, met: verdict(ratio, { atLeast: THROUGHPUT_RATIO_GOAL }) === 'PASS' },
        turns,
      };
    };
    const whole = await measure('whole', (n) => sampleMails(n, users), { bare, worker });
    const notifications = await measure('notifications', (n) => sampleNotifications(n, users, eventId), { bare: notificationsBare, worker: notificationsWorker });
    return { mails: MAILS, concurrency, bundle: config.mail.bundleSize, ...whole, notifications };
  } finally {
    await app?.close();
    await stopChild(sink).catch(() => undefined);
    await dropDatabase(serverUrl, name).catch(() => undefined);
  }
}

export async function main(): Promise<void> {
  const totalStart = Date.now();
  const database = await benchDatabase();
  const loadStart = loadavg().map((x) => round(x));
  try {
    let scheduler: Awaited<ReturnType<typeof schedulerPart>> | undefined;
    let delivery: Awaited<ReturnType<typeof deliveryPart>> | undefined;
    if (PARTS.includes('scheduler')) {
      console.log(`scheduler run with notifications (${PER_SIDE} + ${PER_SIDE} registrations, ${2 * PER_SIDE} accepted connections; notifications off, then on, each on a fresh database):`);
      scheduler = await schedulerPart(database.url);
      console.log(
        `  ${scheduler.meetingsBooked} meetings booked, ${scheduler.notificationsWritten} notifications and ${scheduler.mailJobsWritten} e-mail jobs written; with notifications ${scheduler.withNotificationsMs} ms (its 2xx after ${scheduler.withNotificationsRequestMs} ms), without ${scheduler.withoutNotificationsMs} ms: ratio ${scheduler.ratio} (goal ≤ ${SCHEDULER_RATIO_GOAL}) ${scheduler.goal.met ? 'PASS' : 'FAIL'}`,
      );
    }
    if (PARTS.includes('delivery')) {
      console.log(`delivery throughput (${MAILS} e-mails to a local smtp-server):`);
      delivery = await deliveryPart(database.url);
      console.log(
        `  whole messages: product worker ${delivery.workerPerSec}/s vs bare nodemailer ${delivery.barePerSec}/s (pool of ${delivery.concurrency} connections each): ratio ${delivery.ratio} (goal ≥ ${THROUGHPUT_RATIO_GOAL}) ${delivery.goal.met ? 'PASS' : 'FAIL'}`,
      );
      const n = delivery.notifications;
      console.log(
        `  notifications (bundles of ${delivery.bundle}): product worker ${n.workerPerSec}/s vs bare render + nodemailer ${n.barePerSec}/s: ratio ${n.ratio} (goal ≥ ${THROUGHPUT_RATIO_GOAL}) ${n.goal.met ? 'PASS' : 'FAIL'}`,
      );
    }
    const figures = {
      benchmark: 'notifications',
      quick: QUICK,
      scheduler,
      delivery,
      loadAverage: { start: loadStart, end: loadavg().map((x) => round(x)) },
      node: process.version,
      at: new Date().toISOString(),
      totalSeconds: round((Date.now() - totalStart) / 1000, 1),
    };
    console.log(`wrote ${writeResults('notifications', figures)} (${figures.totalSeconds} s in all)`);
  } finally {
    killChildren();
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
