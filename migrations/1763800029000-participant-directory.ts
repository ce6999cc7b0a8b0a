import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participant directory (issue 15, item 5):
 *
 * - `directory_settings`: one row per event whose organizers changed the
 *   directory's defaults. `own_side` opens an enterprise's own side to it
 *   (by default it sees only the other side). No row = the defaults.
 * - `directory_favourites`: the enterprises a registration saved, one row per
 *   pair (`directory_favourites_pkey`); both registrations belong to the event
 *   and go with it.
 */
export class ParticipantDirectory1763800029000 implements MigrationInterface {
  name = 'ParticipantDirectory1763800029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_settings (
        event_id uuid NOT NULL,
        own_side boolean NOT NULL DEFAULT false,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT directory_settings_pkey PRIMARY KEY (event_id),
        CONSTRAINT directory_settings_event_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE directory_favourites (
        event_id uuid NOT NULL,
        registration_id uuid NOT NULL,
        favourite_registration_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT directory_favourites_pkey PRIMARY KEY (registration_id, favourite_registration_id),
        CONSTRAINT directory_favourites_not_self_check CHECK (registration_id <> favourite_registration_id),
        CONSTRAINT directory_favourites_event_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT directory_favourites_registration_fkey FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT directory_favourites_favourite_fkey FOREIGN KEY (favourite_registration_id) REFERENCES registrations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX directory_favourites_favourite_idx ON directory_favourites (favourite_registration_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directory_favourites`);
    await q.query(`DROP TABLE directory_settings`);
  }
}
