import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

/** What TypeORM takes as `entities` and `migrations`: classes, schemas or glob paths. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;
export type MigrationList = NonNullable<DataSourceOptions['migrations']>;

export interface DataSourceSettings {
  url: string;
  entities: EntityList;
  migrations: MigrationList;
  poolSize?: number;
  applicationName?: string;
  /**
   * Request-serving pools: PostgreSQL cancels a statement running longer than
   * this, and the client gives up on one the server never answers (a frozen or
   * unreachable server) a second later. Unset (migrations): no limit.
   */
  statementTimeoutMs?: number;
  /** How long to wait for a new connection (TCP and PostgreSQL's startup); default 5 s. */
  connectTimeoutMs?: number;
}

/** What pg says when a query got no answer within `query_timeout`. */
const READ_TIMEOUT = 'Query read timeout';

/**
 * A pg client that drops its connection when a query got no answer in time.
 * pg only stops waiting: the query stays on the wire, the connection goes back
 * to the pool with it, and a later ROLLBACK queued behind it is never sent, so
 * once the server answers again the next borrower would run inside the
 * abandoned transaction. Closing the socket makes the pool discard the client
 * and the server roll the transaction back.
 */
export class TimeoutDroppingClient extends Client {}
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .apply(this) below
const query = Client.prototype.query;
TimeoutDroppingClient.prototype.query = function (this: Client, ...args: unknown[]): unknown {
  const result = (query as (...a: unknown[]) => unknown).apply(this, args);
  const dropOnTimeout = (error: unknown) => {
    if (error instanceof Error && error.message === READ_TIMEOUT) (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  };
  if (result instanceof Promise) result.catch(dropOnTimeout);
  return result;
} as typeof query;

/** TypeORM over `pg`. Schema changes only through reviewed migrations: never `synchronize`. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as errors the HTTP filter maps (and logs when unexpected).
    logging: false,
    applicationName: settings.applicationName ?? 'tradebridge',
    extra: {
      max: settings.poolSize ?? 20,
      // Fail fast when the server is gone instead of hanging a request.
      connectionTimeoutMillis: settings.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      // A peer that vanished without closing (host down, network cut) is noticed by the kernel.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(settings.statementTimeoutMs === undefined
        ? {}
        : { Client: TimeoutDroppingClient, statement_timeout: settings.statementTimeoutMs, query_timeout: settings.statementTimeoutMs + 1_000 }),
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
