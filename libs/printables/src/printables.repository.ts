import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Attendance, Locale, Localized } from '@tradebridge/contracts';

/** One approved registration as a badge or a check-in row shows it. */
export interface BadgeRow {
  registrationId: string;
  enterpriseId: string;
  name: Localized;
  side: string;
  attendance: Attendance;
  badgeCode: string;
  venueName: string;
  venueCity: string;
  room: Localized | null;
  checkedInAt: string | null;
}

/** Whose schedule it is, and the language and clock it is printed in. */
export interface ScheduleOwner extends BadgeRow {
  locale: Locale | null;
  timezone: string | null;
  venueTimezone: string;
}

export interface ScheduleMeeting {
  registrationId: string;
  startsAt: string;
  endsAt: string;
  mode: 'onsite' | 'online';
  status: string;
  venueName: string | null;
  venueTimezone: string | null;
  tableNo: number | null;
  link: string | null;
  partnerName: Localized;
  partnerSide: string;
}

/** A meeting at a venue's table, for the table plan and the signs. */
export interface TableMeeting {
  tableNo: number;
  startsAt: string;
  endsAt: string;
  status: string;
  fromName: Localized;
  fromSide: string;
  toName: Localized;
  toSide: string;
}

export interface Scope {
  venueId?: string;
  registrationId?: string;
}

const BADGE_COLUMNS = `
  r.id AS "registrationId", r.enterprise_id AS "enterpriseId", e.name, r.side, r.attendance,
  r.badge_code AS "badgeCode", v.name AS "venueName", v.city AS "venueCity", ro.name AS room,
  r.checked_in_at AS "checkedInAt"`;

/**
 * What the printables read: approved registrations (badges, check-in lists and the
 * owners of schedules) and the meetings they print, each one query per document.
 */
@Injectable()
export class PrintablesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Approved registrations of the event (optionally one venue or one registration), by side then name. */
  async badges(eventId: string, scope: Scope): Promise<BadgeRow[]> {
    const { where, params } = scoped(eventId, scope);
    return this.dataSource.query<BadgeRow[]>(
      `SELECT ${BADGE_COLUMNS}
         FROM registrations r
         JOIN enterprises e ON e.id = r.enterprise_id
         JOIN venues v ON v.id = r.venue_id
         LEFT JOIN rooms ro ON ro.id = r.room_id
        WHERE ${where}
        ORDER BY r.side, e.search_text, r.id`,
      params,
    );
  }

  /** The on-site participants of a venue, as its check-in desk lists them. */
  async checkIn(eventId: string, venueId: string): Promise<BadgeRow[]> {
    return this.dataSource.query<BadgeRow[]>(
      `SELECT ${BADGE_COLUMNS}
         FROM registrations r
         JOIN enterprises e ON e.id = r.enterprise_id
         JOIN venues v ON v.id = r.venue_id
         LEFT JOIN rooms ro ON ro.id = r.room_id
        WHERE r.event_id = $1 AND r.venue_id = $2 AND r.status = 'approved' AND r.attendance = 'onsite'
        ORDER BY e.search_text, r.id`,
      [eventId, venueId],
    );
  }

  /**
   * The owners of schedules with the language and time zone of the enterprise's first
   * member (its contact), which an unclaimed imported enterprise does not have yet.
   */
  async scheduleOwners(eventId: string, scope: Scope): Promise<ScheduleOwner[]> {
    const { where, params } = scoped(eventId, scope);
    return this.dataSource.query<ScheduleOwner[]>(
      `SELECT ${BADGE_COLUMNS}, v.timezone AS "venueTimezone", u.locale, u.timezone
         FROM registrations r
         JOIN enterprises e ON e.id = r.enterprise_id
         JOIN venues v ON v.id = r.venue_id
         LEFT JOIN rooms ro ON ro.id = r.room_id
         LEFT JOIN LATERAL (
           SELECT us.locale, us.timezone FROM enterprise_members m JOIN users us ON us.id = m.user_id
            WHERE m.enterprise_id = r.enterprise_id ORDER BY m.created_at, m.user_id LIMIT 1) u ON true
        WHERE ${where}
        ORDER BY r.side, e.search_text, r.id`,
      params,
    );
  }

  /** The live (not cancelled) meetings of these registrations, each as both of its parties see it. */
  async meetingsOf(eventId: string, registrationIds: string[]): Promise<ScheduleMeeting[]> {
    if (registrationIds.length === 0) return [];
    const rows = await this.dataSource.query<ScheduleMeeting[]>(
      `SELECT me.registration_id AS "registrationId", lower(m.period) AS "startsAt", upper(m.period) AS "endsAt",
              m.mode, m.status, v.name AS "venueName", v.timezone AS "venueTimezone", m.table_no AS "tableNo", m.link,
              pe.name AS "partnerName", pr.side AS "partnerSide"
         FROM meetings m
         JOIN connections c ON c.id = m.connection_id
         CROSS JOIN LATERAL (VALUES (c.from_registration_id, c.to_registration_id), (c.to_registration_id, c.from_registration_id))
              AS me(registration_id, partner_id)
         JOIN registrations pr ON pr.id = me.partner_id
         JOIN enterprises pe ON pe.id = pr.enterprise_id
         LEFT JOIN venues v ON v.id = m.venue_id
        WHERE m.event_id = $1 AND m.status <> 'cancelled' AND me.registration_id = ANY($2::uuid[])
        ORDER BY lower(m.period), m.table_no NULLS LAST`,
      [eventId, registrationIds],
    );
    return rows.map(instants);
  }

  /** The meetings at a venue's tables, by table then time. */
  async tableMeetings(eventId: string, venueId: string): Promise<TableMeeting[]> {
    const rows = await this.dataSource.query<TableMeeting[]>(
      `SELECT m.table_no AS "tableNo", lower(m.period) AS "startsAt", upper(m.period) AS "endsAt", m.status,
              fe.name AS "fromName", fr.side AS "fromSide", te.name AS "toName", tr.side AS "toSide"
         FROM meetings m
         JOIN connections c ON c.id = m.connection_id
         JOIN registrations fr ON fr.id = c.from_registration_id
         JOIN enterprises fe ON fe.id = fr.enterprise_id
         JOIN registrations tr ON tr.id = c.to_registration_id
         JOIN enterprises te ON te.id = tr.enterprise_id
        WHERE m.event_id = $1 AND m.venue_id = $2 AND m.status <> 'cancelled'
        ORDER BY m.table_no, lower(m.period)`,
      [eventId, venueId],
    );
    return rows.map(instants);
  }

  async isMember(enterpriseId: string, userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM enterprise_members WHERE enterprise_id = $1 AND user_id = $2`, [enterpriseId, userId]);
    return rows.length > 0;
  }

  async registrationOf(eventId: string, registrationId: string): Promise<{ enterpriseId: string; status: string } | undefined> {
    const rows = await this.dataSource.query<{ enterpriseId: string; status: string }[]>(
      `SELECT enterprise_id AS "enterpriseId", status FROM registrations WHERE event_id = $1 AND id = $2`,
      [eventId, registrationId],
    );
    return rows[0];
  }
}

function scoped(eventId: string, scope: Scope): { where: string; params: unknown[] } {
  const params: unknown[] = [eventId];
  const clauses = [`r.event_id = $1`, `r.status = 'approved'`];
  if (scope.venueId) clauses.push(`r.venue_id = $${params.push(scope.venueId)}`);
  if (scope.registrationId) clauses.push(`r.id = $${params.push(scope.registrationId)}`);
  return { where: clauses.join(' AND '), params };
}

/** pg hands timestamps over as Dates; the writers compare and format ISO strings. */
function instants<T extends { startsAt: string; endsAt: string }>(row: T): T {
  return { ...row, startsAt: new Date(row.startsAt).toISOString(), endsAt: new Date(row.endsAt).toISOString() };
}
