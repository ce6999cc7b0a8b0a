import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What reaching people needs: each user's language, time zone and e-mail
 * choices; a session epoch (raising it ends every session issued before);
 * in-app notifications; the notifier's cursor over each event's log; and the
 * reminder offsets of each event.
 *
 * A notification's `source` names the change it is about (`log:<event>:<seq>`,
 * `reminder:…`), unique per user: whatever writes notifications may run a
 * change twice (a crash before its cursor moved) and still write it once.
 * Notifications are written by one transaction at a time (the notifier's
 * lock), so their ids grow in commit order and a client can resume after the
 * last id it saw.
 *
 * `meetings.sequence` is the iCalendar SEQUENCE of the meeting's invitation: a
 * trigger raises it whenever what a calendar shows changes (time, place,
 * link, cancellation), so every writer of meetings keeps it right.
 */
export class Notifications1763800020000 implements MigrationInterface {
  name = 'Notifications1763800020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN locale        text    NOT NULL DEFAULT 'en',
        ADD COLUMN timezone      text    NOT NULL DEFAULT 'UTC',
        ADD COLUMN email_muted   text[]  NOT NULL DEFAULT '{}',
        ADD COLUMN session_epoch integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT users_locale_check CHECK (locale IN ('vi', 'zh', 'en')),
        ADD CONSTRAINT users_timezone_check CHECK (length(timezone) BETWEEN 1 AND 64),
        ADD CONSTRAINT users_session_epoch_check CHECK (session_epoch >= 0)`);
    await q.query(`
      CREATE TABLE notifications (
        id         bigint      GENERATED ALWAYS AS IDENTITY,
        user_id    uuid        NOT NULL,
        kind       text        NOT NULL,
        event_id   uuid,
        source     text        NOT NULL,
        data       jsonb       NOT NULL DEFAULT '{}',
        link       text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at    timestamptz,
        CONSTRAINT notifications_pkey PRIMARY KEY (id),
        CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT notifications_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT notifications_source_key UNIQUE (user_id, source),
        CONSTRAINT notifications_link_check CHECK (link LIKE '/%')
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id, id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE notifier_cursors (
        event_id uuid   NOT NULL,
        last_seq bigint NOT NULL,
        CONSTRAINT notifier_cursors_pkey PRIMARY KEY (event_id),
        CONSTRAINT notifier_cursors_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT notifier_cursors_last_seq_check CHECK (last_seq >= 0)
      )`);
    await q.query(`
      ALTER TABLE events
        ADD COLUMN reminder_minutes integer[] NOT NULL DEFAULT '{1440,15}',
        ADD CONSTRAINT events_reminder_minutes_check CHECK (cardinality(reminder_minutes) <= 5 AND 0 < ALL (reminder_minutes) AND 10080 >= ALL (reminder_minutes))`);
    await q.query(`ALTER TABLE meetings ADD COLUMN sequence integer NOT NULL DEFAULT 0, ADD CONSTRAINT meetings_sequence_check CHECK (sequence >= 0)`);
    await q.query(`
      CREATE FUNCTION meetings_sequence_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.period, NEW.mode, NEW.venue_id, NEW.table_no, NEW.link, NEW.status = 'cancelled')
           IS DISTINCT FROM (OLD.period, OLD.mode, OLD.venue_id, OLD.table_no, OLD.link, OLD.status = 'cancelled') THEN
          NEW.sequence := OLD.sequence + 1;
        ELSE
          NEW.sequence := OLD.sequence;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER meetings_sequence_bump_trg BEFORE UPDATE ON meetings FOR EACH ROW EXECUTE FUNCTION meetings_sequence_bump()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER meetings_sequence_bump_trg ON meetings`);
    await q.query(`DROP FUNCTION meetings_sequence_bump()`);
    await q.query(`ALTER TABLE meetings DROP COLUMN sequence`);
    await q.query(`ALTER TABLE events DROP COLUMN reminder_minutes`);
    await q.query(`DROP TABLE notifier_cursors`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`ALTER TABLE users DROP COLUMN locale, DROP COLUMN timezone, DROP COLUMN email_muted, DROP COLUMN session_epoch`);
  }
}
