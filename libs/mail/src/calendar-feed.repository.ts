import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Localized } from '@tradebridge/contracts';

export interface FeedMeetingRow {
  id: string;
  eventId: string;
  startsAt: Date;
  endsAt: Date;
  mode: 'onsite' | 'online';
  table: number | null;
  link: string | null;
  status: string;
  sequence: number;
  timezone: string;
  venueName: string | null;
  eventName: Localized;
  partnerName: Localized;
}

/** Personal calendar feeds (only the token's SHA-256 is stored) and the meetings they list. */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  async replace(userId: string, tokenHash: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [userId, tokenHash],
    );
  }

  async revoke(userId: string): Promise<boolean> {
    // TypeORM answers a DELETE … RETURNING as [rows, affected].
    const [rows] = await this.dataSource.query<[{ user_id: string }[], number]>(`DELETE FROM calendar_feeds WHERE user_id = $1 RETURNING user_id`, [userId]);
    return rows.length > 0;
  }

  async status(userId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ createdAt: Date }[]>(`SELECT created_at AS "createdAt" FROM calendar_feeds WHERE user_id = $1`, [userId]);
    return row?.createdAt ?? null;
  }

  async ownerOf(tokenHash: string): Promise<{ userId: string; locale: string } | null> {
    const [row] = await this.dataSource.query<{ userId: string; locale: string }[]>(
      `SELECT f.user_id AS "userId", u.locale FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Every meeting of every enterprise the user is a member of, across events, with the partner's name. */
  async meetingsOf(userId: string): Promise<FeedMeetingRow[]> {
    return this.dataSource.query<FeedMeetingRow[]>(
      `SELECT DISTINCT ON (lower(m.period), m.id)
              m.id, m.event_id AS "eventId", lower(m.period) AS "startsAt", upper(m.period) AS "endsAt", m.mode, m.table_no AS "table", m.link,
              m.status, m.sequence, coalesce(v.timezone, e.timezone) AS timezone, v.name AS "venueName",
              e.name AS "eventName", pe.name AS "partnerName"
         FROM enterprise_members em
         JOIN registrations r ON r.enterprise_id = em.enterprise_id
         JOIN meeting_participants mp ON mp.registration_id = r.id
         JOIN meetings m ON m.id = mp.meeting_id
         JOIN events e ON e.id = m.event_id
         LEFT JOIN venues v ON v.id = m.venue_id
         JOIN meeting_participants op ON op.meeting_id = m.id AND op.registration_id <> r.id
         JOIN registrations pr ON pr.id = op.registration_id
         JOIN enterprises pe ON pe.id = pr.enterprise_id
        WHERE em.user_id = $1
        ORDER BY lower(m.period), m.id
        LIMIT 5000`,
      [userId],
    );
  }
}
