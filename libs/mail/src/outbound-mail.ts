import type { EntityManager } from 'typeorm';
import type { Locale } from '@tradebridge/contracts';

/** A meeting as an iCalendar invitation (RFC 5546): one UID per meeting, SEQUENCE grows with each change. */
export interface MeetingInvitation {
  /** Stable for the meeting: `<meetingId>@<host>`. */
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: string;
  endsAt: string;
  /** The venue's IANA zone (the event's for an online meeting). */
  timezone: string;
  summary: string;
  description: string;
  /** Venue and table, or the online link. */
  location: string;
  url: string | null;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
}

/**
 * One e-mail to one user, rendered when the change is processed (in the
 * recipient's language and time zone), so a retry sends exactly the same message.
 */
export interface OutboundMail {
  /** A UUID, unique per change and recipient; the Message-ID is `<id@host>`, the same on every retry. */
  id: string;
  userId: string;
  to: string;
  locale: Locale;
  /** A NotificationKind, or `password-reset`. */
  kind: string;
  subject: string;
  text: string;
  html: string;
  /** Whether it carries an unsubscribe link and List-Unsubscribe (notifications do; a password reset does not). */
  unsubscribe: boolean;
  invitation?: MeetingInvitation;
}

/** Queues e-mails inside the caller's transaction: they are sent if and only if it commits. */
export abstract class MailOutbox {
  abstract enqueue(tx: EntityManager, mails: OutboundMail[]): Promise<void>;
}
