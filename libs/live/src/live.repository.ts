import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Localized, PitchEntry } from '@tradebridge/contracts';

export interface LiveRegistration {
  registrationId: string;
  status: string;
  roomId: string | null;
  venueId: string;
  side: string;
  enterpriseName: Localized;
}

/** One place in a room's queue (the socket protocol's type, libs/contracts live.ts). */
export type { PitchEntry };

/** What the live views read: a user's registrations in an event, the pitch queue, staff stats. */
@Injectable()
export class LiveRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The registrations of an event that belong to the user's enterprises. */
  async registrationsOf(eventId: string, userId: string): Promise<LiveRegistration[]> {
    return await this.dataSource.query<LiveRegistration[]>(
      `SELECT r.id AS "registrationId", r.status, r.room_id AS "roomId", r.venue_id AS "venueId", r.side, e.name AS "enterpriseName"
         FROM registrations r
         JOIN enterprise_members m ON m.enterprise_id = r.enterprise_id
         JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.event_id = $1 AND m.user_id = $2
        ORDER BY r.created_at`,
      [eventId, userId],
    );
  }

  async roomEvent(roomId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ eventId: string }[]>(`SELECT event_id AS "eventId" FROM rooms WHERE id = $1`, [roomId]);
    return row?.eventId ?? null;
  }

  /** A room's event and status (`closed` once its event closed), read at every join so a closed room refuses one. */
  async room(roomId: string): Promise<{ eventId: string; status: string } | null> {
    const [row] = await this.dataSource.query<{ eventId: string; status: string }[]>(`SELECT event_id AS "eventId", status FROM rooms WHERE id = $1`, [roomId]);
    return row ?? null;
  }

  async registrationEvent(registrationId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ eventId: string }[]>(`SELECT event_id AS "eventId" FROM registrations WHERE id = $1`, [registrationId]);
    return row?.eventId ?? null;
  }

  // ---- pitch queue ----
  async pitchState(roomId: string, tx: EntityManager = this.dataSource.manager): Promise<{ current: PitchEntry | null; queue: PitchEntry[] }> {
    const rows = await tx.query<(PitchEntry & { status: string; enqueuedAt: Date; startedAt: Date | null })[]>(
      `SELECT p.registration_id AS "registrationId", e.name AS "enterpriseName", r.side, r.venue_id AS "venueId",
              p.status, p.enqueued_at AS "enqueuedAt", p.started_at AS "startedAt"
         FROM pitch_slots p JOIN registrations r ON r.id = p.registration_id JOIN enterprises e ON e.id = r.enterprise_id
        WHERE p.room_id = $1 AND p.status IN ('queued', 'presenting')
        ORDER BY p.enqueued_at, p.id`,
      [roomId],
    );
    const view = (r: (typeof rows)[number]): PitchEntry => ({
      registrationId: r.registrationId,
      enterpriseName: r.enterpriseName,
      side: r.side,
      venueId: r.venueId,
      enqueuedAt: new Date(r.enqueuedAt).toISOString(),
      startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
    });
    const current = rows.find((r) => r.status === 'presenting');
    return { current: current ? view(current) : null, queue: rows.filter((r) => r.status === 'queued').map(view) };
  }

  async enqueue(tx: EntityManager, eventId: string, roomId: string, registrationId: string): Promise<void> {
    await tx.query(`INSERT INTO pitch_slots (event_id, room_id, registration_id) VALUES ($1, $2, $3)`, [eventId, roomId, registrationId]);
  }

  /** Ends the current presentation and starts the next in line (if anyone waits). */
  async advance(tx: EntityManager, roomId: string): Promise<void> {
    await tx.query(`UPDATE pitch_slots SET status = 'done', ended_at = now() WHERE room_id = $1 AND status = 'presenting'`, [roomId]);
    await tx.query(
      `UPDATE pitch_slots SET status = 'presenting', started_at = now()
        WHERE id = (SELECT id FROM pitch_slots WHERE room_id = $1 AND status = 'queued' ORDER BY enqueued_at, id LIMIT 1)`,
      [roomId],
    );
  }

  /** Serializes queue changes of one room. */
  async lockRoom(tx: EntityManager, roomId: string): Promise<{ eventId: string; status: string } | null> {
    const [row] = await tx.query<{ eventId: string; status: string }[]>(`SELECT event_id AS "eventId", status FROM rooms WHERE id = $1 FOR NO KEY UPDATE`, [roomId]);
    return row ?? null;
  }

  // ---- staff stats ----
  async connectionStats(eventId: string): Promise<{
    byRoom: { roomId: string | null; requested: number; made: number }[];
    timeline: { minute: string; made: number }[];
  }> {
    const byRoom = await this.dataSource.query<{ roomId: string | null; requested: number; made: number }[]>(
      `SELECT room_id AS "roomId", count(*)::int AS requested, count(*) FILTER (WHERE status = 'accepted')::int AS made
         FROM connections WHERE event_id = $1 GROUP BY room_id ORDER BY room_id NULLS LAST`,
      [eventId],
    );
    const timeline = await this.dataSource.query<{ minute: string; made: number }[]>(
      `SELECT to_char(date_trunc('minute', responded_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS minute, count(*)::int AS made
         FROM connections WHERE event_id = $1 AND status = 'accepted'
        GROUP BY 1 ORDER BY 1 DESC LIMIT 120`,
      [eventId],
    );
    return { byRoom, timeline: timeline.reverse() };
  }
}
