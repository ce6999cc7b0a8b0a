import { Module } from '@nestjs/common';
import { MailOutbox } from '@tradebridge/mail';
import { InterimMailOutbox } from './interim-mail-outbox';
import { NotificationWriter } from './notification-writer';
import { NotificationsRepository } from './notifications.repository';
import { NotifierRepository } from './notifier.repository';

@Module({
  // Notifier (the log → notifications) is provided by the API only (FEATURE_PROVIDERS): gateways import this module too.
  providers: [NotificationsRepository, NotifierRepository, NotificationWriter, { provide: MailOutbox, useClass: InterimMailOutbox }],
  exports: [NotificationsRepository, NotifierRepository, NotificationWriter, MailOutbox],
})
export class NotificationsModule {}
