import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a meeting's attendance is decided from, and proposals to move it.
 *
 * - `meeting_call_sessions`: one row per socket that joined a meeting's video
 *   call (the gateway writes it). `registration_id` is the party the user joined
 *   for; NULL for the event's staff and the meeting's interpreter (`role`).
 *   `seen_at` is refreshed while the socket stays in the call, so a session left
 *   open by a crashed gateway counts only until it was last seen.
 * - `meeting_scans`: on site, a party scanning the partner's badge or the table's
 *   QR code at the slot; each scan is kept (two-sided check-in), by side.
 * - `meeting_reschedules`: a party proposes another time; the partner accepts or
 *   declines. At most one open proposal per meeting.
 * - `meetings.from_attendance_by` / `to_attendance_by`: who wrote each side's
 *   attendance: the party itself, staff, or the attendance rules from the evidence
 *   (`system`, which the rules may revise; the others they never overwrite).
 *   Existing records were written by the parties or staff: `party`.
 * - `meetings.attendance_settled`: the rules looked at the meeting after it ended
 *   (or staff decided it), so the keeper's sweep no longer reads it. Meetings
 *   already over are settled; the partial index finds the rest.
 */
export class MeetingsThatHappen1763800025000 implements MigrationInterface {
  name = 'MeetingsThatHappen1763800025000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings ADD COLUMN from_attendance_by text, ADD COLUMN to_attendance_by text`);
    await q.query(`UPDATE meetings SET from_attendance_by = CASE WHEN from_attendance IS NOT NULL THEN 'party' END,
                                       to_attendance_by = CASE WHEN to_attendance IS NOT NULL THEN 'party' END
                    WHERE from_attendance IS NOT NULL OR to_attendance IS NOT NULL`);
    await q.query(`ALTER TABLE meetings ADD CONSTRAINT meetings_attendance_by_check CHECK (
      from_attendance_by IN ('party', 'staff', 'system') AND to_attendance_by IN ('party', 'staff', 'system')
      AND (from_attendance IS NULL) = (from_attendance_by IS NULL) AND (to_attendance IS NULL) = (to_attendance_by IS NULL))`);
    await q.query(`ALTER TABLE meetings ADD COLUMN attendance_settled boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE meetings SET attendance_settled = true WHERE upper(period) < now() OR status = 'cancelled'`);
    await q.query(`CREATE INDEX meetings_attendance_unsettled_idx ON meetings (lower(period)) WHERE NOT attendance_settled AND status <> 'cancelled'`);
    await q.query(`
      CREATE TABLE meeting_call_sessions (
        id              bigserial   NOT NULL,
        meeting_id      uuid        NOT NULL,
        user_id         uuid        NOT NULL,
        registration_id uuid,
        role            text        NOT NULL,
        socket_id       text        NOT NULL,
        joined_at       timestamptz NOT NULL DEFAULT now(),
        seen_at         timestamptz NOT NULL DEFAULT now(),
        left_at         timestamptz,
        CONSTRAINT meeting_call_sessions_pkey PRIMARY KEY (id),
        CONSTRAINT meeting_call_sessions_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
        CONSTRAINT meeting_call_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT meeting_call_sessions_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT meeting_call_sessions_role_check CHECK (role IN ('party', 'interpreter', 'staff')),
        CONSTRAINT meeting_call_sessions_party_check CHECK ((role = 'party') = (registration_id IS NOT NULL)),
        CONSTRAINT meeting_call_sessions_times_check CHECK (seen_at >= joined_at AND (left_at IS NULL OR left_at >= joined_at))
      )`);
    await q.query(`CREATE INDEX meeting_call_sessions_meeting_idx ON meeting_call_sessions (meeting_id)`);
    await q.query(`CREATE UNIQUE INDEX meeting_call_sessions_open_key ON meeting_call_sessions (meeting_id, socket_id) WHERE left_at IS NULL`);

    await q.query(`
      CREATE TABLE meeting_scans (
        id              bigserial   NOT NULL,
        meeting_id      uuid        NOT NULL,
        registration_id uuid        NOT NULL,
        kind            text        NOT NULL,
        scanned_by      uuid,
        at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_scans_pkey PRIMARY KEY (id),
        CONSTRAINT meeting_scans_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
        CONSTRAINT meeting_scans_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT meeting_scans_scanned_by_fkey FOREIGN KEY (scanned_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT meeting_scans_kind_check CHECK (kind IN ('badge', 'table'))
      )`);
    await q.query(`CREATE INDEX meeting_scans_meeting_idx ON meeting_scans (meeting_id)`);

    await q.query(`
      CREATE TABLE meeting_reschedules (
        id                          uuid        NOT NULL,
        meeting_id                  uuid        NOT NULL,
        proposed_by_registration_id uuid        NOT NULL,
        proposed_by                 uuid,
        period                      tstzrange   NOT NULL,
        status                      text        NOT NULL DEFAULT 'proposed',
        responded_by                uuid,
        responded_at                timestamptz,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_reschedules_pkey PRIMARY KEY (id),
        CONSTRAINT meeting_reschedules_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
        CONSTRAINT meeting_reschedules_registration_fkey FOREIGN KEY (proposed_by_registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT meeting_reschedules_proposed_by_fkey FOREIGN KEY (proposed_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT meeting_reschedules_responded_by_fkey FOREIGN KEY (responded_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT meeting_reschedules_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'withdrawn', 'superseded')),
        CONSTRAINT meeting_reschedules_period_check CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period))
      )`);
    await q.query(`CREATE UNIQUE INDEX meeting_reschedules_one_open_key ON meeting_reschedules (meeting_id) WHERE status = 'proposed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_reschedules`);
    await q.query(`DROP TABLE meeting_scans`);
    await q.query(`DROP TABLE meeting_call_sessions`);
    await q.query(`ALTER TABLE meetings DROP CONSTRAINT meetings_attendance_by_check`);
    await q.query(`ALTER TABLE meetings DROP COLUMN from_attendance_by, DROP COLUMN to_attendance_by, DROP COLUMN attendance_settled`);
  }
}
