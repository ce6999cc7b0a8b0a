import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { LiveRepository } from './live.repository';
import { PitchService } from './pitch.service';
import { MeetingCallRepository } from './meeting-call.repository';
import { MeetingCallService } from './meeting-call.service';

@Module({
  imports: [EventsModule],
  providers: [LiveRepository, PitchService, MeetingCallRepository, MeetingCallService],
  exports: [LiveRepository, PitchService, MeetingCallService],
})
export class LiveModule {}
