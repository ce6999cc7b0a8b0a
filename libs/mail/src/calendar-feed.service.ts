import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Actor, APP_CONFIG, AppConfig, DomainError } from '@tradebridge/core';
import type { CalendarFeedCreatedView, CalendarFeedStatusView, Locale, Localized } from '@tradebridge/contracts';
import { CalendarFeedRepository, FeedMeetingRow } from './calendar-feed.repository';
import { mailOrganizer, meetingUid } from './compose';
import { CalendarMeeting, feedIcs } from './invitation-ics';
import { meetingPlace, meetingSummary, meetingUrl } from './meeting-calendar';

/** The feed's own name in a calendar app; its events are worded as the invitations are (meeting-calendar.ts). */
const CALENDAR_NAME: Record<Locale, string> = { en: 'TradeBridge meetings', vi: 'Lịch gặp TradeBridge', zh: 'TradeBridge 会谈' };

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
    const locale = (owner.locale in CALENDAR_NAME ? owner.locale : 'en') as Locale;
    const meetings = await this.feeds.meetingsOf(owner.userId);
    return feedIcs(
      CALENDAR_NAME[locale],
      meetings.map((m) => this.toCalendarMeeting(m, locale)),
    );
  }

  private toCalendarMeeting(m: FeedMeetingRow, locale: Locale): CalendarMeeting {
    const eventName = pick(m.eventName, locale);
    const location = meetingPlace(m, locale);
    const page = `${this.config.publicUrl}/events/${m.eventId}/meetings`;
    return {
      uid: meetingUid(m.id, this.config.mail.from),
      sequence: m.sequence,
      startsAt: new Date(m.startsAt).toISOString(),
      endsAt: new Date(m.endsAt).toISOString(),
      timezone: m.timezone,
      summary: meetingSummary(eventName, pick(m.partnerName, locale)),
      description: `${eventName}\n${location}\n${page}`,
      location,
      url: meetingUrl(m, page),
      organizer: mailOrganizer(this.config.mail.from),
      attendees: [],
      cancelled: m.status === 'cancelled',
    };
  }
}
