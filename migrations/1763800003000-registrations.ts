import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registrations: one per enterprise per event (registrations_event_enterprise_key
 * → 409 ALREADY_REGISTERED). Composite foreign keys keep the venue and the room
 * inside the registration's own event.
 */
export class Registrations1763800003000 implements MigrationInterface {
  name = 'Registrations1763800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registrations (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id      uuid        NOT NULL,
        enterprise_id uuid        NOT NULL,
        venue_id      uuid        NOT NULL,
        attendance    text        NOT NULL,
        side          char(2)     NOT NULL,
        status        text        NOT NULL DEFAULT 'pending',
        room_id       uuid,
        badge_code    text        NOT NULL,
        checked_in_at timestamptz,
        decided_at    timestamptz,
        decided_by    uuid,
        created_by    uuid        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registrations_pkey PRIMARY KEY (id),
        CONSTRAINT registrations_event_enterprise_key UNIQUE (event_id, enterprise_id),
        CONSTRAINT registrations_badge_code_key UNIQUE (badge_code),
        CONSTRAINT registrations_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT registrations_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT registrations_venue_fkey FOREIGN KEY (event_id, venue_id) REFERENCES venues (event_id, id),
        CONSTRAINT registrations_room_fkey FOREIGN KEY (event_id, room_id) REFERENCES rooms (event_id, id),
        CONSTRAINT registrations_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT registrations_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT registrations_attendance_check CHECK (attendance IN ('onsite', 'online')),
        CONSTRAINT registrations_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
        -- only approved registrations sit in a room or are checked in
        CONSTRAINT registrations_room_requires_approval_check CHECK (room_id IS NULL OR status = 'approved'),
        CONSTRAINT registrations_check_in_requires_approval_check CHECK (checked_in_at IS NULL OR status = 'approved')
      )`);
    await q.query(`CREATE INDEX registrations_event_status_idx ON registrations (event_id, status)`);
    await q.query(`CREATE INDEX registrations_event_room_idx ON registrations (event_id, room_id)`);
    await q.query(`CREATE INDEX registrations_enterprise_id_idx ON registrations (enterprise_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registrations`);
  }
}
