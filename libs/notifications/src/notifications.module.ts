import { Module } from '@nestjs/common';
import { MailModule } from '@tradebridge/mail';
import { NotificationWriter } from './notification-writer';
import { NotificationsRepository } from './notifications.repository';
import { NotifierRepository } from './notifier.repository';
import { NotificationsService } from './notifications.service';

@Module({
  // Notifier (the log → notifications) is provided by the API only (FEATURE_PROVIDERS): gateways import this module too.
  // E-mails go through @tradebridge/mail's outbox: pg-boss jobs written in the notifier's transaction.
  imports: [MailModule],
  providers: [NotificationsService, NotificationsRepository, NotifierRepository, NotificationWriter],
  exports: [NotificationsService, NotificationsRepository, NotifierRepository, NotificationWriter],
})
export class NotificationsModule {}
