import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Localized, MeetingAttendance, MeetingMode, MeetingStatus } from '@tradebridge/contracts';
import type { AttendanceSource } from './attendance';

/** A meeting as the domain reads it: the range split into instants, with both parties. */
export interface MeetingRecord {
  id: string;
  eventId: string;
  connectionId: string;
  registrationIds: [string, string];
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venueId: string | null;
  tableNo: number | null;
  link: string | null;
  status: MeetingStatus;
  /** registrationIds[0]'s (the connection's requester's) own record. */
  fromAttendance: MeetingAttendance | null;
  /** registrationIds[1]'s (the receiver's) own record. */
  toAttendance: MeetingAttendance | null;
  statusOverridden: boolean;
  /** Who wrote each side's attendance (party, staff, or the attendance rules: system). */
  fromAttendanceBy: AttendanceSource | null;
  toAttendanceBy: AttendanceSource | null;
  /** iCalendar SEQUENCE, raised by meetings_sequence_bump_trg on every change a calendar shows. */
  sequence: number;
}

export interface StandbyRow {
  meetingId: string;
  status: 'no_show' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  registrationIds: [string, string];
  names: [Localized, Localized];
}

/** What an update writes; fields left out stay as they are. */
export interface MeetingChange {
  status?: MeetingStatus;
  /** null clears an automatic record the evidence took back. */
  fromAttendance?: MeetingAttendance | null;
  toAttendance?: MeetingAttendance | null;
  fromAttendanceBy?: AttendanceSource | null;
  toAttendanceBy?: AttendanceSource | null;
  statusOverridden?: boolean;
  startsAt?: Date;
  endsAt?: Date;
  /** When the new time was set (the writer's clock): reminders due before it are stale. */
  timedAt?: Date;
  /** false: the attendance rules look at the meeting again (it moved). */
  attendanceSettled?: boolean;
}

export interface NewMeeting {
  id: string;
  eventId: string;
  connectionId: string;
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venueId: string | null;
  tableNo: number | null;
  link: string | null;
  source: 'scheduler' | 'manual';
  createdBy: string;
  /** When it was booked (the writer's clock; now() when left out): reminders due before it are stale. */
  timedAt?: Date;
}

/** What the scheduler needs of an event, read in one transaction. */
export interface SchedulingData {
  pairs: { connectionId: string; a: string; b: string; weight: number; venueId: string | null }[];
  availability: { registrationId: string; startsAt: Date; endsAt: Date }[];
  busy: { registrationId: string; startsAt: Date; endsAt: Date }[];
  tablesInUse: { venueId: string; tableNo: number; startsAt: Date; endsAt: Date }[];
  tables: { venueId: string; tables: number }[];
}

const SELECT_MEETING = `
  SELECT m.id, m.event_id AS "eventId", m.connection_id AS "connectionId",
         ARRAY[c.from_registration_id, c.to_registration_id] AS "registrationIds",
         lower(m.period) AS "startsAt", upper(m.period) AS "endsAt",
         m.mode, m.venue_id AS "venueId", m.table_no AS "tableNo", m.link, m.status,
         m.from_attendance AS "fromAttendance", m.to_attendance AS "toAttendance", m.status_overridden AS "statusOverridden",
         m.from_attendance_by AS "fromAttendanceBy", m.to_attendance_by AS "toAttendanceBy", m.sequence
    FROM meetings m JOIN connections c ON c.id = m.connection_id`;

/** Meetings, availability and what scheduling reads. Always scoped by event id. */
@Injectable()
export class MeetingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts; the exclusion constraints (23P01) refuse any double booking. */
  async insert(tx: EntityManager, meetings: NewMeeting[]): Promise<void> {
    if (!meetings.length) return;
    await tx.query(
      `INSERT INTO meetings (id, event_id, connection_id, period, mode, venue_id, table_no, link, source, created_by, timed_at)
       SELECT m.id, m.event_id, m.connection_id, tstzrange(m.starts_at, m.ends_at, '[)'), m.mode, m.venue_id, m.table_no, m.link, m.source, m.created_by, COALESCE(m.timed_at, now())
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::uuid[], $8::int[], $9::text[], $10::text[], $11::uuid[], $12::timestamptz[])
           AS m(id, event_id, connection_id, starts_at, ends_at, mode, venue_id, table_no, link, source, created_by, timed_at)`,
      [
        meetings.map((m) => m.id),
        meetings.map((m) => m.eventId),
        meetings.map((m) => m.connectionId),
        meetings.map((m) => m.startsAt.toISOString()),
        meetings.map((m) => m.endsAt.toISOString()),
        meetings.map((m) => m.mode),
        meetings.map((m) => m.venueId),
        meetings.map((m) => m.tableNo),
        meetings.map((m) => m.link),
        meetings.map((m) => m.source),
        meetings.map((m) => m.createdBy),
        meetings.map((m) => m.timedAt?.toISOString() ?? null),
      ],
    );
  }

  async find(id: string, tx: EntityManager = this.dataSource.manager): Promise<MeetingRecord | null> {
    const [row] = await tx.query<MeetingRecord[]>(`${SELECT_MEETING} WHERE m.id = $1`, [id]);
    return row ?? null;
  }

  async lock(tx: EntityManager, id: string): Promise<MeetingRecord | null> {
    const [row] = await tx.query<MeetingRecord[]>(`${SELECT_MEETING} WHERE m.id = $1 FOR UPDATE OF m`, [id]);
    return row ?? null;
  }

  /** One statement; meetings_status_follows_attendance_check refuses a status that does not follow the attendance. */
  async update(tx: EntityManager, id: string, change: MeetingChange): Promise<void> {
    const params: unknown[] = [id];
    const set = ['updated_at = now()'];
    const put = (column: string, value: unknown, cast = '') => {
      params.push(value);
      set.push(`${column} = $${params.length}${cast}`);
    };
    if (change.status !== undefined) put('status', change.status);
    if (change.fromAttendance !== undefined) put('from_attendance', change.fromAttendance);
    if (change.toAttendance !== undefined) put('to_attendance', change.toAttendance);
    if (change.fromAttendanceBy !== undefined) put('from_attendance_by', change.fromAttendanceBy);
    if (change.toAttendanceBy !== undefined) put('to_attendance_by', change.toAttendanceBy);
    if (change.statusOverridden !== undefined) put('status_overridden', change.statusOverridden);
    if (change.startsAt && change.endsAt) {
      params.push(change.startsAt.toISOString(), change.endsAt.toISOString());
      set.push(`period = tstzrange($${params.length - 1}, $${params.length}, '[)')`);
    }
    if (change.timedAt) put('timed_at', change.timedAt.toISOString());
    if (change.attendanceSettled !== undefined) put('attendance_settled', change.attendanceSettled);
    await tx.query(`UPDATE meetings SET ${set.join(', ')} WHERE id = $1`, params);
  }

  async list(
    eventId: string,
    filter: { status?: MeetingStatus; registrationId?: string; memberUserId?: string; limit: number; offset: number },
  ): Promise<{ items: MeetingRecord[]; total: number }> {
    const where = ['m.event_id = $1'];
    const params: unknown[] = [eventId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.status) add('m.status = ?', filter.status);
    if (filter.registrationId) add('? IN (c.from_registration_id, c.to_registration_id)', filter.registrationId);
    if (filter.memberUserId) {
      add(
        `EXISTS (SELECT 1 FROM registrations r JOIN enterprise_members em ON em.enterprise_id = r.enterprise_id
                  WHERE em.user_id = ? AND r.id IN (c.from_registration_id, c.to_registration_id))`,
        filter.memberUserId,
      );
    }
    const sqlWhere = where.join(' AND ');
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM meetings m JOIN connections c ON c.id = m.connection_id WHERE ${sqlWhere}`,
      params,
    );
    const items = await this.dataSource.query<MeetingRecord[]>(
      `${SELECT_MEETING} WHERE ${sqlWhere} ORDER BY lower(m.period), m.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** The lowest table of a venue free for a whole period (none: null). */
  async freeTable(tx: EntityManager, venueId: string, tables: number, startsAt: Date, endsAt: Date): Promise<number | null> {
    const [row] = await tx.query<{ table_no: number }[]>(
      `SELECT t AS table_no FROM generate_series(1, $2::int) AS t
        WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.venue_id = $1 AND m.table_no = t AND m.status <> 'cancelled'
                            AND m.period && tstzrange($3, $4, '[)'))
        ORDER BY t LIMIT 1`,
      [venueId, tables, startsAt.toISOString(), endsAt.toISOString()],
    );
    return row?.table_no ?? null;
  }

  /**
   * Accepted connections without a live meeting (the scheduler's pairs, weighted
   * by their recommendation score; a pair on site at one venue needs a table
   * there), and what is already booked (never moved by a re-run).
   */
  async schedulingData(tx: EntityManager, eventId: string): Promise<SchedulingData> {
    const pairs = await tx.query<SchedulingData['pairs']>(
      `SELECT c.id AS "connectionId", c.from_registration_id AS a, c.to_registration_id AS b, greatest(c.score, 1) AS weight,
              CASE WHEN ra.attendance = 'onsite' AND rb.attendance = 'onsite' AND ra.venue_id = rb.venue_id THEN ra.venue_id END AS "venueId"
         FROM connections c
         JOIN registrations ra ON ra.id = c.from_registration_id
         JOIN registrations rb ON rb.id = c.to_registration_id
        WHERE c.event_id = $1 AND c.status = 'accepted'
          AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.connection_id = c.id AND m.status <> 'cancelled')
        ORDER BY c.id`,
      [eventId],
    );
    const availability = await tx.query<SchedulingData['availability']>(
      `SELECT a.registration_id AS "registrationId", lower(a.period) AS "startsAt", upper(a.period) AS "endsAt"
         FROM registration_availability a JOIN registrations r ON r.id = a.registration_id WHERE r.event_id = $1`,
      [eventId],
    );
    const busy = await tx.query<SchedulingData['busy']>(
      `SELECT p.registration_id AS "registrationId", lower(p.period) AS "startsAt", upper(p.period) AS "endsAt"
         FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id WHERE m.event_id = $1 AND p.active`,
      [eventId],
    );
    const tablesInUse = await tx.query<SchedulingData['tablesInUse']>(
      `SELECT venue_id AS "venueId", table_no AS "tableNo", lower(period) AS "startsAt", upper(period) AS "endsAt"
         FROM meetings WHERE event_id = $1 AND status <> 'cancelled' AND venue_id IS NOT NULL`,
      [eventId],
    );
    const tables = await tx.query<SchedulingData['tables']>(`SELECT id AS "venueId", tables FROM venues WHERE event_id = $1`, [eventId]);
    return { pairs, availability, busy, tablesInUse, tables };
  }

  /** Meetings of the event lost to a no-show or a cancellation whose time is not over, and the pairs waiting (the scheduler's pairs). */
  async standby(eventId: string, now: Date): Promise<{ freed: StandbyRow[]; pairs: { connectionId: string; registrationIds: [string, string]; names: [Localized, Localized] }[] }> {
    const freed = await this.dataSource.query<StandbyRow[]>(
      `SELECT m.id AS "meetingId", m.status, lower(m.period) AS "startsAt", upper(m.period) AS "endsAt",
              ARRAY[c.from_registration_id, c.to_registration_id] AS "registrationIds", json_build_array(ea.name, eb.name) AS names
         FROM meetings m JOIN connections c ON c.id = m.connection_id
         JOIN registrations ra ON ra.id = c.from_registration_id JOIN enterprises ea ON ea.id = ra.enterprise_id
         JOIN registrations rb ON rb.id = c.to_registration_id JOIN enterprises eb ON eb.id = rb.enterprise_id
        WHERE m.event_id = $1 AND m.status IN ('no_show', 'cancelled') AND upper(m.period) > $2
        ORDER BY lower(m.period), m.id`,
      [eventId, now.toISOString()],
    );
    const pairs = await this.dataSource.query<{ connectionId: string; registrationIds: [string, string]; names: [Localized, Localized] }[]>(
      `SELECT c.id AS "connectionId", ARRAY[c.from_registration_id, c.to_registration_id] AS "registrationIds", json_build_array(ea.name, eb.name) AS names
         FROM connections c
         JOIN registrations ra ON ra.id = c.from_registration_id JOIN enterprises ea ON ea.id = ra.enterprise_id
         JOIN registrations rb ON rb.id = c.to_registration_id JOIN enterprises eb ON eb.id = rb.enterprise_id
        WHERE c.event_id = $1 AND c.status = 'accepted'
          AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.connection_id = c.id AND m.status <> 'cancelled')
        ORDER BY c.id`,
      [eventId],
    );
    return { freed, pairs };
  }

  // ---- availability ----
  async replaceAvailability(tx: EntityManager, registrationId: string, windows: { startsAt: Date; endsAt: Date }[]): Promise<void> {
    await tx.query(`DELETE FROM registration_availability WHERE registration_id = $1`, [registrationId]);
    if (!windows.length) return;
    await tx.query(
      `INSERT INTO registration_availability (registration_id, period)
       SELECT $1, tstzrange(s, e, '[)') FROM unnest($2::timestamptz[], $3::timestamptz[]) AS w(s, e)`,
      [registrationId, windows.map((w) => w.startsAt.toISOString()), windows.map((w) => w.endsAt.toISOString())],
    );
  }

  async availability(registrationId: string): Promise<{ startsAt: Date; endsAt: Date }[]> {
    return await this.dataSource.query<{ startsAt: Date; endsAt: Date }[]>(
      `SELECT lower(period) AS "startsAt", upper(period) AS "endsAt" FROM registration_availability WHERE registration_id = $1 ORDER BY lower(period)`,
      [registrationId],
    );
  }

  /** The venue time zone of each registration (for showing local times). */
  async venueZones(registrationIds: string[]): Promise<Map<string, string>> {
    if (!registrationIds.length) return new Map();
    const rows = await this.dataSource.query<{ id: string; timezone: string }[]>(
      `SELECT r.id, v.timezone FROM registrations r JOIN venues v ON v.id = r.venue_id WHERE r.id = ANY($1::uuid[])`,
      [registrationIds],
    );
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }
}
