import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Counts of registrations along one dimension. */
export interface RegistrationCounts {
  key: string;
  registered: number;
  approved: number;
  checkedIn: number;
}

/** Counts of connections along one dimension. */
export interface ConnectionCounts {
  key: string;
  requested: number;
  made: number;
  declined: number;
  expired: number;
}

/**
 * The results report's figures, each a SQL aggregate over one event: rows are
 * counted in PostgreSQL, never loaded into JavaScript. "Connections made" are
 * the accepted ones; outcomes count their current version (corrections replace).
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registrations by a grouping expression over r (registrations), e (enterprises). */
  async registrationsBy(eventId: string, key: 'total' | 'side' | 'country' | 'region' | 'venue' | 'attendance' | 'room'): Promise<RegistrationCounts[]> {
    const expression = {
      total: `'all'`,
      side: 'r.side',
      country: 'e.country',
      region: 'e.region',
      venue: 'r.venue_id::text',
      attendance: 'r.attendance',
      room: `coalesce(r.room_id::text, '')`,
    }[key];
    return (await this.dataSource.query(
      `SELECT ${expression} AS key, count(*)::int AS registered,
              count(*) FILTER (WHERE r.status = 'approved')::int AS approved,
              count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS "checkedIn"
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.event_id = $1
        GROUP BY 1 ORDER BY 1`,
      [eventId],
    )) as RegistrationCounts[];
  }

  /** Connections by a grouping expression over c (connections). */
  async connectionsBy(eventId: string, key: 'total' | 'channel' | 'room' | 'side'): Promise<ConnectionCounts[]> {
    const expression = { total: `'all'`, channel: 'c.channel', room: `coalesce(c.room_id::text, '')`, side: 'c.from_side' }[key];
    return (await this.dataSource.query(
      `SELECT ${expression} AS key, count(*)::int AS requested,
              count(*) FILTER (WHERE c.status = 'accepted')::int AS made,
              count(*) FILTER (WHERE c.status = 'declined')::int AS declined,
              count(*) FILTER (WHERE c.status = 'expired')::int AS expired
         FROM connections c WHERE c.event_id = $1
        GROUP BY 1 ORDER BY 1`,
      [eventId],
    )) as ConnectionCounts[];
  }

  /** Connections made between each unordered pair of venues (e.g. Lào Cai ↔ Hangzhou). */
  async madeByVenuePair(eventId: string): Promise<{ venueA: string; venueB: string; made: number }[]> {
    return (await this.dataSource.query(
      `SELECT least(a.venue_id, b.venue_id)::text AS "venueA", greatest(a.venue_id, b.venue_id)::text AS "venueB", count(*)::int AS made
         FROM connections c
         JOIN registrations a ON a.id = c.from_registration_id
         JOIN registrations b ON b.id = c.to_registration_id
        WHERE c.event_id = $1 AND c.status = 'accepted'
        GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
      [eventId],
    )) as { venueA: string; venueB: string; made: number }[];
  }

  /**
   * Connections made per HS section traded: a section counts a connection once
   * when one party offers goods of a chapter in it that the other needs (either
   * way round). `sectionOfChapter` comes from the reference data.
   */
  async madeBySection(eventId: string, sectionOfChapter: Record<string, string>): Promise<{ section: string; made: number }[]> {
    const chapters = Object.keys(sectionOfChapter);
    return (await this.dataSource.query(
      `WITH sections AS (SELECT * FROM unnest($2::text[], $3::text[]) AS s(chapter, section))
       SELECT s.section, count(DISTINCT c.id)::int AS made
         FROM connections c
         JOIN registrations a ON a.id = c.from_registration_id JOIN enterprises ea ON ea.id = a.enterprise_id
         JOIN registrations b ON b.id = c.to_registration_id JOIN enterprises eb ON eb.id = b.enterprise_id
         CROSS JOIN LATERAL (
           SELECT x FROM unnest(ea.offer_prefixes) x WHERE length(x) = 2 AND x = ANY(eb.need_prefixes)
           UNION
           SELECT x FROM unnest(eb.offer_prefixes) x WHERE length(x) = 2 AND x = ANY(ea.need_prefixes)) AS traded(chapter)
         JOIN sections s ON s.chapter = traded.chapter
        WHERE c.event_id = $1 AND c.status = 'accepted'
        GROUP BY 1 ORDER BY 2 DESC, 1`,
      [eventId, chapters, chapters.map((c) => sectionOfChapter[c])],
    )) as { section: string; made: number }[];
  }

  async meetings(eventId: string): Promise<{ scheduled: number; held: number; noShow: number; cancelled: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status <> 'cancelled')::int AS scheduled,
              count(*) FILTER (WHERE status = 'held')::int AS held,
              count(*) FILTER (WHERE status = 'no_show')::int AS "noShow",
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
         FROM meetings WHERE event_id = $1`,
      [eventId],
    )) as { scheduled: number; held: number; noShow: number; cancelled: number }[];
    return row;
  }

  /** Current outcomes (not replaced by a correction), by kind, and their value by currency. */
  async outcomes(eventId: string): Promise<{ byKind: { kind: string; count: number }[]; valueByCurrency: { currency: string; amount: string; count: number }[] }> {
    const current = `FROM outcomes o WHERE o.event_id = $1 AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.supersedes_id = o.id)`;
    const byKind = (await this.dataSource.query(`SELECT o.kind, count(*)::int AS count ${current} GROUP BY 1 ORDER BY 1`, [eventId])) as { kind: string; count: number }[];
    const valueByCurrency = (await this.dataSource.query(
      `SELECT o.currency, sum(o.amount)::text AS amount, count(*)::int AS count ${current} AND o.amount IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [eventId],
    )) as { currency: string; amount: string; count: number }[];
    return { byKind, valueByCurrency };
  }

  /**
   * One page of the connections made, oldest first, after a keyset position
   * (so a large event is streamed page by page, never loaded whole).
   */
  async madePage(
    eventId: string,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<
    { id: string; at: string; fromName: Record<string, string>; fromSide: string; fromVenue: string; toName: Record<string, string>; toSide: string; toVenue: string; room: Record<string, string> | null; channel: string }[]
  > {
    return (await this.dataSource.query(
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
    )) as { id: string; at: string; fromName: Record<string, string>; fromSide: string; fromVenue: string; toName: Record<string, string>; toSide: string; toVenue: string; room: Record<string, string> | null; channel: string }[];
  }

  /** The current outcomes (corrections replace), with the two parties, oldest first. */
  async outcomeList(eventId: string): Promise<
    { kind: string; amount: string | null; currency: string | null; note: string | null; recordedAt: string; fromName: Record<string, string>; toName: Record<string, string> }[]
  > {
    return (await this.dataSource.query(
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
    )) as { kind: string; amount: string | null; currency: string | null; note: string | null; recordedAt: string; fromName: Record<string, string>; toName: Record<string, string> }[];
  }

  /**
   * Current outcomes per month since the event started (follow-up keeps
   * recording them for months after it closes), by kind.
   */
  async outcomesByMonth(eventId: string): Promise<{ month: string; kind: string; count: number }[]> {
    return (await this.dataSource.query(
      `SELECT to_char(date_trunc('month', o.recorded_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, o.kind, count(*)::int AS count
         FROM outcomes o
        WHERE o.event_id = $1 AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.supersedes_id = o.id)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [eventId],
    )) as { month: string; kind: string; count: number }[];
  }

  /** Connections made per hour (UTC), oldest first. */
  async timeline(eventId: string): Promise<{ at: string; made: number }[]> {
    return (await this.dataSource.query(
      `SELECT to_char(date_trunc('hour', responded_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24":00:00Z"') AS at, count(*)::int AS made
         FROM connections WHERE event_id = $1 AND status = 'accepted'
        GROUP BY 1 ORDER BY 1`,
      [eventId],
    )) as { at: string; made: number }[];
  }
}
