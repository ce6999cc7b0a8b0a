import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversations (issue 16, item 5): a message thread on each connection.
 *
 * - `connection_messages`: what one party's member wrote, either a phrase of the
 *   trade phrasebook (`phrase_key`, shown to each reader in their own language) or
 *   free text (`body`), exactly one of the two. The sender's registration is one
 *   of the connection's two (`connection_messages_party_check`, a trigger: a check
 *   cannot read the connection). `reported_*`: a party reported it to the
 *   organizers, who then read that message, and only that one. Ids grow in the
 *   order messages are written: a reader's place is the last id read.
 * - `connection_message_reads`: per user, the last message read in a thread.
 */
export class Conversations1763800033000 implements MigrationInterface {
  name = 'Conversations1763800033000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connection_messages (
        id bigint GENERATED ALWAYS AS IDENTITY,
        event_id uuid NOT NULL,
        connection_id uuid NOT NULL,
        from_registration_id uuid NOT NULL,
        sender_user_id uuid NOT NULL,
        phrase_key text,
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        reported_at timestamptz,
        reported_by uuid,
        report_reason text,
        CONSTRAINT connection_messages_pkey PRIMARY KEY (id),
        CONSTRAINT connection_messages_connection_fkey FOREIGN KEY (event_id, connection_id) REFERENCES connections (event_id, id) ON DELETE CASCADE,
        CONSTRAINT connection_messages_from_fkey FOREIGN KEY (from_registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
        CONSTRAINT connection_messages_sender_fkey FOREIGN KEY (sender_user_id) REFERENCES users (id),
        CONSTRAINT connection_messages_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES users (id),
        CONSTRAINT connection_messages_one_content_check CHECK (num_nonnulls(phrase_key, body) = 1),
        CONSTRAINT connection_messages_body_check CHECK (body IS NULL OR (length(btrim(body)) > 0 AND length(body) <= 2000)),
        CONSTRAINT connection_messages_report_check CHECK ((reported_at IS NULL) = (reported_by IS NULL) AND (report_reason IS NULL OR reported_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX connection_messages_thread_idx ON connection_messages (connection_id, id)`);
    await q.query(`CREATE INDEX connection_messages_reported_idx ON connection_messages (event_id, reported_at) WHERE reported_at IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION connection_messages_party() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM connections c WHERE c.id = NEW.connection_id AND NEW.from_registration_id IN (c.from_registration_id, c.to_registration_id)) THEN
          RAISE EXCEPTION 'the sender is not a party of the connection' USING ERRCODE = 'check_violation', CONSTRAINT = 'connection_messages_party_check';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER connection_messages_party_trg BEFORE INSERT OR UPDATE OF connection_id, from_registration_id ON connection_messages FOR EACH ROW EXECUTE FUNCTION connection_messages_party()`,
    );
    await q.query(`
      CREATE TABLE connection_message_reads (
        connection_id uuid NOT NULL,
        user_id uuid NOT NULL,
        last_read_id bigint NOT NULL,
        CONSTRAINT connection_message_reads_pkey PRIMARY KEY (connection_id, user_id),
        CONSTRAINT connection_message_reads_connection_fkey FOREIGN KEY (connection_id) REFERENCES connections (id) ON DELETE CASCADE,
        CONSTRAINT connection_message_reads_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connection_message_reads`);
    await q.query(`DROP TABLE connection_messages`);
    await q.query(`DROP FUNCTION connection_messages_party()`);
  }
}
