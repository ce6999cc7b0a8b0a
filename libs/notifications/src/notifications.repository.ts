import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale, Localized, NotificationKind } from '@tradebridge/contracts';
import type { ScheduledMeetingFacts } from './messages/template';

/** A notification as stored. */
export interface NotificationRecord {
  id: number;
  userId: string;
  kind: NotificationKind;
  eventId: string | null;
  source: string;
  data: Record<string, unknown>;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

/** What rendering needs to know about a reader. */
export interface Recipient {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  timezone: string;
  emailMuted: string[];
}

export interface InsertedNotification {
  id: number;
  userId: string;
  source: string;
  /** Whether it is e-mailed: its reader has not muted its kind. */
  mail: boolean;
}

/** A scheduler run as the notifier writes its notifications: where it is in the log, and what it booked. */
export interface ScheduledRun {
  eventId: string;
  /** `log:<event>:<seq>:schedule`, the same for every reader (unique per user). */
  source: string;
  link: string;
  meetingIds: string[];
  /** Whoever ran it: their enterprise's members are not told. */
  actorUserId: string | null;
}

export interface NotificationForMail {
  id: number;
  userId: string;
  kind: NotificationKind;
  eventId: string | null;
  source: string;
  data: Record<string, unknown>;
  link: string;
  email: string;
  displayName: string;
  locale: Locale;
  timezone: string;
  emailMuted: string[];
}

export interface NotificationRow {
  userId: string;
  kind: NotificationKind;
  eventId: string | null;
  source: string;
  data: Record<string, unknown>;
  link: string;
}

const COLUMNS = `id::int AS id, user_id AS "userId", kind, event_id AS "eventId", source, data, link, created_at AS "createdAt", read_at AS "readAt"`;

// One key for every writer of notifications (any constant apart from the other advisory locks' keys).
const NOTIFICATIONS_LOCK = 613_407_221;

/** The notifications table and the notifier's cursors. Always scoped by user (reads) or event (cursors). */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Held until `tx` ends: notification writers commit one at a time, so ids grow in commit order. */
  async lockWriters(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATIONS_LOCK]);
  }

  /**
   * One insert of these rows (callers keep it to a bounded chunk); rows already written (same
   * user and source) are skipped. Returns the inserted ones, each with whether it is to be
   * e-mailed (its reader has not muted its kind).
   */
  async insert(tx: EntityManager, rows: NotificationRow[]): Promise<InsertedNotification[]> {
    if (!rows.length) return [];
    return tx.query<InsertedNotification[]>(
      `WITH ins AS (
         INSERT INTO notifications (user_id, kind, event_id, source, data, link)
         SELECT n.user_id, n.kind, n.event_id, n.source, n.data, n.link
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[]) WITH ORDINALITY AS n(user_id, kind, event_id, source, data, link, ord)
          ORDER BY n.ord
         ON CONFLICT (user_id, source) DO NOTHING
         RETURNING id, user_id, kind, source)
       SELECT ins.id::int AS id, ins.user_id AS "userId", ins.source, coalesce(NOT (ins.kind = ANY(u.email_muted)), false) AS mail
         FROM ins LEFT JOIN users u ON u.id = ins.user_id
        ORDER BY ins.id`,
      [rows.map((r) => r.userId), rows.map((r) => r.kind), rows.map((r) => r.eventId), rows.map((r) => r.source), rows.map((r) => JSON.stringify(r.data)), rows.map((r) => r.link)],
    );
  }

  /**
   * A scheduler run's notifications, in one statement: each enterprise with meetings among
   * `meetingIds`, each of its members but the actor's enterprise's, one row whose data is
   * `{ registrationId, meetingIds }` (earliest first). Rows already written are skipped.
   */
  insertScheduled(tx: EntityManager, run: ScheduledRun): Promise<InsertedNotification[]> {
    return tx.query<InsertedNotification[]>(
      `WITH parties AS (
         SELECT p.registration_id, array_agg(m.id ORDER BY lower(m.period), m.id) AS meeting_ids
           FROM meetings m JOIN connections c ON c.id = m.connection_id
                CROSS JOIN LATERAL (VALUES (c.from_registration_id), (c.to_registration_id)) AS p(registration_id)
          WHERE m.event_id = $1 AND m.id = ANY($2::uuid[])
          GROUP BY p.registration_id),
       told AS (
         SELECT em.user_id, p.registration_id, p.meeting_ids
           FROM parties p JOIN registrations r ON r.id = p.registration_id JOIN enterprise_members em ON em.enterprise_id = r.enterprise_id
          WHERE $3::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM enterprise_members a WHERE a.enterprise_id = r.enterprise_id AND a.user_id = $3)),
       ins AS (
         INSERT INTO notifications (user_id, kind, event_id, source, data, link)
         SELECT t.user_id, 'meeting.booked', $1, $4, jsonb_build_object('registrationId', t.registration_id, 'meetingIds', to_jsonb(t.meeting_ids)), $5
           FROM told t ORDER BY t.user_id
         ON CONFLICT (user_id, source) DO NOTHING
         RETURNING id, user_id, kind, source)
       SELECT ins.id::int AS id, ins.user_id AS "userId", ins.source, coalesce(NOT (ins.kind = ANY(u.email_muted)), false) AS mail
         FROM ins LEFT JOIN users u ON u.id = ins.user_id
        ORDER BY ins.id`,
      [run.eventId, run.meetingIds, run.actorUserId, run.source, run.link],
    );
  }

  /** `pg_notify('notifications', '<userId>:<id>')` per entry (one per user: its highest new id), delivered at commit. */
  async announce(tx: EntityManager, rows: { userId: string; id: number }[]): Promise<void> {
    if (!rows.length) return;
    await tx.query(`SELECT pg_notify('notifications', p) FROM unnest($1::text[]) AS p`, [rows.map((r) => `${r.userId}:${r.id}`)]);
  }

  /** What a notification's e-mail is rendered from (the MailSender's batch): the rows and their readers, one query. */
  forMail(ids: number[]): Promise<NotificationForMail[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query<NotificationForMail[]>(
      `SELECT n.id::int AS id, n.user_id AS "userId", n.kind, n.event_id AS "eventId", n.source, n.data, n.link,
              u.email, u.display_name AS "displayName", u.locale, u.timezone, u.email_muted AS "emailMuted"
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /**
   * A scheduler run's notifications store only their meetings' ids (`data.meetingIds`): these
   * rows with `data.meetings` added, each meeting as it is now with the reader's partner, and
   * the event's name and zone. One query for the meetings of all the rows, one for their events.
   */
  async withScheduledMeetings<T extends { eventId: string | null; data: Record<string, unknown> }>(rows: T[]): Promise<T[]> {
    const runs = rows.filter((r) => Array.isArray(r.data.meetingIds) && typeof r.data.registrationId === 'string');
    if (!runs.length) return rows;
    const pairs = runs.flatMap((r) => (r.data.meetingIds as string[]).map((meetingId) => [r.data.registrationId as string, meetingId] as const));
    const meetings = await this.dataSource.query<(ScheduledMeetingFacts & { registrationId: string })[]>(
      `SELECT p.registration_id AS "registrationId", m.id, to_json(lower(m.period)) #>> '{}' AS "startsAt", to_json(upper(m.period)) #>> '{}' AS "endsAt",
              m.mode, v.name AS "venueName", v.timezone AS "venueTimezone", m.table_no AS "table", m.link, m.status, m.sequence, e.name AS "partnerName"
         FROM unnest($1::uuid[], $2::uuid[]) AS p(registration_id, meeting_id)
         JOIN meetings m ON m.id = p.meeting_id
         JOIN connections c ON c.id = m.connection_id
         JOIN registrations r ON r.id = CASE WHEN c.from_registration_id = p.registration_id THEN c.to_registration_id ELSE c.from_registration_id END
         JOIN enterprises e ON e.id = r.enterprise_id
         LEFT JOIN venues v ON v.id = m.venue_id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const events = await this.dataSource.query<{ id: string; name: Localized; timezone: string }[]>(`SELECT id, name, timezone FROM events WHERE id = ANY($1::uuid[])`, [
      [...new Set(runs.map((r) => r.eventId).filter((id): id is string => id !== null))],
    ]);
    const eventOf = new Map(events.map((e) => [e.id, e]));
    const byKey = new Map(
      meetings.map(({ registrationId, ...m }) => [`${registrationId}:${m.id}`, { ...m, startsAt: new Date(m.startsAt).toISOString(), endsAt: new Date(m.endsAt).toISOString() }]),
    );
    return rows.map((r) => {
      if (!runs.includes(r)) return r;
      const event = r.eventId ? eventOf.get(r.eventId) : undefined;
      const found = (r.data.meetingIds as string[]).map((id) => byKey.get(`${r.data.registrationId as string}:${id}`)).filter((m) => m !== undefined);
      return { ...r, data: { ...r.data, ...(event ? { eventName: event.name, eventTimezone: event.timezone } : {}), meetings: found } };
    });
  }

  async recipients(userIds: string[], tx: EntityManager = this.dataSource.manager): Promise<Map<string, Recipient>> {
    if (!userIds.length) return new Map();
    const rows = await tx.query<Recipient[]>(`SELECT id, email, display_name AS "displayName", locale, timezone, email_muted AS "emailMuted" FROM users WHERE id = ANY($1::uuid[])`, [
      [...new Set(userIds)],
    ]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async list(userId: string, options: { unread: boolean; limit: number; offset: number }): Promise<{ items: NotificationRecord[]; total: number; unread: number }> {
    const items = await this.dataSource.query<NotificationRecord[]>(
      `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 ${options.unread ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT $2 OFFSET $3`,
      [userId, options.limit, options.offset],
    );
    const [counts] = await this.dataSource.query<{ total: number; unread: number }[]>(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE read_at IS NULL))::int AS unread FROM notifications WHERE user_id = $1`,
      [userId],
    );
    return { items, total: options.unread ? counts.unread : counts.total, unread: counts.unread };
  }

  /** A user's notifications after `afterId`, oldest first (a socket's replay). */
  listAfter(userId: string, afterId: number, limit: number): Promise<NotificationRecord[]> {
    return this.dataSource.query<NotificationRecord[]>(`SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [userId, afterId, limit]);
  }

  async find(userId: string, id: number): Promise<NotificationRecord | null> {
    const [row] = await this.dataSource.query<NotificationRecord[]>(`SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND id = $2`, [userId, id]);
    return row ?? null;
  }

  async lastId(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ id: number | null }[]>(`SELECT max(id)::int AS id FROM notifications WHERE user_id = $1`, [userId]);
    return row.id ?? 0;
  }

  /** Marks one read (keeps the first reading time); false when it is not the user's. */
  async markRead(userId: string, id: number): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: number }[]>(
      `WITH u AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE user_id = $1 AND id = $2 RETURNING id) SELECT id::int AS id FROM u`,
      [userId, id],
    );
    return rows.length > 0;
  }

  async markAllRead(userId: string): Promise<number> {
    const rows = await this.dataSource.query<{ id: number }[]>(
      `WITH u AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id) SELECT id::int AS id FROM u`,
      [userId],
    );
    return rows.length;
  }
}
