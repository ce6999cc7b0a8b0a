import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { LiveRepository } from './live.repository';
import { PitchService } from './pitch.service';

@Module({
  imports: [EventsModule],
  providers: [LiveRepository, PitchService],
  exports: [LiveRepository, PitchService],
})
export class LiveModule {}
