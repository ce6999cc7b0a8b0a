import pg from 'pg';

export default async function globalTeardown() {
  if (!globalThis.__TB_TEST_DATABASE__) return;
  globalThis.__TB_TEST_DATABASE__ = false;
  const server = globalThis.__TB_EMBEDDED_PG__;
  if (server) {
    await server.stop();
    return;
  }
  // External server: drop this run's database.
  const serverUrl = process.env.TB_TEST_SERVER_URL;
  const name = process.env.TB_TEST_DATABASE_NAME;
  if (!serverUrl || !name) return;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
