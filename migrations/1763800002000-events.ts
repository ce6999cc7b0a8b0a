import { MigrationInterface, QueryRunner } from 'typeorm';

/** Events, their staff, venues (bridge points) and sector rooms. */
export class Events1763800002000 implements MigrationInterface {
  name = 'Events1763800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        name        jsonb       NOT NULL,
        timezone    text        NOT NULL,
        starts_at   timestamptz NOT NULL,
        ends_at     timestamptz NOT NULL,
        status      text        NOT NULL DEFAULT 'draft',
        sides       text[]      NOT NULL DEFAULT ARRAY['VN', 'CN'],
        created_by  uuid        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (id),
        CONSTRAINT events_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT events_status_check CHECK (status IN ('draft', 'registration_open', 'live', 'closed')),
        CONSTRAINT events_period_check CHECK (ends_at > starts_at),
        CONSTRAINT events_sides_check CHECK (
          cardinality(sides) = 2 AND sides[1] <> sides[2] AND sides[1] ~ '^[A-Z]{2}$' AND sides[2] ~ '^[A-Z]{2}$'),
        CONSTRAINT events_name_check CHECK (
          jsonb_typeof(name) = 'object' AND (name ? 'vi' OR name ? 'zh' OR name ? 'en'))
      )`);
    await q.query(`CREATE INDEX events_starts_at_idx ON events (starts_at)`);

    await q.query(`
      CREATE TABLE event_staff (
        event_id   uuid        NOT NULL,
        user_id    uuid        NOT NULL,
        role       text        NOT NULL,
        added_by   uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_staff_pkey PRIMARY KEY (event_id, user_id),
        CONSTRAINT event_staff_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_staff_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT event_staff_role_check CHECK (role IN ('organizer', 'moderator'))
      )`);
    await q.query(`CREATE INDEX event_staff_user_id_idx ON event_staff (user_id)`);

    await q.query(`
      CREATE TABLE venues (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id   uuid        NOT NULL,
        name       text        NOT NULL,
        city       text        NOT NULL,
        country    char(2)     NOT NULL,
        timezone   text        NOT NULL,
        kind       text        NOT NULL,
        capacity   integer     NOT NULL,
        tables     integer     NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT venues_pkey PRIMARY KEY (id),
        -- target of composite keys that keep registrations inside their event
        CONSTRAINT venues_event_id_id_key UNIQUE (event_id, id),
        CONSTRAINT venues_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT venues_kind_check CHECK (kind IN ('main', 'satellite', 'online')),
        CONSTRAINT venues_capacity_check CHECK (capacity > 0),
        CONSTRAINT venues_tables_check CHECK (tables >= 0)
      )`);
    // One main venue (điểm cầu chính) per event.
    await q.query(`CREATE UNIQUE INDEX venues_one_main_per_event_key ON venues (event_id) WHERE kind = 'main'`);

    await q.query(`
      CREATE TABLE rooms (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id     uuid        NOT NULL,
        name         jsonb       NOT NULL,
        sector_codes text[]      NOT NULL DEFAULT '{}',
        capacity     integer     NOT NULL,
        status       text        NOT NULL DEFAULT 'scheduled',
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rooms_pkey PRIMARY KEY (id),
        CONSTRAINT rooms_event_id_id_key UNIQUE (event_id, id),
        CONSTRAINT rooms_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT rooms_status_check CHECK (status IN ('scheduled', 'live', 'closed')),
        CONSTRAINT rooms_capacity_check CHECK (capacity > 0),
        CONSTRAINT rooms_name_check CHECK (
          jsonb_typeof(name) = 'object' AND (name ? 'vi' OR name ? 'zh' OR name ? 'en'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rooms`);
    await q.query(`DROP TABLE venues`);
    await q.query(`DROP TABLE event_staff`);
    await q.query(`DROP TABLE events`);
  }
}
