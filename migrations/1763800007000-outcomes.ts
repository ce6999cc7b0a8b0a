import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes of connections (MOUs, contracts, orders, follow-ups). A correction
 * is a new row that supersedes the old one, so history is kept; a partial
 * unique index keeps that history linear (an outcome is corrected at most once).
 */
export class Outcomes1763800007000 implements MigrationInterface {
  name = 'Outcomes1763800007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcomes (
        id            uuid          NOT NULL DEFAULT gen_random_uuid(),
        event_id      uuid          NOT NULL,
        connection_id uuid          NOT NULL,
        kind          text          NOT NULL,
        amount        numeric(18,2),
        currency      char(3),
        note          text,
        supersedes_id uuid,
        recorded_by   uuid          NOT NULL,
        recorded_at   timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT outcomes_pkey PRIMARY KEY (id),
        CONSTRAINT outcomes_connection_fkey FOREIGN KEY (event_id, connection_id) REFERENCES connections (event_id, id),
        CONSTRAINT outcomes_supersedes_id_fkey FOREIGN KEY (supersedes_id) REFERENCES outcomes (id),
        CONSTRAINT outcomes_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT outcomes_kind_check CHECK (kind IN ('follow_up', 'mou_signed', 'contract_signed', 'order_placed')),
        CONSTRAINT outcomes_value_check CHECK ((amount IS NULL) = (currency IS NULL) AND (amount IS NULL OR amount >= 0)),
        CONSTRAINT outcomes_currency_check CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
        CONSTRAINT outcomes_note_check CHECK (note IS NULL OR length(note) <= 2000)
      )`);
    await q.query(`CREATE UNIQUE INDEX outcomes_supersedes_key ON outcomes (supersedes_id) WHERE supersedes_id IS NOT NULL`);
    await q.query(`CREATE INDEX outcomes_connection_idx ON outcomes (connection_id, recorded_at)`);
    await q.query(`CREATE INDEX outcomes_event_idx ON outcomes (event_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outcomes`);
  }
}
