import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Actor, APP_CONFIG, AppConfig, DomainError } from '@tradebridge/core';
import type { CalendarFeedCreatedView, CalendarFeedStatusView, Locale, Localized } from '@tradebridge/contracts';
import { CalendarFeedRepository, FeedMeetingRow } from './calendar-feed.repository';
import { mailOrganizer, meetingUid } from './compose';
import { CalendarMeeting, feedIcs } from './invitation-ics';

const TEXT: Record<Locale, { calendar: string; meeting: (partner: string) => string; table: string; online: string }> = {
  en: { calendar: 'TradeBridge meetings', meeting: (p) => `Meeting with ${p}`, table: 'table', online: 'Online meeting' },
  vi: { calendar: 'Lịch gặp TradeBridge', meeting: (p) => `Gặp ${p}`, table: 'bàn', online: 'Gặp trực tuyến' },
  zh: { calendar: 'TradeBridge 会谈', meeting: (p) => `与${p}会谈`, table: '桌', online: '线上会谈' },
};

function pick(name: Localized, locale: Locale): string {
  return name[locale] ?? name.en ?? name.vi ?? name.zh ?? '';
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A personal calendar feed: a secret URL (the token is the credential, so a
 * calendar app needs no login) that lists all the user's meetings with the
 * invitations' UID and SEQUENCE. Creating one replaces the old URL; only the
 * token's hash is stored.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor): Promise<CalendarFeedCreatedView> {
    const token = randomBytes(24).toString('base64url');
    await this.feeds.replace(actor.userId, hash(token));
    const url = `${this.config.publicUrl}/calendar/${token}.ics`;
    return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  async status(actor: Actor): Promise<CalendarFeedStatusView> {
    const createdAt = await this.feeds.status(actor.userId);
    return { active: createdAt !== null, createdAt: createdAt ? new Date(createdAt).toISOString() : null };
  }

  /** Idempotent: revoking when there is no feed is fine (the URL answers 404 either way). */
  async revoke(actor: Actor): Promise<void> {
    await this.feeds.revoke(actor.userId);
  }

  /** The feed's iCalendar text; an unknown or revoked token is a 404 like any missing page. */
  async render(token: string): Promise<string> {
    const owner = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await this.feeds.ownerOf(hash(token)) : null;
    if (!owner) throw DomainError.notFound('Calendar feed');
    const locale = (owner.locale in TEXT ? owner.locale : 'en') as Locale;
    const meetings = await this.feeds.meetingsOf(owner.userId);
    return feedIcs(
      TEXT[locale].calendar,
      meetings.map((m) => this.toCalendarMeeting(m, locale)),
    );
  }

  private toCalendarMeeting(m: FeedMeetingRow, locale: Locale): CalendarMeeting {
    const text = TEXT[locale];
    const partner = pick(m.partnerName, locale);
    const location = m.mode === 'online' ? (m.link ?? text.online) : [m.venueName, m.venueCity].filter(Boolean).join(', ') + (m.table ? `, ${text.table} ${m.table}` : '');
    const link = `${this.config.publicUrl}/meet/${m.id}`;
    return {
      uid: meetingUid(m.id, this.config.mail.from),
      sequence: m.sequence,
      startsAt: new Date(m.startsAt).toISOString(),
      endsAt: new Date(m.endsAt).toISOString(),
      timezone: m.timezone,
      summary: text.meeting(partner),
      description: `${pick(m.eventName, locale)}\n${location}\n${m.timezone}`,
      location,
      url: m.mode === 'online' ? link : null,
      organizer: mailOrganizer(this.config.mail.from),
      attendees: [],
      cancelled: m.status === 'cancelled',
    };
  }
}
