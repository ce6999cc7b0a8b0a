import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventLogEntry } from './event-log.entity';

export interface NewLogEntry {
  type: string;
  data: Record<string, unknown>;
  actorUserId?: string | null;
  registrationIds?: string[];
}

/** NOTIFY payloads are limited to 8000 bytes; larger entries are announced by id only. */
const NOTIFY_LIMIT = 7_000;

/** `eventId:seq`, or `eventId:seq:` followed by the entry as JSON when it fits. */
export function notification(entry: EventLogEntry): string {
  const head = `${entry.eventId}:${entry.seq}`;
  const body = JSON.stringify({ type: entry.type, data: entry.data, actorUserId: entry.actorUserId, registrationIds: entry.registrationIds, createdAt: entry.createdAt });
  return Buffer.byteLength(body) + head.length < NOTIFY_LIMIT ? `${head}:${body}` : head;
}

/** Reads a notification back: the event, the seq, and the entry when it came along. */
export function parseNotification(payload: string): { eventId: string; seq: number; entry?: EventLogEntry } | null {
  const [eventId, seqText] = payload.split(':', 2);
  const seq = Number(seqText);
  if (!eventId || !Number.isInteger(seq)) return null;
  const bodyStart = eventId.length + seqText.length + 2;
  if (payload.length <= bodyStart) return { eventId, seq };
  try {
    const body = JSON.parse(payload.slice(bodyStart)) as Omit<EventLogEntry, 'eventId' | 'seq' | 'createdAt'> & { createdAt: string };
    return { eventId, seq, entry: Object.assign(new EventLogEntry(), { ...body, eventId, seq, createdAt: new Date(body.createdAt) }) };
  } catch {
    return { eventId, seq };
  }
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
    const [row] = await tx.query<{ seq: string; created_at: Date }[]>(
      `WITH head AS (
         INSERT INTO event_log_heads (event_id, last_seq) VALUES ($1, 1)
         ON CONFLICT (event_id) DO UPDATE SET last_seq = event_log_heads.last_seq + 1
         RETURNING last_seq)
       INSERT INTO event_log (event_id, seq, type, data, actor_user_id, registration_ids)
       SELECT $1, head.last_seq, $2, $3::jsonb, $4, $5::uuid[] FROM head
       RETURNING seq, created_at`,
      [eventId, entry.type, JSON.stringify(entry.data), entry.actorUserId ?? null, entry.registrationIds ?? []],
    );
    const appended = Object.assign(new EventLogEntry(), {
      eventId,
      seq: Number(row.seq),
      type: entry.type,
      data: entry.data,
      actorUserId: entry.actorUserId ?? null,
      registrationIds: entry.registrationIds ?? [],
      createdAt: row.created_at,
    });
    // Wakes the gateways (delivered at commit). A small entry rides along, so a
    // gateway already at seq - 1 need not read it back; the log stays the truth.
    await tx.query('SELECT pg_notify($1, $2)', ['event_log', notification(appended)]);
    return appended;
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
    const rows = await this.dataSource.query<{ last_seq: string }[]>('SELECT last_seq FROM event_log_heads WHERE event_id = $1', [eventId]);
    return rows.length ? Number(rows[0].last_seq) : 0;
  }
}
