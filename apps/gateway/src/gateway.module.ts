import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@tradebridge/core';
import { AccountsModule } from '@tradebridge/accounts';
import { EventsModule } from '@tradebridge/events';
import { ConnectionsModule } from '@tradebridge/connections';
import { LiveModule } from '@tradebridge/live';
import { NotificationsReadModule } from '@tradebridge/notifications';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { GatewayHealthController } from './health.controller';
import { LiveGateway } from './live.gateway';
import { LogRelay } from './log-relay';
import { MeetingCalls } from './meeting-calls';
import { NotificationRelay } from './notification-relay';
import { PresenceService } from './presence.service';
import { StatsService } from './stats.service';

/** The `/live` namespace and what feeds it; mounted by the gateway process, or beside the API by `npm start`. */
@Module({
  imports: [AccountsModule, EventsModule, ConnectionsModule, LiveModule, NotificationsReadModule],
  providers: [LiveGateway, LogRelay, MeetingCalls, NotificationRelay, PresenceService, StatsService],
  exports: [LiveGateway],
})
export class LiveGatewayModule {}

/**
 * The realtime process: Socket.IO namespace `/live` and its own /health. It
 * shares the domain libs and the database with the API but never imports the
 * API: they meet through the event log.
 */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: GatewayModule,
      imports: [CoreModule.forRoot({ config, databaseUrl, entities: ENTITIES, migrations: MIGRATIONS, applicationName: 'tradebridge-gateway' }), LiveGatewayModule],
      controllers: [GatewayHealthController],
    };
  }
}
