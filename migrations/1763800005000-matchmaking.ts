import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connections between registrations of the two sides, idempotency keys for
 * requesting them, and what matchmaking reads: enterprise languages and an
 * index on HS chapters.
 *
 * The database enforces the contract's rules for every path:
 * - different sides: each end's side is copied into the row and tied to its
 *   registration by a composite foreign key, and a CHECK compares them;
 * - at most one live (requested or accepted) connection per unordered pair,
 *   by a partial unique index on (least, greatest) of the two registrations.
 */
export class Matchmaking1763800005000 implements MigrationInterface {
  name = 'Matchmaking1763800005000';

  async up(q: QueryRunner): Promise<void> {
    // The languages an enterprise works in; until it says, the languages of its name.
    await q.query(`ALTER TABLE enterprises ADD COLUMN languages text[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE enterprises SET languages = ARRAY(SELECT jsonb_object_keys(name) ORDER BY 1)`);
    await q.query(`CREATE INDEX enterprise_products_chapter_idx ON enterprise_products (left(hs_code, 2), direction)`);

    // Target of the connections' composite keys: (event, registration, side).
    await q.query(`ALTER TABLE registrations ADD CONSTRAINT registrations_event_id_id_side_key UNIQUE (event_id, id, side)`);

    await q.query(`
      CREATE TABLE connections (
        id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id             uuid        NOT NULL,
        from_registration_id uuid        NOT NULL,
        from_side            char(2)     NOT NULL,
        to_registration_id   uuid        NOT NULL,
        to_side              char(2)     NOT NULL,
        pair_low             uuid        GENERATED ALWAYS AS (least(from_registration_id, to_registration_id)) STORED,
        pair_high            uuid        GENERATED ALWAYS AS (greatest(from_registration_id, to_registration_id)) STORED,
        status               text        NOT NULL DEFAULT 'requested',
        channel              text        NOT NULL,
        room_id              uuid,
        message              text,
        score                integer     NOT NULL DEFAULT 0,
        created_by           uuid        NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        expires_at           timestamptz,
        responded_at         timestamptz,
        responded_by         uuid,
        CONSTRAINT connections_pkey PRIMARY KEY (id),
        CONSTRAINT connections_event_id_id_key UNIQUE (event_id, id),
        CONSTRAINT connections_from_fkey FOREIGN KEY (event_id, from_registration_id, from_side) REFERENCES registrations (event_id, id, side),
        CONSTRAINT connections_to_fkey FOREIGN KEY (event_id, to_registration_id, to_side) REFERENCES registrations (event_id, id, side),
        CONSTRAINT connections_room_fkey FOREIGN KEY (event_id, room_id) REFERENCES rooms (event_id, id),
        CONSTRAINT connections_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT connections_responded_by_fkey FOREIGN KEY (responded_by) REFERENCES users (id),
        CONSTRAINT connections_different_sides_check CHECK (from_side <> to_side),
        CONSTRAINT connections_status_check CHECK (status IN ('requested', 'accepted', 'declined', 'withdrawn', 'expired')),
        CONSTRAINT connections_channel_check CHECK (channel IN ('online', 'qr', 'recorded')),
        CONSTRAINT connections_responded_check CHECK ((status = 'requested') = (responded_at IS NULL)),
        CONSTRAINT connections_message_check CHECK (message IS NULL OR length(message) <= 1000)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX connections_live_pair_key ON connections (event_id, pair_low, pair_high)
      WHERE status IN ('requested', 'accepted')`);
    await q.query(`CREATE INDEX connections_pair_idx ON connections (event_id, pair_low, pair_high)`);
    await q.query(`CREATE INDEX connections_event_status_idx ON connections (event_id, status, created_at)`);
    await q.query(`CREATE INDEX connections_from_idx ON connections (from_registration_id, status)`);
    await q.query(`CREATE INDEX connections_to_idx ON connections (to_registration_id, status)`);
    await q.query(`CREATE INDEX connections_expiry_idx ON connections (expires_at) WHERE status = 'requested'`);

    // Replays of POST .../connections: same key and body → the first response.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id         uuid        NOT NULL,
        key             text        NOT NULL,
        scope           text        NOT NULL,
        request_hash    text        NOT NULL,
        response_status integer     NOT NULL,
        -- text, not jsonb: a replay must be byte-identical to the first response
        response_body   text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT idempotency_keys_key_check CHECK (length(key) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE connections`);
    await q.query(`ALTER TABLE registrations DROP CONSTRAINT registrations_event_id_id_side_key`);
    await q.query(`DROP INDEX enterprise_products_chapter_idx`);
    await q.query(`ALTER TABLE enterprises DROP COLUMN languages`);
  }
}
