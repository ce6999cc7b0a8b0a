import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event log. `event_log_heads` holds each event's last seq; the
 * appending transaction locks its row, which makes seqs gapless and ordered by
 * commit. A trigger forbids rewriting history.
 */
export class EventLog1763800004000 implements MigrationInterface {
  name = 'EventLog1763800004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_log_heads (
        event_id uuid   NOT NULL,
        last_seq bigint NOT NULL,
        CONSTRAINT event_log_heads_pkey PRIMARY KEY (event_id),
        CONSTRAINT event_log_heads_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE event_log (
        event_id         uuid        NOT NULL,
        seq              bigint      NOT NULL,
        type             text        NOT NULL,
        data             jsonb       NOT NULL,
        actor_user_id    uuid,
        registration_ids uuid[]      NOT NULL DEFAULT '{}',
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_log_pkey PRIMARY KEY (event_id, seq),
        CONSTRAINT event_log_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_log_seq_check CHECK (seq > 0)
      )`);
    await q.query(`
      CREATE FUNCTION event_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER event_log_append_only_trg BEFORE UPDATE ON event_log
      FOR EACH ROW EXECUTE FUNCTION event_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_log`);
    await q.query(`DROP FUNCTION event_log_append_only()`);
    await q.query(`DROP TABLE event_log_heads`);
  }
}
