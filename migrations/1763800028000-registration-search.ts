import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff search the registrations of an event by name (any language, diacritics
 * optional) and filter them, at 10,000 registrations per event:
 *
 * - `enterprises.search_text` (the names folded: lower case, no diacritics, đ → d)
 *   gets a trigram GIN index, so `LIKE '%bat xat%'` is an index scan, not a scan
 *   of every enterprise. pg_trgm ships with PostgreSQL (contrib) and is trusted.
 * - `registrations (event_id, created_at, id)` serves the list's order, so a page
 *   is read in order from the index and stops at `LIMIT`.
 * - `(event_id, venue_id)`: the venue filter (status and room have theirs already);
 *   side, attendance and checked-in narrow inside the event's rows.
 */
export class RegistrationSearch1763800028000 implements MigrationInterface {
  name = 'RegistrationSearch1763800028000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX enterprises_search_text_trgm_idx ON enterprises USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX registrations_event_created_idx ON registrations (event_id, created_at, id)`);
    await q.query(`CREATE INDEX registrations_event_venue_idx ON registrations (event_id, venue_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registrations_event_venue_idx`);
    await q.query(`DROP INDEX registrations_event_created_idx`);
    await q.query(`DROP INDEX enterprises_search_text_trgm_idx`);
  }
}
