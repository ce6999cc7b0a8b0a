import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings of accepted connections, each party's availability, and the
 * event's slot grid.
 *
 * No enterprise is ever in two meetings at once and no table holds two meetings
 * at once — enforced here for every path (scheduler, manual booking, any
 * future one) by GiST exclusion constraints over tstzrange:
 * - meetings_table_no_overlap: one meeting per (venue, table) at a time;
 * - meeting_participants_no_overlap: one meeting per registration at a time.
 * meeting_participants is kept in step with meetings by a trigger, so no code
 * path can forget it. A cancelled meeting frees its time and table.
 */
export class Meetings1763800006000 implements MigrationInterface {
  name = 'Meetings1763800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`ALTER TABLE events ADD COLUMN slot_minutes integer NOT NULL DEFAULT 30`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_slot_minutes_check CHECK (slot_minutes BETWEEN 5 AND 240)`);
    await q.query(`ALTER TABLE events ADD COLUMN closed_at timestamptz`);
    // Events closed before this migration: their last change is when they closed.
    await q.query(`UPDATE events SET closed_at = updated_at WHERE status = 'closed'`);

    await q.query(`
      CREATE TABLE registration_availability (
        registration_id uuid      NOT NULL,
        period          tstzrange NOT NULL,
        CONSTRAINT registration_availability_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT registration_availability_period_check CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
        CONSTRAINT registration_availability_no_overlap EXCLUDE USING gist (registration_id WITH =, period WITH &&)
      )`);

    await q.query(`
      CREATE TABLE meetings (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id      uuid        NOT NULL,
        connection_id uuid        NOT NULL,
        period        tstzrange   NOT NULL,
        mode          text        NOT NULL,
        venue_id      uuid,
        table_no      integer,
        link          text,
        status        text        NOT NULL DEFAULT 'scheduled',
        source        text        NOT NULL,
        created_by    uuid        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meetings_pkey PRIMARY KEY (id),
        CONSTRAINT meetings_connection_fkey FOREIGN KEY (event_id, connection_id) REFERENCES connections (event_id, id),
        CONSTRAINT meetings_venue_fkey FOREIGN KEY (event_id, venue_id) REFERENCES venues (event_id, id),
        CONSTRAINT meetings_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT meetings_mode_check CHECK (mode IN ('onsite', 'online')),
        CONSTRAINT meetings_status_check CHECK (status IN ('scheduled', 'held', 'no_show', 'cancelled')),
        CONSTRAINT meetings_source_check CHECK (source IN ('scheduler', 'manual')),
        CONSTRAINT meetings_place_check CHECK (
          (mode = 'onsite' AND venue_id IS NOT NULL AND table_no IS NOT NULL AND table_no > 0 AND link IS NULL)
          OR (mode = 'online' AND venue_id IS NULL AND table_no IS NULL AND link IS NOT NULL)),
        CONSTRAINT meetings_period_check CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
        CONSTRAINT meetings_table_no_overlap EXCLUDE USING gist (venue_id WITH =, table_no WITH =, period WITH &&)
          WHERE (status <> 'cancelled' AND venue_id IS NOT NULL)
      )`);
    // One live meeting per connection; a cancelled one can be booked again.
    await q.query(`CREATE UNIQUE INDEX meetings_one_live_per_connection_key ON meetings (connection_id) WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX meetings_event_period_idx ON meetings (event_id, lower(period))`);

    await q.query(`
      CREATE TABLE meeting_participants (
        meeting_id      uuid      NOT NULL,
        registration_id uuid      NOT NULL,
        period          tstzrange NOT NULL,
        active          boolean   NOT NULL,
        CONSTRAINT meeting_participants_pkey PRIMARY KEY (meeting_id, registration_id),
        CONSTRAINT meeting_participants_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
        CONSTRAINT meeting_participants_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES registrations (id),
        CONSTRAINT meeting_participants_no_overlap EXCLUDE USING gist (registration_id WITH =, period WITH &&) WHERE (active)
      )`);
    await q.query(`
      CREATE FUNCTION meetings_sync_participants() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO meeting_participants (meeting_id, registration_id, period, active)
          SELECT NEW.id, r.id, NEW.period, NEW.status <> 'cancelled'
            FROM connections c, LATERAL (VALUES (c.from_registration_id), (c.to_registration_id)) AS r(id)
           WHERE c.id = NEW.connection_id;
        ELSIF NEW.period IS DISTINCT FROM OLD.period OR NEW.status IS DISTINCT FROM OLD.status THEN
          UPDATE meeting_participants SET period = NEW.period, active = NEW.status <> 'cancelled' WHERE meeting_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER meetings_sync_participants_trg AFTER INSERT OR UPDATE OF period, status ON meetings
      FOR EACH ROW EXECUTE FUNCTION meetings_sync_participants()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_participants`);
    await q.query(`DROP FUNCTION meetings_sync_participants()`);
    await q.query(`DROP TABLE meetings`);
    await q.query(`DROP TABLE registration_availability`);
    await q.query(`ALTER TABLE events DROP COLUMN closed_at`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_slot_minutes_check`);
    await q.query(`ALTER TABLE events DROP COLUMN slot_minutes`);
  }
}
