import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { ConnectionsModule } from '@tradebridge/connections';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [EventsModule, RegistrationsModule, ConnectionsModule],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
