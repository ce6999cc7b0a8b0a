import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MeetingAttendance, MeetingMode } from '@tradebridge/contracts';
import type { AttendanceSource } from './attendance';

/** A meeting the attendance rules look at, with its evidence, by registration. */
export interface AttendanceCandidate {
  id: string;
  eventId: string;
  mode: MeetingMode;
  startsAt: Date;
  endsAt: Date;
  registrationIds: [string, string];
  fromAttendance: MeetingAttendance | null;
  toAttendance: MeetingAttendance | null;
  fromAttendanceBy: AttendanceSource | null;
  toAttendanceBy: AttendanceSource | null;
  calls: { registrationId: string; from: Date; until: Date }[];
  scans: { registrationId: string; kind: 'badge' | 'table'; at: Date }[];
}

/** A session seen this recently is taken as still live: it counts until now, not until its last refresh. */
const LIVE_SESSION_SECONDS = 60;

const SELECT_CANDIDATE = `
  SELECT m.id, m.event_id AS "eventId", m.mode, lower(m.period) AS "startsAt", upper(m.period) AS "endsAt",
         ARRAY[c.from_registration_id, c.to_registration_id] AS "registrationIds",
         m.from_attendance AS "fromAttendance", m.to_attendance AS "toAttendance",
         m.from_attendance_by AS "fromAttendanceBy", m.to_attendance_by AS "toAttendanceBy",
         COALESCE((SELECT json_agg(json_build_object('registrationId', s.registration_id, 'from', s.joined_at,
                     'until', COALESCE(s.left_at, CASE WHEN s.seen_at > $1::timestamptz - make_interval(secs => ${LIVE_SESSION_SECONDS}) THEN $1::timestamptz ELSE s.seen_at END)))
                     FROM meeting_call_sessions s WHERE s.meeting_id = m.id AND s.role = 'party'), '[]'::json) AS calls,
         COALESCE((SELECT json_agg(json_build_object('registrationId', x.registration_id, 'kind', x.kind, 'at', x.at))
                     FROM meeting_scans x WHERE x.meeting_id = m.id), '[]'::json) AS scans
    FROM meetings m JOIN connections c ON c.id = m.connection_id`;

type Row = Omit<AttendanceCandidate, 'calls' | 'scans'> & {
  calls: { registrationId: string; from: string; until: string }[];
  scans: { registrationId: string; kind: 'badge' | 'table'; at: string }[];
};

function parse(row: Row): AttendanceCandidate {
  return {
    ...row,
    startsAt: new Date(row.startsAt),
    endsAt: new Date(row.endsAt),
    calls: row.calls.map((c) => ({ registrationId: c.registrationId, from: new Date(c.from), until: new Date(c.until) })),
    scans: row.scans.map((s) => ({ registrationId: s.registrationId, kind: s.kind, at: new Date(s.at) })),
  };
}

/** What the attendance keeper reads and writes besides the meetings themselves. */
@Injectable()
export class AttendanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Unsettled live meetings that have begun (or open within `openMinutes`), staff
   * decisions aside, with their calls and scans: a few slots' worth at most.
   */
  async candidates(now: Date, openMinutes: number, eventIds?: string[]): Promise<AttendanceCandidate[]> {
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT_CANDIDATE}
        WHERE NOT m.attendance_settled AND m.status <> 'cancelled' AND NOT m.status_overridden
          AND lower(m.period) <= $1::timestamptz + make_interval(mins => $2::int)
          AND ($3::uuid[] IS NULL OR m.event_id = ANY($3::uuid[]))
        ORDER BY lower(m.period), m.id`,
      [now.toISOString(), Math.ceil(openMinutes), eventIds ?? null],
    );
    return rows.map(parse);
  }

  /** One candidate, its row locked (FOR UPDATE): the decision is made again on what the lock sees. */
  async lockCandidate(tx: EntityManager, id: string, now: Date): Promise<(AttendanceCandidate & { status: string; statusOverridden: boolean; settled: boolean }) | null> {
    const [row] = await tx.query<(Row & { status: string; statusOverridden: boolean; settled: boolean })[]>(
      `${SELECT_CANDIDATE.replace('m.to_attendance_by AS "toAttendanceBy",', 'm.to_attendance_by AS "toAttendanceBy", m.status, m.status_overridden AS "statusOverridden", m.attendance_settled AS settled,')}
        WHERE m.id = $2 FOR UPDATE OF m`,
      [now.toISOString(), id],
    );
    return row ? { ...parse(row), status: row.status, statusOverridden: row.statusOverridden, settled: row.settled } : null;
  }

  /** The rules have seen these meetings after their end (or staff decided them): the sweep stops reading them. */
  async settle(ids: string[], tx: EntityManager = this.dataSource.manager): Promise<void> {
    if (ids.length) await tx.query(`UPDATE meetings SET attendance_settled = true WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * Settles what staff decided, once over: nothing for the rules to say. (Cancelled meetings are
   * never candidates; the condition stays inside meetings_attendance_unsettled_idx.)
   */
  async settleDecided(now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE meetings SET attendance_settled = true
        WHERE NOT attendance_settled AND status <> 'cancelled' AND status_overridden AND upper(period) < $1`,
      [now.toISOString()],
    );
  }

  /** `at`: the app's clock, which the rules compare with the meeting's time. */
  async recordScan(tx: EntityManager, scan: { meetingId: string; registrationId: string; kind: 'badge' | 'table'; userId: string; at: Date }): Promise<void> {
    await tx.query(`INSERT INTO meeting_scans (meeting_id, registration_id, kind, scanned_by, at) VALUES ($1, $2, $3, $4, $5)`, [
      scan.meetingId,
      scan.registrationId,
      scan.kind,
      scan.userId,
      scan.at.toISOString(),
    ]);
  }
}
