import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { ConnectionsModule } from '@tradebridge/connections';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { RescheduleRepository } from './reschedule.repository';
import { AttendanceNowRepository } from './attendance-now.repository';
import { AttendanceNowService } from './attendance-now.service';

@Module({
  imports: [EventsModule, RegistrationsModule, ConnectionsModule],
  providers: [MeetingsRepository, MeetingsService, AttendanceRepository, AttendanceService, RescheduleRepository, AttendanceNowRepository, AttendanceNowService],
  exports: [MeetingsService, AttendanceService, AttendanceNowService],
})
export class MeetingsModule {}
