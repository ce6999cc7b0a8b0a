import { Module } from '@nestjs/common';
import { MailModule } from '@tradebridge/mail';
import { NotificationWriter } from './notification-writer';
import { NotificationsRepository } from './notifications.repository';
import { NotifierRepository } from './notifier.repository';
import { NotificationsService } from './notifications.service';

/** Reading notifications (the API's routes, the gateway's `notification` relay): nothing that writes or sends. */
@Module({
  providers: [NotificationsService, NotificationsRepository],
  exports: [NotificationsService, NotificationsRepository],
})
export class NotificationsReadModule {}

/**
 * Writing them, with their e-mails (MailModule's outbox, in the same transaction). API
 * processes only: the Notifier (the log → notifications) is in FEATURE_PROVIDERS, and
 * gateways import NotificationsReadModule, so they neither write nor send.
 */
@Module({
  imports: [NotificationsReadModule, MailModule],
  providers: [NotifierRepository, NotificationWriter],
  exports: [NotificationsReadModule, NotifierRepository, NotificationWriter, MailModule],
})
export class NotificationsModule {}
