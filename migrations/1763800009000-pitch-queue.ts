import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The presentation queue of each sector room, stored so a gateway restart keeps
 * it. One presenter per room at a time and one place in a room's queue per
 * registration, both enforced by partial unique indexes.
 */
export class PitchQueue1763800009000 implements MigrationInterface {
  name = 'PitchQueue1763800009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pitch_slots (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id        uuid        NOT NULL,
        room_id         uuid        NOT NULL,
        registration_id uuid        NOT NULL,
        status          text        NOT NULL DEFAULT 'queued',
        enqueued_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at      timestamptz,
        ended_at        timestamptz,
        CONSTRAINT pitch_slots_pkey PRIMARY KEY (id),
        CONSTRAINT pitch_slots_room_fkey FOREIGN KEY (event_id, room_id) REFERENCES rooms (event_id, id) ON DELETE CASCADE,
        CONSTRAINT pitch_slots_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT pitch_slots_status_check CHECK (status IN ('queued', 'presenting', 'done', 'withdrawn')),
        CONSTRAINT pitch_slots_started_check CHECK ((status = 'queued') = (started_at IS NULL) OR status = 'withdrawn')
      )`);
    await q.query(`CREATE UNIQUE INDEX pitch_slots_one_presenter_per_room_key ON pitch_slots (room_id) WHERE status = 'presenting'`);
    await q.query(`CREATE UNIQUE INDEX pitch_slots_one_place_per_registration_key ON pitch_slots (room_id, registration_id) WHERE status IN ('queued', 'presenting')`);
    await q.query(`CREATE INDEX pitch_slots_room_queue_idx ON pitch_slots (room_id, enqueued_at) WHERE status = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pitch_slots`);
  }
}
