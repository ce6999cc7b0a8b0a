import { Module } from '@nestjs/common';
import { MailOutbox } from '@tradebridge/mail';
import { InterimMailOutbox } from './interim-mail-outbox';
import { NotificationWriter } from './notification-writer';
import { NotificationsRepository } from './notifications.repository';
import { NotifierRepository } from './notifier.repository';
import { NotificationsService } from './notifications.service';

@Module({
  // Notifier (the log → notifications) is provided by the API only (FEATURE_PROVIDERS): gateways import this module too.
  providers: [NotificationsService, NotificationsRepository, NotifierRepository, NotificationWriter, { provide: MailOutbox, useClass: InterimMailOutbox }],
  exports: [NotificationsService, NotificationsRepository, NotifierRepository, NotificationWriter, MailOutbox],
})
export class NotificationsModule {}
