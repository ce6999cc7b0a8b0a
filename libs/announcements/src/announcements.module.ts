import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { AnnouncementsRepository } from './announcements.repository';
import { AnnouncementsService } from './announcements.service';

/** Organizers' announcements: the row, its audience and the `announcement.sent` log entry. */
@Module({
  imports: [EventsModule],
  providers: [AnnouncementsRepository, AnnouncementsService],
  exports: [AnnouncementsService],
})
export class AnnouncementsModule {}
