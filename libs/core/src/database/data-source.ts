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
}

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
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
