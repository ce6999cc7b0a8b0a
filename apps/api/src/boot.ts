import { INestApplication, Logger } from '@nestjs/common';
import { AccountsService } from '@tradebridge/accounts';
import { AppConfig, HealthService, migrateDatabase, onShutdown, prepareDatabase, readConfigOrExit } from '@tradebridge/core';
import { MailSender } from '@tradebridge/mail';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from './app';

export interface BootOptions {
  /** Builds the app (default: the API alone; apps/standalone/src/compose.ts adds the live gateway). */
  create?: (config: AppConfig, databaseUrl: string) => Promise<INestApplication>;
  /** Runs before the first admin is made and the app listens. */
  prepare?: (app: INestApplication, config: AppConfig) => Promise<void>;
  /** Runs first on SIGTERM/SIGINT, before the app closes. */
  beforeClose?: (app: INestApplication) => void;
  /** Extra lines for the start banner. */
  banner?: (url: string) => string[];
}

/**
 * Validated config → PostgreSQL (embedded when DATABASE_URL is unset) →
 * migrations → the app on one URL → first admin printed once → clean stop.
 */
export async function bootApi(options: BootOptions = {}): Promise<void> {
  const logger = new Logger('TradeBridge');
  const config = readConfigOrExit();

  if (!config.databaseUrl) logger.log(`starting the embedded PostgreSQL (data in ${config.dataDir}/postgres)`);
  const database = await prepareDatabase(config);
  const applied = await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);

  const app = await (options.create ?? createApiApp)(config, database.url);
  await options.prepare?.(app, config);
  const admin = await app.get(AccountsService).ensureAdmin();
  await app.listen(config.port, config.host);

  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    `TradeBridge is running at ${url}`,
    `  API docs: ${url}/api/docs`,
    `  health:   ${url}/health`,
    ...(options.banner?.(url) ?? []),
    `  e-mail:   ${app.get(MailSender).describe(url)}`,
  ];
  if (admin?.generated) {
    lines.push(`  first admin (printed once, keep it): ${admin.email} / ${admin.password}`);
  } else if (admin) {
    lines.push(`  first admin: ${admin.email} (password from ADMIN_PASSWORD)`);
  }
  console.log(`\n${lines.join('\n')}\n`);

  onShutdown(logger, {
    drainMs: config.shutdownDrainSeconds * 1000,
    drain: () => app.get(HealthService).drain(),
    close: async () => {
      options.beforeClose?.(app);
      await app.close();
      await database.stop();
    },
  });
}
