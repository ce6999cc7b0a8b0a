/**
 * The product under test for the call setup benchmark, in its own process: the
 * API, the `/live` gateway and the built web app on one port, composed as
 * `npm start` composes them (apps/standalone/src/compose.ts), NODE_ENV=production,
 * on BENCH_CALLS_DATABASE_URL (already migrated), listening on 127.0.0.1:BENCH_CALLS_PORT.
 * Sends `{ t: 'ready', port }`, stops on `{ t: 'stop' }` (answers `stopped`).
 */
import '../gateway/register';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tradebridge/core';
import { closeStandaloneApp, createStandaloneApp } from '../../apps/standalone/src/compose';

async function start(): Promise<() => Promise<void>> {
  const port = Number(process.env.BENCH_CALLS_PORT);
  const databaseUrl = process.env.BENCH_CALLS_DATABASE_URL!;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: process.env.BENCH_CALLS_JWT_SECRET,
    LOG_LEVEL: 'error',
    DATA_DIR: tmpdir(),
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // dist/bench/calls/server.js → the repository's apps/web/dist.
    WEB_DIST_DIR: join(__dirname, '..', '..', '..', 'apps', 'web', 'dist'),
  });
  const app = await createStandaloneApp(config, databaseUrl);
  await app.listen(port, '127.0.0.1');
  process.send?.({ t: 'ready', port });
  return () => closeStandaloneApp(app);
}

start().then(
  (stop) => {
    process.on('message', (m: { t: string }) => {
      if (m.t !== 'stop') return;
      void stop().finally(() => {
        process.send?.({ t: 'stopped' });
        process.disconnect?.();
      });
    });
  },
  (error: unknown) => {
    process.send?.({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
