import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RescheduleView } from '@tradebridge/contracts';

const SELECT = `
  SELECT id, meeting_id AS "meetingId", proposed_by_registration_id AS "proposedByRegistrationId",
         lower(period) AS "startsAt", upper(period) AS "endsAt", status, created_at AS "createdAt", responded_at AS "respondedAt"
    FROM meeting_reschedules`;

type Row = Omit<RescheduleView, 'startsAt' | 'endsAt' | 'createdAt' | 'respondedAt'> & { startsAt: Date; endsAt: Date; createdAt: Date; respondedAt: Date | null };

export function rescheduleView(r: Row): RescheduleView {
  const iso = (d: Date) => new Date(d).toISOString();
  return { ...r, startsAt: iso(r.startsAt), endsAt: iso(r.endsAt), createdAt: iso(r.createdAt), respondedAt: r.respondedAt ? iso(r.respondedAt) : null };
}

/** Proposals to move a meeting (meeting_reschedules); at most one open per meeting (meeting_reschedules_one_open_key). */
@Injectable()
export class RescheduleRepository {
  async insert(tx: EntityManager, p: { id: string; meetingId: string; registrationId: string; userId: string; startsAt: Date; endsAt: Date }): Promise<RescheduleView> {
    const [row] = await tx.query<Row[]>(
      `WITH ins AS (
         INSERT INTO meeting_reschedules (id, meeting_id, proposed_by_registration_id, proposed_by, period)
         VALUES ($1, $2, $3, $4, tstzrange($5, $6, '[)')) RETURNING *)
       SELECT id, meeting_id AS "meetingId", proposed_by_registration_id AS "proposedByRegistrationId",
              lower(period) AS "startsAt", upper(period) AS "endsAt", status, created_at AS "createdAt", responded_at AS "respondedAt" FROM ins`,
      [p.id, p.meetingId, p.registrationId, p.userId, p.startsAt.toISOString(), p.endsAt.toISOString()],
    );
    return rescheduleView(row);
  }

  async lock(tx: EntityManager, meetingId: string, id: string): Promise<RescheduleView | null> {
    const [row] = await tx.query<Row[]>(`${SELECT} WHERE id = $1 AND meeting_id = $2 FOR UPDATE`, [id, meetingId]);
    return row ? rescheduleView(row) : null;
  }

  async respond(tx: EntityManager, id: string, status: 'accepted' | 'declined' | 'withdrawn', userId: string): Promise<RescheduleView> {
    const [row] = await tx.query<Row[]>(
      `WITH up AS (UPDATE meeting_reschedules SET status = $2, responded_by = $3, responded_at = now() WHERE id = $1 RETURNING *)
       SELECT id, meeting_id AS "meetingId", proposed_by_registration_id AS "proposedByRegistrationId",
              lower(period) AS "startsAt", upper(period) AS "endsAt", status, created_at AS "createdAt", responded_at AS "respondedAt" FROM up`,
      [id, status, userId],
    );
    return rescheduleView(row);
  }

  async ofMeeting(tx: EntityManager, meetingId: string): Promise<RescheduleView[]> {
    return (await tx.query<Row[]>(`${SELECT} WHERE meeting_id = $1 ORDER BY created_at DESC, id`, [meetingId])).map(rescheduleView);
  }
}
