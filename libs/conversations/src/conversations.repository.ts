import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ConnectionStatus, ReportedMessageView, ThreadSummaryView } from '@tradebridge/contracts';

/** A connection as a thread sees it, with the reader's own registration in it (null: not a party). */
export interface ThreadOf {
  id: string;
  eventId: string;
  status: ConnectionStatus;
  fromRegistrationId: string;
  toRegistrationId: string;
  mine: string | null;
}

export interface MessageRow {
  id: number;
  connectionId: string;
  fromRegistrationId: string;
  senderName: string;
  phraseKey: string | null;
  text: string | null;
  createdAt: Date;
  reported: boolean;
}

/** Connection threads: messages, each reader's place in them, reports. */
@Injectable()
export class ConversationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The connection and which of its two registrations the user is a member of; `lock`: FOR SHARE (a send keeps its status still). */
  async threadOf(connectionId: string, userId: string, tx: EntityManager = this.dataSource.manager, lock = false): Promise<ThreadOf | null> {
    const rows = await tx.query<ThreadOf[]>(
      `SELECT c.id, c.event_id AS "eventId", c.status, c.from_registration_id AS "fromRegistrationId", c.to_registration_id AS "toRegistrationId",
              (SELECT r.id FROM registrations r JOIN enterprise_members em ON em.enterprise_id = r.enterprise_id AND em.user_id = $2
                WHERE r.id IN (c.from_registration_id, c.to_registration_id) ORDER BY r.id = c.from_registration_id DESC LIMIT 1) AS mine
         FROM connections c WHERE c.id = $1${lock ? ' FOR SHARE OF c' : ''}`,
      [connectionId, userId],
    );
    return rows[0] ?? null;
  }

  async insert(
    tx: EntityManager,
    message: { eventId: string; connectionId: string; fromRegistrationId: string; senderUserId: string; phraseKey: string | null; text: string | null },
  ): Promise<{ id: number; createdAt: Date; senderName: string }> {
    const [row] = await tx.query<{ id: string; created_at: Date; display_name: string }[]>(
      `WITH sent AS (
         INSERT INTO connection_messages (event_id, connection_id, from_registration_id, sender_user_id, phrase_key, body)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at, sender_user_id)
       SELECT sent.id, sent.created_at, u.display_name FROM sent JOIN users u ON u.id = sent.sender_user_id`,
      [message.eventId, message.connectionId, message.fromRegistrationId, message.senderUserId, message.phraseKey, message.text],
    );
    return { id: Number(row.id), createdAt: row.created_at, senderName: row.display_name };
  }

  /** A thread's messages after `afterId`, oldest first, and how many it holds in all. */
  async list(connectionId: string, afterId: number, limit: number): Promise<{ items: MessageRow[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query<(Omit<MessageRow, 'id'> & { id: string })[]>(
        `SELECT m.id, m.connection_id AS "connectionId", m.from_registration_id AS "fromRegistrationId", u.display_name AS "senderName",
                m.phrase_key AS "phraseKey", m.body AS text, m.created_at AS "createdAt", m.reported_at IS NOT NULL AS reported
           FROM connection_messages m JOIN users u ON u.id = m.sender_user_id
          WHERE m.connection_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3`,
        [connectionId, afterId, limit],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM connection_messages WHERE connection_id = $1`, [connectionId]),
    ]);
    return { items: items.map((m) => ({ ...m, id: Number(m.id) })), total };
  }

  /** Moves the user's place in the thread forward to `upTo` (or to its last message); never back. */
  async markRead(connectionId: string, userId: string, upTo?: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO connection_message_reads (connection_id, user_id, last_read_id)
       SELECT $1, $2, COALESCE($3::bigint, max(id)) FROM connection_messages WHERE connection_id = $1 HAVING COALESCE($3::bigint, max(id)) IS NOT NULL
       ON CONFLICT (connection_id, user_id) DO UPDATE SET last_read_id = GREATEST(connection_message_reads.last_read_id, EXCLUDED.last_read_id)`,
      [connectionId, userId, upTo ?? null],
    );
  }

  /**
   * The threads with messages in an event: a member's (those of its enterprise's
   * registrations, unread = the other party's messages past its place), or all of them for staff (unread 0).
   */
  async summaries(eventId: string, memberUserId: string | null): Promise<ThreadSummaryView[]> {
    const rows = await this.dataSource.query<(ThreadSummaryView & { lastMessageAt: Date | null })[]>(
      `WITH mine AS (
         SELECT r.id FROM registrations r JOIN enterprise_members em ON em.enterprise_id = r.enterprise_id
          WHERE r.event_id = $1 AND em.user_id = $2)
       SELECT m.connection_id AS "connectionId", count(*)::int AS messages,
              (CASE WHEN $2::uuid IS NULL THEN 0 ELSE count(*) FILTER (
                 WHERE m.from_registration_id NOT IN (SELECT id FROM mine) AND m.id > COALESCE(rd.last_read_id, 0)) END)::int AS unread,
              max(m.created_at) AS "lastMessageAt", count(*) FILTER (WHERE m.reported_at IS NOT NULL)::int AS reported
         FROM connection_messages m
         JOIN connections c ON c.id = m.connection_id
         LEFT JOIN connection_message_reads rd ON rd.connection_id = m.connection_id AND rd.user_id = $2
        WHERE m.event_id = $1
          AND ($2::uuid IS NULL OR c.from_registration_id IN (SELECT id FROM mine) OR c.to_registration_id IN (SELECT id FROM mine))
        GROUP BY m.connection_id, rd.last_read_id
        ORDER BY max(m.created_at) DESC`,
      [eventId, memberUserId],
    );
    return rows.map((r) => ({ ...r, lastMessageAt: r.lastMessageAt ? r.lastMessageAt.toISOString() : null }));
  }

  /** Marks a message of the thread reported (once: a second report keeps the first); returns whether this one marked it. */
  async report(tx: EntityManager, connectionId: string, messageId: number, userId: string, reason: string | null): Promise<boolean> {
    const [, count] = await tx.query<[unknown, number]>(
      `UPDATE connection_messages SET reported_at = now(), reported_by = $3, report_reason = $4 WHERE id = $2 AND connection_id = $1 AND reported_at IS NULL`,
      [connectionId, messageId, userId, reason],
    );
    return count > 0;
  }

  async messageOf(connectionId: string, messageId: number, tx: EntityManager = this.dataSource.manager): Promise<{ fromRegistrationId: string } | null> {
    const rows = await tx.query<{ fromRegistrationId: string }[]>(`SELECT from_registration_id AS "fromRegistrationId" FROM connection_messages WHERE id = $2 AND connection_id = $1`, [
      connectionId,
      messageId,
    ]);
    return rows[0] ?? null;
  }

  /** The event's reported messages, newest report first: what the organizers may read. */
  async reported(eventId: string): Promise<ReportedMessageView[]> {
    const rows = await this.dataSource.query<(Omit<ReportedMessageView, 'id' | 'createdAt' | 'reportedAt'> & { id: string; createdAt: Date; reportedAt: Date })[]>(
      `SELECT m.id, m.connection_id AS "connectionId", m.from_registration_id AS "fromRegistrationId", u.display_name AS "senderName",
              m.phrase_key AS "phraseKey", m.body AS text, m.created_at AS "createdAt", m.reported_at AS "reportedAt", m.report_reason AS reason
         FROM connection_messages m JOIN users u ON u.id = m.sender_user_id
        WHERE m.event_id = $1 AND m.reported_at IS NOT NULL ORDER BY m.reported_at DESC, m.id`,
      [eventId],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id), createdAt: r.createdAt.toISOString(), reportedAt: r.reportedAt.toISOString() }));
  }
}
