import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AccountsService } from '@tradebridge/accounts';
import { readConfigOrExit, migrateDatabase, onShutdown, prepareDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from './app';

/**
 * `npm start`: validated config → PostgreSQL (embedded when DATABASE_URL is
 * unset) → migrations → API + web on one URL → first admin printed once.
 */
async function main(): Promise<void> {
  const logger = new Logger('TradeBridge');
  const config = readConfigOrExit();

  if (!config.databaseUrl) logger.log(`starting the embedded PostgreSQL (data in ${config.dataDir}/postgres)`);
  const database = await prepareDatabase(config);
  const applied = await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);

  const app = await createApiApp(config, database.url);
  const admin = await app.get(AccountsService).ensureAdmin();
  await app.listen(config.port, config.host);

  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  const lines = [`TradeBridge is running at ${url}`, `  API docs: ${url}/api/docs`, `  health:   ${url}/health`];
  if (admin?.generated) {
    lines.push(`  first admin (printed once, keep it): ${admin.email} / ${admin.password}`);
  } else if (admin) {
    lines.push(`  first admin: ${admin.email} (password from ADMIN_PASSWORD)`);
  }
  console.log(`\n${lines.join('\n')}\n`);

  onShutdown(logger, async () => {
    await app.close();
    await database.stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
