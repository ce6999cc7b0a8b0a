import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each party records its own attendance, and a meeting's status follows both.
 *
 * - `from_attendance` / `to_attendance`: what the connection's requester's side
 *   and receiver's side recorded for themselves (`attended`, `absent`, or NULL
 *   while unrecorded).
 * - `status_overridden`: staff set the status explicitly. Otherwise the status
 *   is derived, and `meetings_status_follows_attendance_check` keeps it so
 *   whatever writes the row: both attended → held; either absent → no_show;
 *   otherwise scheduled. Cancelled stays as it is.
 * - `meetings_duration_check`: no live meeting is shorter than 5 minutes, the
 *   floor of both `events.slot_minutes` and the MEETING_MIN_MINUTES setting
 *   (the service applies the setting itself: one slot, or at least that long).
 *
 * Existing rows: a held or no-show status was set directly before attendance
 * was recorded per side, so it is kept as a decided status
 * (`status_overridden`), with no attendance invented for either party. Live
 * meetings under 5 minutes (a one-second booking) were never real meetings:
 * they are cancelled, which frees their time and table.
 */
export class MeetingAttendance1763800015000 implements MigrationInterface {
  name = 'MeetingAttendance1763800015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings ADD COLUMN from_attendance text, ADD COLUMN to_attendance text, ADD COLUMN status_overridden boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE meetings SET status_overridden = true WHERE status IN ('held', 'no_show')`);
    await q.query(`UPDATE meetings SET status = 'cancelled', updated_at = now() WHERE status <> 'cancelled' AND upper(period) - lower(period) < interval '5 minutes'`);
    await q.query(`ALTER TABLE meetings ADD CONSTRAINT meetings_from_attendance_check CHECK (from_attendance IN ('attended', 'absent'))`);
    await q.query(`ALTER TABLE meetings ADD CONSTRAINT meetings_to_attendance_check CHECK (to_attendance IN ('attended', 'absent'))`);
    await q.query(`
      ALTER TABLE meetings ADD CONSTRAINT meetings_status_follows_attendance_check CHECK (
        status = 'cancelled' OR status_overridden OR status = CASE
          WHEN from_attendance = 'absent' OR to_attendance = 'absent' THEN 'no_show'
          WHEN from_attendance = 'attended' AND to_attendance = 'attended' THEN 'held'
          ELSE 'scheduled' END)`);
    await q.query(`ALTER TABLE meetings ADD CONSTRAINT meetings_duration_check CHECK (status = 'cancelled' OR upper(period) - lower(period) >= interval '5 minutes')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings DROP CONSTRAINT meetings_duration_check`);
    await q.query(`ALTER TABLE meetings DROP CONSTRAINT meetings_status_follows_attendance_check`);
    await q.query(`ALTER TABLE meetings DROP CONSTRAINT meetings_to_attendance_check`);
    await q.query(`ALTER TABLE meetings DROP CONSTRAINT meetings_from_attendance_check`);
    await q.query(`ALTER TABLE meetings DROP COLUMN status_overridden, DROP COLUMN to_attendance, DROP COLUMN from_attendance`);
  }
}
