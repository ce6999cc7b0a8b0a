import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification e-mails are queued in bundles (one pg-boss job for up to
 * MAIL_BUNDLE messages, so a scheduler run writes a few hundred jobs, not one
 * per recipient). A bundle's job completes when all its messages are sent, so
 * `mail_sent` remembers which of them were: a bundle retried after a failure
 * or a crash sends only the rest. The worker writes a row right after each
 * message is accepted and deletes a bundle's rows once its job is completed.
 *
 * `notifications.user_id` stops being a foreign key: its check locked the
 * user's row (FOR KEY SHARE) for every notification inserted, which a
 * scheduler run does for thousands of users in one transaction, and that lock
 * was a fifth of the cost of writing them (measured in docs/benchmarks.md). Its two jobs stay with the database: a
 * notification is only inserted for users read in the same transaction, and
 * deleting a user deletes their notifications (a trigger, as the cascade did).
 * The partial index of unread ones goes too: a user's unread list and count
 * read `(user_id, id)` already, among a user's few hundred rows.
 */
export class MailBundles1763800024000 implements MigrationInterface {
  name = 'MailBundles1763800024000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_sent (
        job_id     uuid        NOT NULL,
        message_id uuid        NOT NULL,
        sent_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mail_sent_pkey PRIMARY KEY (job_id, message_id)
      )`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_user_id_fkey`);
    await q.query(`DROP INDEX notifications_unread_idx`);
    await q.query(`
      CREATE FUNCTION users_delete_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM notifications WHERE user_id = OLD.id;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER users_delete_notifications_trg AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_delete_notifications()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_delete_notifications_trg ON users`);
    await q.query(`DROP FUNCTION users_delete_notifications()`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id, id) WHERE read_at IS NULL`);
    await q.query(`DELETE FROM notifications n WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.user_id)`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE`);
    await q.query(`DROP TABLE mail_sent`);
  }
}
