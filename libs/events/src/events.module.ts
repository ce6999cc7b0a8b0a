import { Module } from '@nestjs/common';
import { AccountsModule } from '@tradebridge/accounts';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventAccess } from './event-access';
import { EventLogService } from './event-log.service';
import { RoomAccess, StaffRoomsRepository, StaffRoomsService } from './staff-rooms';

@Module({
  imports: [AccountsModule],
  providers: [EventsRepository, EventsService, EventAccess, EventLogService, StaffRoomsRepository, RoomAccess, StaffRoomsService],
  exports: [EventsRepository, EventsService, EventAccess, EventLogService, StaffRoomsRepository, RoomAccess, StaffRoomsService],
})
export class EventsModule {}
