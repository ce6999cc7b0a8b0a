import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and announcements.
 *
 * - `meetings.timed_at`: when the meeting got its current time (booked or last
 *   moved). A reminder due before then is stale (no "in 24 h" for a meeting
 *   booked an hour ahead). Writers pass their clock's time; a trigger sets it
 *   to now() when a writer moves a meeting without saying so.
 * - `meeting_reminders`: the reminders sent, one per meeting, offset and start
 *   time. Inserting the row is the claim (ON CONFLICT DO NOTHING), in the
 *   transaction that writes the notifications, so no process sends one twice;
 *   a moved meeting has a new start time, so its reminders are due afresh.
 * - `connections.expiry_reminded_at`: the one "request expiring" reminder.
 * - `announcements`: what organizers sent, to whom (at most one of venue,
 *   room, side; none = everyone), and how many registrations and people it
 *   reached when sent.
 */
export class RemindersAndAnnouncements1763800023000 implements MigrationInterface {
  name = 'RemindersAndAnnouncements1763800023000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings ADD COLUMN timed_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE meetings SET timed_at = LEAST(created_at, updated_at)`);
    await q.query(`
      CREATE FUNCTION meetings_timed_at_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.period IS DISTINCT FROM OLD.period AND NEW.timed_at IS NOT DISTINCT FROM OLD.timed_at THEN
          NEW.timed_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER meetings_timed_at_follow_trg BEFORE UPDATE OF period ON meetings FOR EACH ROW EXECUTE FUNCTION meetings_timed_at_follow()`);
    // The sweeper's range: meetings not cancelled starting within the longest offset.
    await q.query(`CREATE INDEX meetings_reminder_due_idx ON meetings (lower(period)) WHERE status <> 'cancelled'`);

    await q.query(`
      CREATE TABLE meeting_reminders (
        meeting_id uuid        NOT NULL,
        minutes    integer     NOT NULL,
        starts_at  timestamptz NOT NULL,
        sent_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_reminders_pkey PRIMARY KEY (meeting_id, minutes, starts_at),
        CONSTRAINT meeting_reminders_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
        CONSTRAINT meeting_reminders_minutes_check CHECK (minutes BETWEEN 1 AND 10080)
      )`);

    await q.query(`ALTER TABLE connections ADD COLUMN expiry_reminded_at timestamptz`);
    await q.query(`CREATE INDEX connections_expiry_reminder_idx ON connections (expires_at) WHERE status = 'requested' AND expiry_reminded_at IS NULL`);

    await q.query(`
      CREATE TABLE announcements (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id   uuid        NOT NULL,
        text       jsonb       NOT NULL,
        venue_id   uuid,
        room_id    uuid,
        side       char(2),
        registrations integer  NOT NULL,
        recipients integer     NOT NULL,
        created_by uuid        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT announcements_pkey PRIMARY KEY (id),
        CONSTRAINT announcements_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT announcements_venue_fkey FOREIGN KEY (event_id, venue_id) REFERENCES venues (event_id, id),
        CONSTRAINT announcements_room_fkey FOREIGN KEY (event_id, room_id) REFERENCES rooms (event_id, id),
        CONSTRAINT announcements_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT announcements_audience_check CHECK (num_nonnulls(venue_id, room_id, side) <= 1),
        CONSTRAINT announcements_text_check CHECK (jsonb_typeof(text) = 'object' AND text <> '{}'::jsonb),
        CONSTRAINT announcements_recipients_check CHECK (recipients >= 0 AND registrations >= 0)
      )`);
    await q.query(`CREATE INDEX announcements_event_idx ON announcements (event_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE announcements`);
    await q.query(`DROP INDEX connections_expiry_reminder_idx`);
    await q.query(`ALTER TABLE connections DROP COLUMN expiry_reminded_at`);
    await q.query(`DROP TABLE meeting_reminders`);
    await q.query(`DROP INDEX meetings_reminder_due_idx`);
    await q.query(`DROP TRIGGER meetings_timed_at_follow_trg ON meetings`);
    await q.query(`DROP FUNCTION meetings_timed_at_follow()`);
    await q.query(`ALTER TABLE meetings DROP COLUMN timed_at`);
  }
}
