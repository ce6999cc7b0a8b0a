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
  exited: Promise<{ code: number | null; ms: number }>;
}

/** `npm start` itself (npm → sh → exec node), or one built entry point run directly. */
function start(env: Record<string, string>, entry: 'npm start' | 'api' | 'gateway' | 'migrate' = 'api'): Running {
  let output = '';
  const [command, args] = entry === 'npm start' ? ['npm', ['start']] : [process.execPath, [join(ROOT, 'bin', 'run.js'), entry]];
  // Only what a newcomer's shell would have: no DATABASE_URL from the test run.
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let signalledAt = 0;
  const original = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => {
    signalledAt = Date.now();
    return original(signal);
  };
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => child.on('exit', (code) => resolve({ code, ms: Date.now() - signalledAt })));
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
    first.child.kill('SIGTERM');
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
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
    gateway.child.kill('SIGTERM');
    const stopped = await gateway.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
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
      gateway.child.kill('SIGTERM');
      const messages = await Promise.all(told);
      expect(messages[0]).toMatchObject({ reconnect: true });
      await Promise.all(gone);
      const stopped = await gateway.exited;
      expect(stopped.code).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
    } finally {
      closeAllSockets();
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    }
  }, 60_000);
});
