import 'reflect-metadata';
import { migrateDatabase, prepareDatabase, readConfigOrExit } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded server) and exits. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const database = await prepareDatabase(config);
  try {
    const applied = await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
