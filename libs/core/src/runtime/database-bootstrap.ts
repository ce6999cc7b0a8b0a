import { Client } from 'pg';
import { AppConfig } from '../config/config';
import { createDataSource, EntityList, MigrationList } from '../database/data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded server; a no-op for an external database. */
  stop(): Promise<void>;
}

/** The configured PostgreSQL, or an embedded one under the data folder when `DATABASE_URL` is unset. */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void = () => undefined): Promise<PreparedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  let server: EmbeddedPostgres | undefined;
  try {
    server = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      database: 'tradebridge',
      log,
    });
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${config.embeddedPostgresPort} under ${config.dataDir}: ${(error as Error).message}. ` +
        'Set DATABASE_URL to use another server, or EMBEDDED_PG_PORT if the port is taken.',
    );
  }
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

// Any constant works: it only has to be the same in every process.
const MIGRATION_LOCK = 728_341_905;

/**
 * Runs pending migrations under an advisory lock, so several API processes (or
 * parallel test workers) starting together apply them once.
 */
export async function migrateDatabase(url: string, entities: EntityList, migrations: MigrationList): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const dataSource = createDataSource({ url, entities, migrations, poolSize: 2, applicationName: 'tradebridge-migrate' });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
