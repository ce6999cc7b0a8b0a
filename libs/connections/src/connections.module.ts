import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { MatchmakingModule } from '@tradebridge/matchmaking';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { IdempotencyRepository } from './idempotency.repository';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';
import { ConnectionExpiry } from './connection-expiry';

@Module({
  imports: [EventsModule, RegistrationsModule, MatchmakingModule],
  providers: [ConnectionsRepository, ConnectionsService, IdempotencyRepository, OutcomesRepository, OutcomesService, ConnectionExpiry],
  exports: [ConnectionsRepository, ConnectionsService, OutcomesService, ConnectionExpiry],
})
export class ConnectionsModule {}
