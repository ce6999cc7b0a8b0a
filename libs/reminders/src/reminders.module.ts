import { Module } from '@nestjs/common';
import { NotificationsModule } from '@tradebridge/notifications';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** Reminders before meetings and before requests expire; the sweeper runs in API processes only (FEATURE_PROVIDERS). */
@Module({
  imports: [NotificationsModule],
  providers: [RemindersRepository, RemindersService],
  exports: [RemindersService],
})
export class RemindersModule {}
