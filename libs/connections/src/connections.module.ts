import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { MatchmakingModule } from '@tradebridge/matchmaking';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

@Module({
  imports: [EventsModule, RegistrationsModule, MatchmakingModule],
  providers: [ConnectionsRepository, ConnectionsService, OutcomesRepository, OutcomesService],
  // ConnectionExpiry (the sweeper) is provided by the API only: gateways import this module too.
  exports: [ConnectionsRepository, ConnectionsService, OutcomesService],
})
export class ConnectionsModule {}
