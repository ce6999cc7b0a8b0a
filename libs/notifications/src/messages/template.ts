import type { Locale, Localized } from '@tradebridge/contracts';

/** Who reads a message, and where the thing it is about lives. */
export interface RenderContext {
  locale: Locale;
  /** The reader's IANA zone. */
  timezone: string;
  /** The deployment's address (config.publicUrl), for absolute links in e-mails. */
  publicUrl: string;
  /** The web app path of the thing (the notification's `link`). */
  link: string;
}

export interface InAppMessage {
  title: string;
  body: string;
}

/** The facts a meeting notification carries (a snapshot when the change happened). */
export interface MeetingFacts {
  id: string;
  startsAt: string;
  endsAt: string;
  mode: 'onsite' | 'online';
  /** The venue of the table (onsite), and its zone; null online. */
  venueName: string | null;
  venueTimezone: string | null;
  table: number | null;
  /** The online call's address. */
  link: string | null;
  status: string;
  /** iCalendar SEQUENCE (meetings.sequence). */
  sequence: number;
}

/** One meeting of a scheduler run's notification: its facts now, and the partner. */
export interface ScheduledMeetingFacts extends MeetingFacts {
  partnerName: Localized;
}

/** What every notification's data may hold; each kind reads what it needs. */
export interface NotificationFacts {
  eventName?: Localized;
  /** The event's zone (an online meeting's "venue" time). */
  eventTimezone?: string;
  /** The other party, from the reader's side. */
  partnerName?: Localized;
  /** The reader's own enterprise. */
  enterpriseName?: Localized;
  message?: string | null;
  roomName?: Localized;
  meeting?: MeetingFacts;
  /** A proposal to move `meeting`: the same meeting at the proposed time. */
  proposed?: MeetingFacts;
  /** A scheduler run's notification: the meetings it booked for the reader (ids as stored)… */
  meetingIds?: string[];
  /** …and those meetings as they are now, each with its partner, looked up when it is read or e-mailed. */
  meetings?: ScheduledMeetingFacts[];
  outcomeKind?: string;
  value?: { amount: string | number; currency: string } | null;
  expiresAt?: string;
  minutesBefore?: number;
  title?: Localized | string;
  body?: Localized | string;
}

/**
 * One kind's wording in vi, zh and en. The e-mail (subject, text, HTML) is
 * made from the same title and body (render-mail.ts); a kind whose template
 * says `invitation` also carries an iCalendar invitation for `data.meeting`,
 * or one for each meeting of `data.meetings` (a scheduler run's) not cancelled.
 * Adding a kind's template: write its file, list it in registry.ts.
 */
export interface MessageTemplate {
  render(data: NotificationFacts, ctx: RenderContext): InAppMessage;
  invitation?: 'REQUEST' | 'CANCEL';
}

export type Phrases = Record<Locale, (data: NotificationFacts, ctx: RenderContext) => InAppMessage>;

/** A template from its three languages. */
export function phrased(phrases: Phrases, invitation?: 'REQUEST' | 'CANCEL'): MessageTemplate {
  return { render: (data, ctx) => phrases[ctx.locale](data, ctx), ...(invitation ? { invitation } : {}) };
}
