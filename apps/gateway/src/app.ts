import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, AppLogger } from '@tradebridge/core';
import { GatewayModule } from './gateway.module';
import { LiveGateway } from './live.gateway';
import { RealtimeAdapter } from './realtime.adapter';

/** Builds the gateway exactly as production runs it; `main.ts` and the live tests both use this. */
export async function createGatewayApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create(GatewayModule.forRoot(config, databaseUrl), { logger: new AppLogger(config.logLevel) });
  const adapter = new RealtimeAdapter(app);
  if (config.redisUrl) await adapter.connectToRedis(config.redisUrl);
  app.useWebSocketAdapter(adapter);
  return app;
}

/** Graceful stop: tell clients to reconnect, stop accepting, close within the shutdown grace. */
export async function stopGateway(app: INestApplication): Promise<void> {
  app.get(LiveGateway).farewell();
  await app.close();
}
