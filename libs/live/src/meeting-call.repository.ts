import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CallParticipant, Localized } from '@tradebridge/contracts';

/** A meeting as its call needs it: mode, status, time and the two parties (the connection's registrations). */
export interface CallMeeting {
  id: string;
  eventId: string;
  mode: 'online' | 'onsite';
  status: string;
  startsAt: Date;
  endsAt: Date;
  /** The two registrations; `mine`: the asking user is a member of its enterprise. */
  parties: { registrationId: string; side: string; enterpriseName: Localized; mine: boolean }[];
}

export interface NewCallSession {
  meetingId: string;
  userId: string;
  registrationId: string | null;
  role: CallParticipant['role'];
  socketId: string;
}

/**
 * `meeting_call_sessions`: one row per socket in a meeting's call, `seen_at`
 * refreshed while it stays, `left_at` set when it leaves or disconnects. The
 * attendance keeper reads these rows; the gateway only writes them.
 */
@Injectable()
export class MeetingCallRepository {
  constructor(private readonly dataSource: DataSource) {}

  async meeting(meetingId: string, userId: string): Promise<CallMeeting | null> {
    const rows = await this.dataSource.query<(Omit<CallMeeting, 'parties'> & CallMeeting['parties'][number])[]>(
      `SELECT m.id, m.event_id AS "eventId", m.mode, m.status, lower(m.period) AS "startsAt", upper(m.period) AS "endsAt",
              r.id AS "registrationId", r.side, e.name AS "enterpriseName",
              EXISTS (SELECT 1 FROM enterprise_members em WHERE em.enterprise_id = r.enterprise_id AND em.user_id = $2) AS mine
         FROM meetings m
         JOIN connections c ON c.id = m.connection_id
         JOIN registrations r ON r.id IN (c.from_registration_id, c.to_registration_id)
         JOIN enterprises e ON e.id = r.enterprise_id
        WHERE m.id = $1
        ORDER BY r.id = c.from_registration_id DESC`,
      [meetingId, userId],
    );
    if (rows.length === 0) return null;
    const [m] = rows;
    return {
      id: m.id,
      eventId: m.eventId,
      mode: m.mode,
      status: m.status,
      startsAt: new Date(m.startsAt),
      endsAt: new Date(m.endsAt),
      parties: rows.map((r) => ({ registrationId: r.registrationId, side: r.side, enterpriseName: r.enterpriseName, mine: r.mine })),
    };
  }

  /** Serializes joins of one meeting's call (the capacity check and the insert), across gateway nodes. */
  async lockMeeting(tx: EntityManager, meetingId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('meeting_call:' || $1::text, 0))`, [meetingId]);
  }

  /** Open sessions seen within `freshSeconds` (a crashed node's sessions stop counting once they go stale), oldest first. */
  async participants(meetingId: string, freshSeconds: number, tx: EntityManager = this.dataSource.manager): Promise<CallParticipant[]> {
    const rows = await tx.query<(Omit<CallParticipant, 'joinedAt'> & { joinedAt: Date })[]>(
      `SELECT s.socket_id AS "peerId", s.user_id AS "userId", s.role, s.registration_id AS "registrationId",
              r.side, e.name AS "enterpriseName", u.display_name AS "displayName", s.joined_at AS "joinedAt"
         FROM meeting_call_sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN registrations r ON r.id = s.registration_id
         LEFT JOIN enterprises e ON e.id = r.enterprise_id
        WHERE s.meeting_id = $1 AND s.left_at IS NULL AND s.seen_at > now() - make_interval(secs => $2)
        ORDER BY s.joined_at, s.id`,
      [meetingId, freshSeconds],
    );
    return rows.map((r) => ({ ...r, side: r.side ?? null, enterpriseName: r.enterpriseName ?? null, joinedAt: new Date(r.joinedAt).toISOString() }));
  }

  async open(tx: EntityManager, session: NewCallSession): Promise<void> {
    await tx.query(`INSERT INTO meeting_call_sessions (meeting_id, user_id, registration_id, role, socket_id) VALUES ($1, $2, $3, $4, $5)`, [
      session.meetingId,
      session.userId,
      session.registrationId,
      session.role,
      session.socketId,
    ]);
  }

  /** Ends the socket's open session of this meeting (none: nothing happens). */
  async close(meetingId: string, socketId: string): Promise<void> {
    await this.dataSource.query(`UPDATE meeting_call_sessions SET left_at = now(), seen_at = greatest(seen_at, now()) WHERE meeting_id = $1 AND socket_id = $2 AND left_at IS NULL`, [
      meetingId,
      socketId,
    ]);
  }

  /** One statement for all of a node's open sessions: they are still in the call. */
  async seen(socketIds: string[]): Promise<void> {
    if (socketIds.length === 0) return;
    await this.dataSource.query(`UPDATE meeting_call_sessions SET seen_at = now() WHERE left_at IS NULL AND socket_id = ANY($1::text[])`, [socketIds]);
  }
}
