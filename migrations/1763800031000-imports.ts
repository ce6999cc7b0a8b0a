import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import of participants (issue 15.2). An enterprise may carry its tax
 * code, the stable key a re-imported spreadsheet is matched on (else the
 * contact e-mail, indexed for that lookup). `imports` records each applied
 * file: a job whose progress the organizer's page polls, and its result.
 */
export class Imports1763800031000 implements MigrationInterface {
  name = 'Imports1763800031000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprises ADD COLUMN tax_code text`);
    await q.query(`CREATE UNIQUE INDEX enterprises_tax_code_key ON enterprises (tax_code) WHERE tax_code IS NOT NULL`);
    await q.query(`CREATE INDEX enterprises_contact_email_idx ON enterprises (lower(contact->>'email'))`);
    await q.query(`
      CREATE TABLE imports (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        event_id       uuid        NOT NULL,
        created_by     uuid        NOT NULL,
        locale         text        NOT NULL,
        status         text        NOT NULL DEFAULT 'queued',
        total_rows     integer     NOT NULL,
        processed_rows integer     NOT NULL DEFAULT 0,
        result         jsonb,
        error          jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        CONSTRAINT imports_pkey PRIMARY KEY (id),
        CONSTRAINT imports_event_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT imports_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT imports_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        CONSTRAINT imports_locale_check CHECK (locale IN ('vi', 'zh', 'en')),
        CONSTRAINT imports_progress_check CHECK (processed_rows BETWEEN 0 AND total_rows)
      )`);
    await q.query(`CREATE INDEX imports_event_idx ON imports (event_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imports`);
    await q.query(`DROP INDEX enterprises_contact_email_idx`);
    await q.query(`DROP INDEX enterprises_tax_code_key`);
    await q.query(`ALTER TABLE enterprises DROP COLUMN tax_code`);
  }
}
