import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A QR code for each meeting table of a venue: a party scans it at the slot, and its
 * side counts as there (`meeting_scans.kind = 'table'`). Codes are issued the first
 * time staff list a venue's tables, and stay the same after that, so a printed sign
 * keeps working. A table removed by lowering `venues.tables` keeps its row: its code
 * matches no meeting, so a scan is refused.
 */
export class TableCodes1763800026000 implements MigrationInterface {
  name = 'TableCodes1763800026000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE venue_tables (
        venue_id   uuid        NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
        table_no   integer     NOT NULL,
        code       text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT venue_tables_pkey PRIMARY KEY (venue_id, table_no),
        CONSTRAINT venue_tables_code_key UNIQUE (code),
        CONSTRAINT venue_tables_table_no_check CHECK (table_no > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE venue_tables`);
  }
}
