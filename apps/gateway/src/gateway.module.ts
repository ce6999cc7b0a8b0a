import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { GatewayHealthController } from './health.controller';

/**
 * The realtime process (Socket.IO namespace `/live`, coming with the realtime
 * issue). It shares the domain libs and the database with the API but never
 * imports the API: they meet through the event log.
 */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: GatewayModule,
      imports: [CoreModule.forRoot({ config, databaseUrl, entities: ENTITIES, migrations: MIGRATIONS, applicationName: 'tradebridge-gateway' })],
      controllers: [GatewayHealthController],
    };
  }
}
