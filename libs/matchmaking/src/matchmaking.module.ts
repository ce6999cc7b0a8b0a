import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { ProfilesRepository } from './profiles.repository';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';

@Module({
  imports: [EventsModule, RegistrationsModule],
  providers: [ProfilesRepository, RecommendationsRepository, RecommendationsService],
  exports: [ProfilesRepository, RecommendationsService],
})
export class MatchmakingModule {}
