import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MeetingAttendance } from '@tradebridge/contracts';
import type { ConnectionCell, RegistrationCell, TradeCell } from './aggregate';
import type { MeetingCell } from './meetings';

/**
 * The results report's figures, each a SQL aggregate over one event: rows are
 * counted in PostgreSQL, never loaded into JavaScript. The big tables are read
 * once each, grouped by all the report's dimensions together; `aggregate.ts`
 * adds the cells up per dimension (`meetings.ts` for meetings). "Connections made" are the accepted ones;
 * outcomes count their current version (corrections replace).
 */
/** One connection made, as the report's connections-made list pages through them. */
interface MadeRow {
  id: string;
  at: string;
  fromName: Record<string, string>;
  fromSide: string;
  fromVenue: string;
  toName: Record<string, string>;
  toSide: string;
  toVenue: string;
  room: Record<string, string> | null;
  channel: string;
}

@Injectable()
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registrations counted per side, country, region, venue, attendance and room together. */
  async registrationCells(eventId: string): Promise<RegistrationCell[]> {
    return await this.dataSource.query<RegistrationCell[]>(
      `SELECT r.side, e.country, e.region, r.venue_id AS "venueId", r.attendance, r.room_id AS "roomId",
              count(*)::int AS registered,
              count(*) FILTER (WHERE r.status = 'approved')::int AS approved,
              count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS "checkedIn"
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.event_id = $1
        GROUP BY 1, 2, 3, 4, 5, 6`,
      [eventId],
    );
  }

  /**
   * Connections counted per requesting side, channel and room by status, and
   * the made ones also per hour they were accepted (UTC): one scan serves the
   * totals, three dimensions and the timeline. The same scan tells whose side
   * missed each no-show meeting: a connection has at most one meeting not
   * cancelled (meetings_one_live_per_connection_key), so joining its no-show
   * (the few meetings hashed, the scan probing) counts no connection twice,
   * and splits a cell only by the no-show's two attendance records.
   * (`to_side` follows from `from_side`: two sides, never the same.) Grouping
   * estimates are poor here (PostgreSQL would sort a million rows), so
   * work_mem is raised for the statement to let it hash the few thousand real
   * groups.
   */
  async connectionCells(eventId: string): Promise<ConnectionCell[]> {
    type Row = Omit<ConnectionCell, 'madeHour' | 'noShow'> & { madeHour: Date | null; noShow: boolean; noShowFrom: MeetingAttendance | null; noShowTo: MeetingAttendance | null };
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      const rows = await manager.query<Row[]>(
        `SELECT c.from_side AS "fromSide", c.to_side AS "toSide", c.channel, c.room_id AS "roomId",
                CASE WHEN c.status = 'accepted' THEN date_bin('1 hour', c.responded_at, timestamptz '2000-01-01Z') END AS "madeHour",
                m.id IS NOT NULL AS "noShow", m.from_attendance AS "noShowFrom", m.to_attendance AS "noShowTo",
                count(*)::int AS requested,
                count(*) FILTER (WHERE c.status = 'accepted')::int AS made,
                count(*) FILTER (WHERE c.status = 'declined')::int AS declined,
                count(*) FILTER (WHERE c.status = 'expired')::int AS expired
           FROM connections c
           LEFT JOIN meetings m ON m.connection_id = c.id AND m.event_id = $1 AND m.status = 'no_show'
          WHERE c.event_id = $1
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
        [eventId],
      );
      return rows.map(({ noShow, noShowFrom, noShowTo, ...r }) => ({
        ...r,
        madeHour: r.madeHour ? r.madeHour.toISOString().replace('.000Z', 'Z') : null,
        noShow: noShow ? [noShowFrom, noShowTo] : null,
      }));
    });
  }

  /**
   * Connections made per venue pair and per chapters traded each way, from the
   * chapter bit sets each registration carries from its enterprise (migrations
   * ChapterBits, RegistrationChapterBits). PostgreSQL guesses
   * one group per connection and would sort half a million rows to group
   * them; a bigger work_mem for this one statement lets it hash the few
   * hundred real groups instead.
   */
  async tradeCells(eventId: string): Promise<TradeCell[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      return await manager.query<TradeCell[]>(
        `SELECT t.from_venue::text AS "fromVenueId", t.to_venue::text AS "toVenueId", t.from_side AS "fromSide", t.to_side AS "toSide",
                t.sold_lo::text AS "soldLo", t.sold_hi::text AS "soldHi", t.bought_lo::text AS "boughtLo", t.bought_hi::text AS "boughtHi", t.made
           FROM (SELECT a.venue_id AS from_venue, b.venue_id AS to_venue, c.from_side, c.to_side,
                        a.offer_chapters_lo & b.need_chapters_lo AS sold_lo, a.offer_chapters_hi & b.need_chapters_hi AS sold_hi,
                        b.offer_chapters_lo & a.need_chapters_lo AS bought_lo, b.offer_chapters_hi & a.need_chapters_hi AS bought_hi,
                        count(*)::int AS made
                   FROM connections c
                   JOIN registrations a ON a.id = c.from_registration_id
                   JOIN registrations b ON b.id = c.to_registration_id
                  WHERE c.event_id = $1 AND c.status = 'accepted'
                  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) AS t`,
        [eventId],
      );
    });
  }

  /**
   * Meetings counted per mode, venue, status, the two parties' records and
   * whether over, from the meetings table alone: it serves the meeting totals,
   * both dimensions and the meetings due (`meetings.ts`); whose side missed a
   * no-show comes with the connections' scan (`connectionCells`). `now` is the
   * app's clock, which says which meetings are over.
   */
  async meetingCells(eventId: string, now: Date): Promise<MeetingCell[]> {
    return await this.dataSource.query<MeetingCell[]>(
      `SELECT m.mode, m.venue_id AS "venueId", m.status, m.from_attendance AS "fromAttendance", m.to_attendance AS "toAttendance",
              upper(m.period) <= $2 AS ended, count(*)::int AS meetings
         FROM meetings m
        WHERE m.event_id = $1
        GROUP BY 1, 2, 3, 4, 5, 6`,
      [eventId, now],
    );
  }

  /** Current outcomes (not replaced by a correction), by kind, and their value by currency. */
  async outcomes(eventId: string): Promise<{ byKind: { kind: string; count: number }[]; valueByCurrency: { currency: string; amount: string; count: number }[] }> {
    const current = `FROM outcomes o WHERE o.event_id = $1 AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.supersedes_id = o.id)`;
    const byKind = await this.dataSource.query<{ kind: string; count: number }[]>(`SELECT o.kind, count(*)::int AS count ${current} GROUP BY 1 ORDER BY 1`, [eventId]);
    const valueByCurrency = await this.dataSource.query<{ currency: string; amount: string; count: number }[]>(
      `SELECT o.currency, sum(o.amount)::text AS amount, count(*)::int AS count ${current} AND o.amount IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [eventId],
    );
    return { byKind, valueByCurrency };
  }

  /**
   * One page of the connections made, oldest first, after a keyset position
   * (so a large event is streamed page by page, never loaded whole).
   */
  async madePage(eventId: string, after: { at: string; id: string } | null, limit: number): Promise<MadeRow[]> {
    return await this.dataSource.query<MadeRow[]>(
      `SELECT c.id, to_char(c.responded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              ea.name AS "fromName", c.from_side AS "fromSide", va.name AS "fromVenue",
              eb.name AS "toName", c.to_side AS "toSide", vb.name AS "toVenue", rm.name AS room, c.channel
         FROM connections c
         JOIN registrations a ON a.id = c.from_registration_id JOIN enterprises ea ON ea.id = a.enterprise_id JOIN venues va ON va.id = a.venue_id
         JOIN registrations b ON b.id = c.to_registration_id JOIN enterprises eb ON eb.id = b.enterprise_id JOIN venues vb ON vb.id = b.venue_id
         LEFT JOIN rooms rm ON rm.id = c.room_id
        WHERE c.event_id = $1 AND c.status = 'accepted'
          AND ($2::timestamptz IS NULL OR (c.responded_at, c.id) > ($2::timestamptz, $3::uuid))
        ORDER BY c.responded_at, c.id
        LIMIT $4`,
      [eventId, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** The current outcomes (corrections replace), with the two parties, oldest first. */
  async outcomeList(
    eventId: string,
  ): Promise<{ kind: string; amount: string | null; currency: string | null; note: string | null; recordedAt: string; fromName: Record<string, string>; toName: Record<string, string> }[]> {
    return await this.dataSource.query<
      { kind: string; amount: string | null; currency: string | null; note: string | null; recordedAt: string; fromName: Record<string, string>; toName: Record<string, string> }[]
    >(
      `SELECT o.kind, o.amount::text AS amount, o.currency, o.note,
              to_char(o.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt",
              ea.name AS "fromName", eb.name AS "toName"
         FROM outcomes o
         JOIN connections c ON c.id = o.connection_id
         JOIN registrations a ON a.id = c.from_registration_id JOIN enterprises ea ON ea.id = a.enterprise_id
         JOIN registrations b ON b.id = c.to_registration_id JOIN enterprises eb ON eb.id = b.enterprise_id
        WHERE o.event_id = $1 AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.supersedes_id = o.id)
        ORDER BY o.recorded_at, o.id`,
      [eventId],
    );
  }

  /**
   * Current outcomes per month since the event started (follow-up keeps
   * recording them for months after it closes), by kind.
   */
  async outcomesByMonth(eventId: string): Promise<{ month: string; kind: string; count: number }[]> {
    return await this.dataSource.query<{ month: string; kind: string; count: number }[]>(
      `SELECT to_char(date_trunc('month', o.recorded_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, o.kind, count(*)::int AS count
         FROM outcomes o
        WHERE o.event_id = $1 AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.supersedes_id = o.id)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [eventId],
    );
  }
}
