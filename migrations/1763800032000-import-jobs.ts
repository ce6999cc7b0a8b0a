import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An applied import runs as a job (`imports`): the request answers 202 with the job,
 * the page polls its progress. One job at a time per event, enforced here
 * (`imports_one_running_per_event`), since two would both plan against the same
 * stored keys. `heartbeat_at` is touched while the job works; a running job whose
 * heartbeat stopped (its process died) is reported and recorded as failed, and its
 * writes, all in one transaction, were rolled back with its connection.
 */
export class ImportJobs1763800032000 implements MigrationInterface {
  name = 'ImportJobs1763800032000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE UNIQUE INDEX imports_one_running_per_event ON imports (event_id) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX imports_one_running_per_event`);
    await q.query(`ALTER TABLE imports DROP COLUMN heartbeat_at`);
  }
}
