import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Localized } from '@tradebridge/contracts';
import type { EventLogEntry } from '@tradebridge/core';

export interface EventFacts {
  id: string;
  name: Localized;
  timezone: string;
}

export interface RegistrationFacts {
  id: string;
  enterpriseId: string;
  enterpriseName: Localized;
}

/**
 * What the notifier reads to turn log entries into notifications, always in
 * bulk (one query per kind of fact for a whole batch), and its per-event cursor.
 */
@Injectable()
export class NotifierRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Events whose log has entries the notifier has not processed yet. */
  async behind(): Promise<string[]> {
    const rows = await this.dataSource.query<{ eventId: string }[]>(
      `SELECT h.event_id AS "eventId" FROM event_log_heads h LEFT JOIN notifier_cursors c ON c.event_id = h.event_id
        WHERE h.last_seq > coalesce(c.last_seq, 0)`,
    );
    return rows.map((r) => r.eventId);
  }

  /**
   * Locks the event's cursor row until `tx` ends (created at 0 when missing) and
   * returns where it stands: notifiers processing the same event queue here, so
   * each entry is processed by one of them.
   */
  async lockCursor(tx: EntityManager, eventId: string): Promise<number> {
    await tx.query(`INSERT INTO notifier_cursors (event_id, last_seq) VALUES ($1, 0) ON CONFLICT (event_id) DO NOTHING`, [eventId]);
    const [row] = await tx.query<{ seq: string }[]>(`SELECT last_seq AS seq FROM notifier_cursors WHERE event_id = $1 FOR UPDATE`, [eventId]);
    return Number(row.seq);
  }

  async advance(tx: EntityManager, eventId: string, seq: number): Promise<void> {
    await tx.query(`UPDATE notifier_cursors SET last_seq = $2 WHERE event_id = $1`, [eventId, seq]);
  }

  async entriesAfter(tx: EntityManager, eventId: string, afterSeq: number, limit: number): Promise<EventLogEntry[]> {
    const rows = await tx.query<(Omit<EventLogEntry, 'seq'> & { seq: string })[]>(
      `SELECT event_id AS "eventId", seq, type, data, actor_user_id AS "actorUserId", registration_ids AS "registrationIds", created_at AS "createdAt"
         FROM event_log WHERE event_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [eventId, afterSeq, limit],
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  async event(tx: EntityManager, eventId: string): Promise<EventFacts | null> {
    const [row] = await tx.query<EventFacts[]>(`SELECT id, name, timezone FROM events WHERE id = $1`, [eventId]);
    return row ?? null;
  }

  async registrations(tx: EntityManager, eventId: string, ids: string[]): Promise<Map<string, RegistrationFacts>> {
    if (!ids.length) return new Map();
    const rows = await tx.query<RegistrationFacts[]>(
      `SELECT r.id, r.enterprise_id AS "enterpriseId", e.name AS "enterpriseName"
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[])`,
      [eventId, ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The members (user ids) of each enterprise. */
  async members(tx: EntityManager, enterpriseIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!enterpriseIds.length) return out;
    const rows = await tx.query<{ enterpriseId: string; userIds: string[] }[]>(
      `SELECT enterprise_id AS "enterpriseId", array_agg(user_id ORDER BY created_at) AS "userIds"
         FROM enterprise_members WHERE enterprise_id = ANY($1::uuid[]) GROUP BY enterprise_id`,
      [enterpriseIds],
    );
    for (const r of rows) out.set(r.enterpriseId, r.userIds);
    return out;
  }

  /** Venue names and zones, for meeting snapshots taken from the log. */
  async venues(tx: EntityManager, eventId: string, ids: string[]): Promise<Map<string, { name: string; timezone: string }>> {
    if (!ids.length) return new Map();
    const rows = await tx.query<{ id: string; name: string; timezone: string }[]>(`SELECT id, name, timezone FROM venues WHERE event_id = $1 AND id = ANY($2::uuid[])`, [eventId, ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async rooms(tx: EntityManager, eventId: string, ids: string[]): Promise<Map<string, Localized>> {
    if (!ids.length) return new Map();
    const rows = await tx.query<{ id: string; name: Localized }[]>(`SELECT id, name FROM rooms WHERE event_id = $1 AND id = ANY($2::uuid[])`, [eventId, ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
