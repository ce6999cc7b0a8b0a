import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A room's status now follows its event's: `live` while the event is live,
 * `closed` once it is closed (written by the status change, in its
 * transaction). Until now it was never written, so rooms of events already
 * live or closed still say `scheduled`; this brings them in line.
 */
export class RoomsFollowEventStatus1763800016500 implements MigrationInterface {
  name = 'RoomsFollowEventStatus1763800016500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE rooms r SET status = e.status
        FROM events e
       WHERE e.id = r.event_id AND e.status IN ('live', 'closed') AND r.status <> e.status`);
  }

  async down(): Promise<void> {
    // Nothing to undo: `scheduled` everywhere was never a state worth restoring.
  }
}
