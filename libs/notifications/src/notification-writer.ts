import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '@tradebridge/contracts';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';
import { mailOrganizer, MailOutbox, MailRenderer, MailSender, OutboundMail } from '@tradebridge/mail';
import { renderMail, stableUuid } from './messages/render';
import { InsertedNotification, NotificationsRepository, ScheduledRun } from './notifications.repository';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  eventId: string | null;
  source: string;
  data: Record<string, unknown>;
  link: string;
}

/** Rows per statement: no statement grows with the size of a run (a scheduler run's 20,000 go in 10). */
const CHUNK = 2_000;

/** The e-mail of a notification: the same id (hence Message-ID) however often it is queued, rendered or sent. */
export function notificationMailId(n: { userId: string; source: string }): string {
  return stableUuid(`${n.userId}:${n.source}`);
}

/** The one way notifications are written (the notifier, reminders, announcements), and how their e-mails are rendered when sent. */
@Injectable()
export class NotificationWriter implements MailRenderer, OnModuleInit {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: MailOutbox,
    private readonly sender: MailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sender.useRenderer(this);
  }

  /**
   * Inside the caller's transaction: takes the notifications lock
   * (pg_advisory_xact_lock on one fixed key, so ids grow in commit order),
   * inserts ON CONFLICT (user_id, source) DO NOTHING in statements of at most
   * CHUNK rows, queues the e-mails of the inserted rows whose kind the recipient
   * has not muted (bundled jobs of their ids, rendered when sent), and
   * sends one pg_notify('notifications', '<userId>:<highest new id>') per user.
   * Returns how many were inserted.
   */
  async write(tx: EntityManager, items: NewNotification[]): Promise<number> {
    if (!items.length) return 0;
    await this.notifications.lockWriters(tx);
    const inserted: InsertedNotification[] = [];
    for (let i = 0; i < items.length; i += CHUNK) inserted.push(...(await this.notifications.insert(tx, items.slice(i, i + CHUNK))));
    await this.queueAndAnnounce(tx, inserted);
    return inserted.length;
  }

  /**
   * A scheduler run's notifications, written by the database from the meetings
   * themselves (one statement, nothing shipped back and forth): one per member
   * of each enterprise with meetings in `meetingIds`, but the actor's, listing
   * that enterprise's meetings by id. Then as `write`: e-mails queued, users told.
   */
  async writeScheduled(tx: EntityManager, run: ScheduledRun): Promise<number> {
    if (!run.meetingIds.length) return 0;
    await this.notifications.lockWriters(tx);
    const inserted = await this.notifications.insertScheduled(tx, run);
    await this.queueAndAnnounce(tx, inserted);
    return inserted.length;
  }

  private async queueAndAnnounce(tx: EntityManager, inserted: InsertedNotification[]): Promise<void> {
    const heads = new Map<string, number>();
    const mailed: number[] = [];
    for (const n of inserted) {
      heads.set(n.userId, Math.max(heads.get(n.userId) ?? 0, n.id));
      if (n.mail) mailed.push(n.id);
    }
    if (mailed.length) await this.outbox.enqueue(tx, [{ notificationIds: mailed }]);
    const announced = [...heads].map(([userId, id]) => ({ userId, id }));
    for (let i = 0; i < announced.length; i += CHUNK) await this.notifications.announce(tx, announced.slice(i, i + CHUNK));
  }

  /** MailRenderer: the e-mails of these notifications, rendered now in each reader's language and zone (one query for the batch). */
  async render(notificationIds: number[]): Promise<Map<number, OutboundMail | null>> {
    const rows = await this.notifications.withScheduledMeetings(await this.notifications.forMail(notificationIds));
    const out = new Map<number, OutboundMail | null>(notificationIds.map((id) => [id, null]));
    for (const n of rows) {
      if (n.emailMuted.includes(n.kind)) continue;
      const mail = renderMail(
        n,
        { id: n.userId, email: n.email, displayName: n.displayName },
        { locale: n.locale, timezone: n.timezone, publicUrl: this.config.publicUrl, link: n.link },
        this.organizer(),
      );
      out.set(n.id, { ...mail, id: notificationMailId(n) });
    }
    return out;
  }

  /** The invitations' organizer, MAIL_FROM; its domain is the UIDs' (as in the personal feed). */
  private organizer(): { name: string; email: string } {
    return mailOrganizer(this.config.mail.from);
  }
}
