import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { closeAllSockets, connect } from '../factories/live';
import { createIsolatedDatabase } from '../factories/database-guard';

/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, so the built API starts an
 * embedded PostgreSQL under DATA_DIR, prints one URL and the first admin, stops
 * cleanly on SIGTERM and keeps its data across a restart.
 */
const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How long `docker stop` (and Kubernetes, 30 s) waits after SIGTERM before SIGKILL: a clean stop fits in it. */
const GRACE_MS = 10_000;

/** SIGTERM, then SIGKILL once the grace period is over, as an orchestrator stops a container; resolves with how it ended. */
async function terminate(running: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  running.child.kill(signal);
  const kill = setTimeout(() => running.child.kill('SIGKILL'), GRACE_MS);
  try {
    return await running.exited;
  } finally {
    clearTimeout(kill);
  }
}

/** `npm start` itself (npm → sh → exec node), or one built entry point run directly. */
function start(env: Record<string, string>, entry: 'npm start' | 'api' | 'gateway' | 'migrate' = 'api'): Running {
  let output = '';
  const [command, args] = entry === 'npm start' ? ['npm', ['start']] : [process.execPath, [join(ROOT, 'bin', 'run.js'), entry]];
  // Only what a newcomer's shell would have: no DATABASE_URL from the test run.
  const child = spawn(command, args, {
    cwd: ROOT,
    // The attendance rules off: an API started here on the shared test database would mark other specs' 2021 meetings missed.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', MEETING_ATTENDANCE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

async function waitFor(running: Running, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (running.child.exitCode !== null) throw new Error(`process exited early:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${running.output()}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start on a fresh machine', () => {
  beforeAll(() => {
    if (!existsSync(ENTRY)) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  });

  it('starts with an embedded PostgreSQL, prints the URL and the admin once, exits 0 on SIGTERM, and keeps data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tradebridge-start-'));
    chmodSync(dataDir, 0o755);
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), HOST: '127.0.0.1' };

    const first = start(env, 'npm start');
    const [, url] = await waitFor(first, /TradeBridge is running at (http:\/\/\S+)/, 90_000);
    const [, email, password] = await waitFor(first, /first admin \(printed once, keep it\): (\S+) \/ (\S+)/);
    expect(url).toBe(`http://127.0.0.1:${env.PORT}`);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { database: 'up' } });
    const docs = await fetch(`${url}/api/docs-json`);
    expect(docs.status).toBe(200);

    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const event = await fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: { vi: 'Hội nghị giữ dữ liệu' }, timezone: 'Asia/Ho_Chi_Minh', startsAt: '2026-03-01T01:00:00Z', endsAt: '2026-03-01T09:00:00Z' }),
    });
    expect(event.status).toBe(201);
    const { id: eventId } = (await event.json()) as { id: string };

    // The live gateway answers on the same URL.
    const live = await connect(url, accessToken);
    try {
      const subscribed = (await live.timeout(5_000).emitWithAck('event.subscribe', { eventId })) as { ok: boolean; data: { staff: boolean } };
      expect(subscribed).toMatchObject({ ok: true, data: { staff: true } });
    } finally {
      closeAllSockets();
    }

    const postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postgresPid)).toBe(true);
    // Exits 0 within the grace period (a SIGKILL after it would show as the signal).
    expect(await terminate(first)).toEqual({ code: 0, signal: null });
    expect(alive(postgresPid)).toBe(false);

    // Restart: same data, no new admin printed.
    const second = start(env);
    await waitFor(second, /TradeBridge is running at/);
    expect(second.output()).not.toMatch(/first admin/);
    const again = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(again.status).toBe(200);
    const token = ((await again.json()) as { accessToken: string }).accessToken;
    const kept = await fetch(`${url}/api/events/${eventId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({ name: { vi: 'Hội nghị giữ dữ liệu' } });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 120_000);

  it('starts two API processes at once on one empty database: both serve, one admin exists, its password is printed once', async () => {
    const database = await createIsolatedDatabase('two_starts');
    // Migrated but without a user: both processes then boot side by side, as after `npm run migrate`.
    await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
    const dataDir = mkdtempSync(join(tmpdir(), 'tradebridge-two-'));
    const common = { DATABASE_URL: database.url, DATA_DIR: dataDir, HOST: '127.0.0.1', JWT_SECRET: 'two-processes-secret-0123456789-abcdefghij' };
    const ports = [await freePort(), await freePort()];
    // Writes to users wait until both processes wait on a lock: whatever each checks before
    // writing, it checks while the other has not written yet (the race, held open, not timed).
    const gate = new Client({ connectionString: database.url });
    await gate.connect();
    await gate.query('BEGIN');
    await gate.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    // Its own session: inside the gate's transaction pg_stat_activity would stay one snapshot.
    const watch = new Client({ connectionString: database.url });
    await watch.connect();
    const processes = ports.map((port) => start({ ...common, PORT: String(port) }));
    try {
      for (const deadline = Date.now() + 60_000; ;) {
        const { rows } = await watch.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n >= 2) break;
        for (const p of processes) if (p.child.exitCode !== null) throw new Error(`process exited early:\n${p.output()}`);
        if (Date.now() > deadline) {
          const { rows: activity } = await watch.query(`SELECT application_name, state, wait_event_type, wait_event, query FROM pg_stat_activity WHERE datname = current_database()`);
          throw new Error(`the processes never both waited:\n${JSON.stringify(activity, null, 1)}\n${processes.map((p) => p.output()).join('\n---\n')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await gate.query('COMMIT');
      await Promise.all(processes.map((p) => waitFor(p, /TradeBridge is running at/, 90_000)));
      for (const port of ports) {
        const health = await fetch(`http://127.0.0.1:${port}/health`);
        expect(health.status).toBe(200);
      }
      const printed = processes.filter((p) => /first admin \(printed once, keep it\): \S+ \/ \S+/.test(p.output()));
      expect(printed).toHaveLength(1);
      const [, email, password] = printed[0].output().match(/first admin \(printed once, keep it\): (\S+) \/ (\S+)/)!;
      const { rows } = await gate.query(`SELECT email FROM users WHERE 'admin' = ANY(roles)`);
      expect(rows).toEqual([{ email }]);
      // The printed password is the stored one, whichever process serves the login.
      for (const port of ports) {
        const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
        expect(login.status).toBe(200);
      }
    } finally {
      await Promise.all([gate.end(), watch.end()]);
      for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all(processes.map((p) => p.exited));
      await database.drop();
    }
  }, 120_000);

  it('refuses to start on bad configuration, listing every bad variable', async () => {
    const bad = start({ PORT: 'eighty', JWT_TTL: 'forever', DATABASE_URL: 'mysql://nope' });
    const { code } = await bad.exited;
    expect(code).toBe(1);
    expect(bad.output()).toMatch(/Invalid configuration/);
    for (const name of ['PORT', 'JWT_TTL', 'DATABASE_URL']) expect(bad.output()).toContain(name);
  });

  it('runs the gateway as its own process with its own /health, and the migrate command', async () => {
    const databaseUrl = process.env.TB_TEST_DATABASE_URL!;
    const migrate = start({ DATABASE_URL: databaseUrl }, 'migrate');
    expect((await migrate.exited).code).toBe(0);
    expect(migrate.output()).toMatch(/the database is up to date|applied:/);

    const port = await freePort();
    const gateway = start({ DATABASE_URL: databaseUrl, GATEWAY_PORT: String(port), HOST: '127.0.0.1' }, 'gateway');
    await waitFor(gateway, /gateway listening on port/);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'gateway', checks: { database: 'up' } });
    expect(await terminate(gateway)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('stops the gateway gracefully on SIGTERM: clients are told to reconnect, and it exits 0 within 10 s', async () => {
    const databaseUrl = process.env.TB_TEST_DATABASE_URL!;
    await migrateDatabase(databaseUrl, ENTITIES, MIGRATIONS);
    const secret = 'process-test-secret-0123456789-abcdefghij';
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const email = `shutdown.${Date.now()}@example.test`;
    const { rows } = await db.query(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', 'Shutdown test') RETURNING id`, [email]);
    await db.end();
    const token = new JwtService({ secret }).sign({ sub: rows[0].id, email, roles: [] }, { expiresIn: 600 });

    const port = await freePort();
    const gateway = start({ DATABASE_URL: databaseUrl, GATEWAY_PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: secret }, 'gateway');
    await waitFor(gateway, /gateway listening on port/);
    try {
      const clients = await Promise.all([1, 2, 3].map(() => connect(`http://127.0.0.1:${port}`, token)));
      const told = clients.map((c) => new Promise((resolve) => c.once('shutdown', resolve)));
      const gone = clients.map((c) => new Promise((resolve) => c.once('disconnect', resolve)));
      const stopped = terminate(gateway);
      const messages = await Promise.all(told);
      expect(messages[0]).toMatchObject({ reconnect: true });
      await Promise.all(gone);
      expect(await stopped).toEqual({ code: 0, signal: null });
    } finally {
      closeAllSockets();
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    }
  }, 60_000);
});
