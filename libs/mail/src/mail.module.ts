import { Module } from '@nestjs/common';
import { MailQueue } from './mail-queue';
import { PgBossMailOutbox } from './pgboss-mail-outbox';
import { MailOutbox } from './outbound-mail';
import { MailSender } from './mail-sender';
import { MailboxRepository } from './mailbox.repository';
import { MailboxService } from './mailbox.service';
import { UnsubscribeRepository } from './unsubscribe.repository';
import { UnsubscribeService } from './unsubscribe.service';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * Durable e-mail: the outbox (pg-boss jobs written in the caller's
 * transaction), the worker that sends them (SMTP, or the built-in mailbox),
 * the mailbox admins read, unsubscribe links and personal calendar feeds.
 */
@Module({
  providers: [
    MailQueue,
    { provide: MailOutbox, useClass: PgBossMailOutbox },
    MailSender,
    MailboxRepository,
    MailboxService,
    UnsubscribeRepository,
    UnsubscribeService,
    CalendarFeedRepository,
    CalendarFeedService,
  ],
  exports: [MailOutbox, MailSender, MailQueue, MailboxService, UnsubscribeService, CalendarFeedService],
})
export class MailModule {}
