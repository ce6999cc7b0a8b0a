import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '@tradebridge/contracts';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';
import { mailOrganizer, MailOutbox, OutboundMail } from '@tradebridge/mail';
import { renderMail } from './messages/render';
import { NotificationsRepository } from './notifications.repository';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  eventId: string | null;
  source: string;
  data: Record<string, unknown>;
  link: string;
}

/** The one way notifications are written (the notifier, reminders, announcements). */
@Injectable()
export class NotificationWriter {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inside the caller's transaction: takes the notifications lock
   * (pg_advisory_xact_lock on one fixed key, so ids grow in commit order),
   * inserts ON CONFLICT (user_id, source) DO NOTHING, pg_notify('notifications',
   * '<userId>:<id>') per inserted row, and enqueues e-mails (rendered in each
   * recipient's locale/timezone) through MailOutbox for the inserted rows whose
   * kind the recipient has not muted. Returns how many were inserted.
   */
  async write(tx: EntityManager, items: NewNotification[]): Promise<number> {
    if (!items.length) return 0;
    await this.notifications.lockWriters(tx);
    const inserted = await this.notifications.insert(tx, items);
    if (!inserted.length) return 0;
    await this.notifications.announce(tx, inserted);
    const recipients = await this.notifications.recipients(
      inserted.map((n) => n.userId),
      tx,
    );
    const mails: OutboundMail[] = [];
    for (const n of inserted) {
      const to = recipients.get(n.userId);
      if (!to || to.emailMuted.includes(n.kind)) continue;
      mails.push(renderMail(n, to, { locale: to.locale, timezone: to.timezone, publicUrl: this.config.publicUrl, link: n.link }, this.organizer()));
    }
    if (mails.length) await this.outbox.enqueue(tx, mails);
    return inserted.length;
  }

  /** The invitations' organizer, MAIL_FROM; its domain is the UIDs' (as in the personal feed). */
  private organizer(): { name: string; email: string } {
    return mailOrganizer(this.config.mail.from);
  }
}
