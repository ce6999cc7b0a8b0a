import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventLogEntry } from './event-log.entity';

export interface NewLogEntry {
  type: string;
  data: Record<string, unknown>;
  actorUserId?: string | null;
  registrationIds?: string[];
}

@Injectable()
export class EventLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends inside the caller's transaction. The per-event head row is locked
   * by the UPDATE until commit, so seqs are gapless and in commit order; call it
   * last in a transaction to hold that lock briefly.
   */
  async append(tx: EntityManager, eventId: string, entry: NewLogEntry): Promise<EventLogEntry> {
    const [row] = (await tx.query(
      `WITH head AS (
         INSERT INTO event_log_heads (event_id, last_seq) VALUES ($1, 1)
         ON CONFLICT (event_id) DO UPDATE SET last_seq = event_log_heads.last_seq + 1
         RETURNING last_seq)
       INSERT INTO event_log (event_id, seq, type, data, actor_user_id, registration_ids)
       SELECT $1, head.last_seq, $2, $3::jsonb, $4, $5::uuid[] FROM head
       RETURNING seq, created_at`,
      [eventId, entry.type, JSON.stringify(entry.data), entry.actorUserId ?? null, entry.registrationIds ?? []],
    )) as { seq: string; created_at: Date }[];
    // Wakes the gateways; the log itself stays the source of truth.
    await tx.query('SELECT pg_notify($1, $2)', ['event_log', `${eventId}:${row.seq}`]);
    return Object.assign(new EventLogEntry(), {
      eventId,
      seq: Number(row.seq),
      type: entry.type,
      data: entry.data,
      actorUserId: entry.actorUserId ?? null,
      registrationIds: entry.registrationIds ?? [],
      createdAt: row.created_at,
    });
  }

  async listAfter(eventId: string, afterSeq: number, limit: number): Promise<EventLogEntry[]> {
    return this.dataSource
      .getRepository(EventLogEntry)
      .createQueryBuilder('l')
      .where('l.event_id = :eventId AND l.seq > :afterSeq', { eventId, afterSeq })
      .orderBy('l.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  async lastSeq(eventId: string): Promise<number> {
    const rows = (await this.dataSource.query('SELECT last_seq FROM event_log_heads WHERE event_id = $1', [eventId])) as {
      last_seq: string;
    }[];
    return rows.length ? Number(rows[0].last_seq) : 0;
  }
}
