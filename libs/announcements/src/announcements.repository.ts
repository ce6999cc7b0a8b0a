import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Localized } from '@tradebridge/contracts';

/** Who an announcement is for: everyone approved (all null), or those of one venue, room or side. */
export interface AnnouncementAudience {
  venueId: string | null;
  roomId: string | null;
  side: string | null;
}

export interface AnnouncementRecord extends AnnouncementAudience {
  id: string;
  eventId: string;
  text: Localized;
  registrations: number;
  recipients: number;
  createdBy: string;
  createdAt: Date;
}

const COLUMNS = `id, event_id AS "eventId", text, venue_id AS "venueId", room_id AS "roomId", side, registrations, recipients, created_by AS "createdBy", created_at AS "createdAt"`;

/** Announcements and their audiences. Always scoped by event id. */
@Injectable()
export class AnnouncementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The approved registrations in the audience, and how many distinct people are members of their enterprises. */
  async audience(tx: EntityManager, eventId: string, audience: AnnouncementAudience): Promise<{ registrationIds: string[]; people: number }> {
    const [row] = await tx.query<{ ids: string[] | null; people: number }[]>(
      `SELECT array_agg(DISTINCT r.id) AS ids, count(DISTINCT em.user_id)::int AS people
         FROM registrations r
         LEFT JOIN enterprise_members em ON em.enterprise_id = r.enterprise_id
        WHERE r.event_id = $1 AND r.status = 'approved'
          AND ($2::uuid IS NULL OR r.venue_id = $2)
          AND ($3::uuid IS NULL OR r.room_id = $3)
          AND ($4::text IS NULL OR r.side = $4)`,
      [eventId, audience.venueId, audience.roomId, audience.side],
    );
    return { registrationIds: row?.ids ?? [], people: row?.people ?? 0 };
  }

  async insert(tx: EntityManager, row: Omit<AnnouncementRecord, 'id' | 'createdAt'>): Promise<AnnouncementRecord> {
    const [created] = await tx.query<AnnouncementRecord[]>(
      `INSERT INTO announcements (event_id, text, venue_id, room_id, side, registrations, recipients, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [row.eventId, JSON.stringify(row.text), row.venueId, row.roomId, row.side, row.registrations, row.recipients, row.createdBy],
    );
    return created;
  }

  async list(eventId: string, page: { limit: number; offset: number }): Promise<{ items: AnnouncementRecord[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query<AnnouncementRecord[]>(`SELECT ${COLUMNS} FROM announcements WHERE event_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [
        eventId,
        page.limit,
        page.offset,
      ]),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM announcements WHERE event_id = $1`, [eventId]),
    ]);
    return { items, total };
  }
}
