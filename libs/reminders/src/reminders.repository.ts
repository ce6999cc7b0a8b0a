import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Localized, MeetingMode } from '@tradebridge/contracts';
import { MAX_REMINDER_MINUTES } from './due';

/** A reminder claimed for sending (its row in meeting_reminders now exists). */
export interface ClaimedMeetingReminder {
  meetingId: string;
  minutes: number;
  startsAt: Date;
}

/** One member of one party of a meeting, with what their reminder shows. */
export interface MeetingReminderRecipient {
  meetingId: string;
  eventId: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venueName: string | null;
  venueTimezone: string | null;
  tableNo: number | null;
  link: string | null;
  status: string;
  sequence: number;
  eventName: Localized;
  eventTimezone: string;
  registrationId: string;
  enterpriseName: Localized;
  partnerRegistrationId: string;
  partnerName: Localized;
}

export interface ClaimedExpiringRequest {
  connectionId: string;
  eventId: string;
  expiresAt: Date;
}

/** A member of the receiving enterprise of an expiring request. */
export interface ExpiringRequestRecipient {
  connectionId: string;
  eventId: string;
  userId: string;
  expiresAt: Date;
  eventName: Localized;
  fromRegistrationId: string;
  toRegistrationId: string;
  partnerName: Localized;
  enterpriseName: Localized;
}

/**
 * What the reminder sweeper reads and claims. A claim is a row written in the
 * caller's transaction (meeting_reminders, connections.expiry_reminded_at): it
 * commits with the notifications or not at all.
 */
@Injectable()
export class RemindersRepository {
  /**
   * Claims up to `limit` meeting reminders due at `now` (see due.ts): meetings
   * not cancelled starting after now and at most a week ahead
   * (meetings_reminder_due_idx), each offset of their event whose due time has
   * come, not before the meeting got its time, and not yet sent for this start.
   * Claimed in a fixed order, so two sweepers never wait on each other in a cycle.
   */
  async claimDueMeetingReminders(tx: EntityManager, now: Date, limit: number): Promise<ClaimedMeetingReminder[]> {
    return tx.query<ClaimedMeetingReminder[]>(
      `WITH due AS (
         SELECT m.id AS meeting_id, o.minutes, lower(m.period) AS starts_at
           FROM meetings m
           JOIN events e ON e.id = m.event_id
          CROSS JOIN LATERAL unnest(e.reminder_minutes) AS o(minutes)
          WHERE m.status <> 'cancelled'
            AND lower(m.period) > $1::timestamptz
            AND lower(m.period) <= $1::timestamptz + make_interval(mins => $3)
            AND lower(m.period) - make_interval(mins => o.minutes) <= $1::timestamptz
            AND lower(m.period) - make_interval(mins => o.minutes) >= m.timed_at
            AND NOT EXISTS (SELECT 1 FROM meeting_reminders r WHERE r.meeting_id = m.id AND r.minutes = o.minutes AND r.starts_at = lower(m.period))
          ORDER BY m.id, o.minutes
          LIMIT $2)
       INSERT INTO meeting_reminders (meeting_id, minutes, starts_at, sent_at)
       SELECT meeting_id, minutes, starts_at, $1::timestamptz FROM due ORDER BY meeting_id, minutes
       ON CONFLICT DO NOTHING
       RETURNING meeting_id AS "meetingId", minutes, starts_at AS "startsAt"`,
      [now.toISOString(), limit, MAX_REMINDER_MINUTES],
    );
  }

  /** Every member of both parties of these meetings, with the meeting's snapshot from their side. */
  async meetingRecipients(tx: EntityManager, meetingIds: string[]): Promise<MeetingReminderRecipient[]> {
    if (!meetingIds.length) return [];
    return tx.query<MeetingReminderRecipient[]>(
      `SELECT m.id AS "meetingId", m.event_id AS "eventId", em.user_id AS "userId",
              lower(m.period) AS "startsAt", upper(m.period) AS "endsAt", m.mode,
              v.name AS "venueName", v.timezone AS "venueTimezone", m.table_no AS "tableNo", m.link, m.status, m.sequence,
              e.name AS "eventName", e.timezone AS "eventTimezone",
              own.id AS "registrationId", own_e.name AS "enterpriseName",
              other.id AS "partnerRegistrationId", other_e.name AS "partnerName"
         FROM meetings m
         JOIN events e ON e.id = m.event_id
         JOIN connections c ON c.id = m.connection_id
         LEFT JOIN venues v ON v.id = m.venue_id
        CROSS JOIN LATERAL (VALUES (c.from_registration_id, c.to_registration_id), (c.to_registration_id, c.from_registration_id)) AS p(own_id, other_id)
         JOIN registrations own ON own.id = p.own_id
         JOIN registrations other ON other.id = p.other_id
         JOIN enterprises own_e ON own_e.id = own.enterprise_id
         JOIN enterprises other_e ON other_e.id = other.enterprise_id
         JOIN enterprise_members em ON em.enterprise_id = own.enterprise_id
        WHERE m.id = ANY($1::uuid[])`,
      [meetingIds],
    );
  }

  /**
   * Claims up to `limit` pending requests expiring within `leadSeconds` of
   * `now` and not yet reminded (connections_expiry_reminder_idx). SKIP LOCKED:
   * a request being answered right now is left alone, and the next pass sees
   * it answered.
   */
  async claimExpiringRequests(tx: EntityManager, now: Date, leadSeconds: number, limit: number): Promise<ClaimedExpiringRequest[]> {
    return tx.query<ClaimedExpiringRequest[]>(
      // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count], not the rows.
      `WITH claimed AS (
       UPDATE connections c SET expiry_reminded_at = $1::timestamptz
        WHERE c.id IN (
          SELECT id FROM connections
           WHERE status = 'requested' AND expiry_reminded_at IS NULL
             AND expires_at > $1::timestamptz AND expires_at <= $1::timestamptz + make_interval(secs => $2)
           ORDER BY expires_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING c.id AS "connectionId", c.event_id AS "eventId", c.expires_at AS "expiresAt")
       SELECT * FROM claimed`,
      [now.toISOString(), leadSeconds, limit],
    );
  }

  /** The members of the receiving enterprise of each request (the side that has not answered). */
  async expiringRecipients(tx: EntityManager, connectionIds: string[]): Promise<ExpiringRequestRecipient[]> {
    if (!connectionIds.length) return [];
    return tx.query<ExpiringRequestRecipient[]>(
      `SELECT c.id AS "connectionId", c.event_id AS "eventId", em.user_id AS "userId", c.expires_at AS "expiresAt",
              e.name AS "eventName", c.from_registration_id AS "fromRegistrationId", c.to_registration_id AS "toRegistrationId",
              from_e.name AS "partnerName", to_e.name AS "enterpriseName"
         FROM connections c
         JOIN events e ON e.id = c.event_id
         JOIN registrations fr ON fr.id = c.from_registration_id
         JOIN registrations tr ON tr.id = c.to_registration_id
         JOIN enterprises from_e ON from_e.id = fr.enterprise_id
         JOIN enterprises to_e ON to_e.id = tr.enterprise_id
         JOIN enterprise_members em ON em.enterprise_id = tr.enterprise_id
        WHERE c.id = ANY($1::uuid[])`,
      [connectionIds],
    );
  }
}
