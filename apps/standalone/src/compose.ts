import { INestApplication } from '@nestjs/common';
import type { AppConfig, Clock } from '@tradebridge/core';
import { createApiApp } from '../../api/src/app';
import { bootApi, BootOptions } from '../../api/src/boot';
import { LiveGatewayModule } from '../../gateway/src/gateway.module';
import { LiveGateway } from '../../gateway/src/live.gateway';
import { RealtimeAdapter } from '../../gateway/src/realtime.adapter';

/**
 * The standalone composition root: the API, the live gateway (`/live`) and the
 * web app in one process on one port, for a newcomer's machine, a small event
 * and the demo. It is the one place that puts the gateway beside the API, so
 * the API never imports the gateway (production runs them apart: bin/run.js
 * api | gateway). `npm start` (main.ts), `npm run demo` (apps/demo) and the
 * tests that need the whole product on one URL all use it.
 */

/** The API with the gateway's module mounted beside it and the Socket.IO adapter attached (Redis when configured); not listening yet. */
export async function createStandaloneApp(config: AppConfig, databaseUrl: string, clock?: Clock): Promise<INestApplication> {
  const app = await createApiApp(config, databaseUrl, [LiveGatewayModule], clock);
  const adapter = new RealtimeAdapter(app);
  if (config.redisUrl) await adapter.connectToRedis(config.redisUrl);
  app.useWebSocketAdapter(adapter);
  return app;
}

/** Tells the sockets to reconnect elsewhere, then closes the app. */
export async function closeStandaloneApp(app: INestApplication): Promise<void> {
  app.get(LiveGateway).farewell();
  await app.close();
}

/** What a caller adds to the standalone boot (the demo: its admin, its simulator's stop). */
export type StandaloneOptions = Pick<BootOptions, 'prepare' | 'beforeClose'>;

/** Boots the standalone server as `npm start` runs it: config, PostgreSQL, migrations, the composed app, the banner, a clean stop. */
export function bootStandalone(options: StandaloneOptions = {}): Promise<void> {
  return bootApi({
    create: createStandaloneApp,
    prepare: options.prepare,
    beforeClose: (app) => {
      options.beforeClose?.(app);
      app.get(LiveGateway).farewell();
    },
    banner: (url) => [`  live:     ${url}/live (Socket.IO)`],
  });
}
