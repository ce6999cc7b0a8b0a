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
 * One e-mail to one user, in the recipient's language and time zone. Either
 * queued whole (a password reset), or rendered at send time from a
 * `NotificationMailRef` by the registered `MailRenderer` (every notification).
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
  /** The iCalendar invitations it carries: one per meeting (a scheduler run's e-mail lists several). */
  invitations?: MeetingInvitation[];
}

/**
 * A notification's e-mail as it is queued: only a reference (the job stays a
 * few bytes however large the message). The worker renders it when it sends,
 * from the stored notification (its `data` carries every fact the message and
 * the invitation need, with the meeting's SEQUENCE as of the change), so a
 * retry renders the same message, with the same Message-ID (`<id@host>`).
 */
export interface NotificationMailRef {
  /** A UUID stable for the notification (its user and source): the job's id and the Message-ID's left side. */
  id: string;
  notificationId: number;
}

/**
 * Notifications' e-mails as one job: the outbox bundles up to MAIL_BUNDLE
 * notifications of one transaction, by id only (a scheduler run's 10,000 are a
 * few hundred jobs of ~150 bytes). The renderer names each message (its
 * Message-ID, stable for the notification). The job completes when every
 * message is sent; `mail_sent` keeps which ones were, so a retry sends only the rest.
 */
export interface NotificationMailBundle {
  notificationIds: number[];
}

/**
 * Whole messages as one job (up to MAIL_BUNDLE of one enqueue): the job's id is its
 * first message's, so the same messages queued twice are one job. Sent like a
 * notification bundle, with `mail_sent` remembering each message sent.
 */
export interface WholeMailBundle {
  mails: OutboundMail[];
}

/** What `MailOutbox.enqueue` takes: whole messages, notifications to render when sending, or a bundle of them. */
export type QueuedMail = OutboundMail | NotificationMailRef | NotificationMailBundle;

/** What a mail job carries: one of those, or (as queued) a bundle of whole messages. */
export type MailJobData = QueuedMail | WholeMailBundle;

/** A job of several messages, each recorded in `mail_sent` when sent. */
export function isMailBundle(data: MailJobData): data is NotificationMailBundle | WholeMailBundle {
  return Array.isArray((data as NotificationMailBundle).notificationIds) || Array.isArray((data as WholeMailBundle).mails);
}

export function isWholeMailBundle(data: MailJobData): data is WholeMailBundle {
  return Array.isArray((data as WholeMailBundle).mails);
}

export function isNotificationMailRef(mail: MailJobData): mail is NotificationMailRef {
  return typeof (mail as NotificationMailRef).notificationId === 'number';
}

export function isNotificationMailBundle(mail: MailJobData): mail is NotificationMailBundle {
  return Array.isArray((mail as NotificationMailBundle).notificationIds);
}

/** Queues e-mails inside the caller's transaction: they are sent if and only if it commits. */
export abstract class MailOutbox {
  abstract enqueue(tx: EntityManager, mails: QueuedMail[]): Promise<void>;
}

/**
 * Renders notification e-mails at send time, for a whole fetched batch at once
 * (libs/notifications registers one with `MailSender.useRenderer`). The answer
 * maps each `notificationId` to its message, or to null when nothing is to be
 * sent any more (the notification is gone, or its reader muted its kind since).
 */
export interface MailRenderer {
  render(notificationIds: number[]): Promise<Map<number, OutboundMail | null>>;
}
