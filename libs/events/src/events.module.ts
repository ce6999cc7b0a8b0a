import { Module } from '@nestjs/common';
import { AccountsModule } from '@tradebridge/accounts';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventAccess } from './event-access';
import { EventLogService } from './event-log.service';

@Module({
  imports: [AccountsModule],
  providers: [EventsRepository, EventsService, EventAccess, EventLogService],
  exports: [EventsRepository, EventsService, EventAccess, EventLogService],
})
export class EventsModule {}
