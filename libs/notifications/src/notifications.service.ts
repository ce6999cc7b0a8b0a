import { Inject, Injectable } from '@nestjs/common';
import type { NotificationView, Page } from '@tradebridge/contracts';
import { Actor, APP_CONFIG, AppConfig, DomainError } from '@tradebridge/core';
import { renderInApp } from './messages/render';
import { NotificationRecord, NotificationsRepository, Recipient } from './notifications.repository';

export interface NotificationPage extends Page<NotificationView> {
  unread: number;
}

/** A user's own notifications, rendered in their current language and zone. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, options: { unread: boolean; limit: number; offset: number }): Promise<NotificationPage> {
    const page = await this.notifications.list(actor.userId, options);
    const reader = await this.reader(actor.userId);
    const items = await this.notifications.withScheduledMeetings(page.items);
    return { items: items.map((n) => this.view(n, reader)), total: page.total, unread: page.unread };
  }

  async markRead(actor: Actor, id: number): Promise<NotificationView> {
    if (!(await this.notifications.markRead(actor.userId, id))) throw DomainError.notFound('Notification', String(id));
    const [record] = await this.notifications.withScheduledMeetings([(await this.notifications.find(actor.userId, id))!]);
    return this.view(record, await this.reader(actor.userId));
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(actor.userId) };
  }

  /** What a socket is sent: the user's notifications after `afterId`, oldest first. */
  async after(userId: string, afterId: number, limit: number): Promise<NotificationView[]> {
    const records = await this.notifications.withScheduledMeetings(await this.notifications.listAfter(userId, afterId, limit));
    if (!records.length) return [];
    const reader = await this.reader(userId);
    return records.map((n) => this.view(n, reader));
  }

  lastId(userId: string): Promise<number> {
    return this.notifications.lastId(userId);
  }

  view(n: NotificationRecord, reader: Pick<Recipient, 'locale' | 'timezone'>): NotificationView {
    const { title, body } = renderInApp(n.kind, n.data, { locale: reader.locale, timezone: reader.timezone, publicUrl: this.config.publicUrl, link: n.link });
    return {
      id: Number(n.id),
      kind: n.kind,
      eventId: n.eventId,
      title,
      body,
      link: n.link,
      data: n.data,
      createdAt: new Date(n.createdAt).toISOString(),
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    };
  }

  private async reader(userId: string): Promise<Pick<Recipient, 'locale' | 'timezone'>> {
    return (await this.notifications.recipients([userId])).get(userId) ?? { locale: 'en', timezone: 'UTC' };
  }
}
