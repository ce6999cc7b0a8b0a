import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger, readConfigOrExit, onShutdown } from '@tradebridge/core';
import { GatewayModule } from './gateway.module';

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
  const app = await NestFactory.create(GatewayModule.forRoot(config, config.databaseUrl), { logger: new AppLogger(config.logLevel) });
  await app.listen(config.gatewayPort, config.host);
  logger.log(`gateway listening on port ${config.gatewayPort}`);
  onShutdown(logger, () => app.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
