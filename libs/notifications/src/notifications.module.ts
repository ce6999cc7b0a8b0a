import { Module } from '@nestjs/common';
import { MailOutbox } from '@tradebridge/mail';
import { InterimMailOutbox } from './interim-mail-outbox';
import { NotificationWriter } from './notification-writer';
import { NotificationsRepository } from './notifications.repository';

@Module({
  providers: [NotificationsRepository, NotificationWriter, { provide: MailOutbox, useClass: InterimMailOutbox }],
  exports: [NotificationsRepository, NotificationWriter, MailOutbox],
})
export class NotificationsModule {}
