import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { HealthService, onShutdown, readConfigOrExit } from '@tradebridge/core';
import { createGatewayApp, stopGateway } from './app';

/**
 * `npm run start:gateway`: the realtime process on GATEWAY_PORT. It needs the
 * database the API migrated (DATABASE_URL); it never starts one of its own.
 */
async function main(): Promise<void> {
  const logger = new Logger('Gateway');
  const config = readConfigOrExit();
  if (!config.databaseUrl) {
    console.error('The gateway needs DATABASE_URL (the API process owns the embedded PostgreSQL).');
    process.exit(1);
  }
  const app = await createGatewayApp(config, config.databaseUrl);
  await app.listen(config.gatewayPort, config.host);
  logger.log(`gateway listening on port ${config.gatewayPort}${config.redisUrl ? ' (Redis adapter)' : ''}`);
  onShutdown(logger, { drainMs: config.shutdownDrainSeconds * 1000, drain: () => app.get(HealthService).drain(), close: () => stopGateway(app) });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
