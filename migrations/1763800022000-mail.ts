import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What e-mail, calendars and password reset keep:
 *
 * - `mailbox`: without SMTP_URL the mail worker "sends" here, the raw RFC 822
 *   message exactly as nodemailer would have sent it, so a developer reads what
 *   would have gone out. `message_id` is unique: a job that repeats after a
 *   crash lands once.
 * - `calendar_feeds`: one secret feed URL per user; only the token's SHA-256 is
 *   kept, so a database dump does not reveal anyone's calendar.
 * - `password_resets`: single-use reset links, hashed alike; `used_at` burns one.
 *
 * And a fix: `meetings_sequence_bump()` of 1763800020000 compared columns
 * meetings does not have (`starts_at`, `ends_at`; the time is `period`), so
 * every UPDATE of a meeting failed. It is replaced with the same rule on
 * `period`.
 *
 * The mail queue itself is pg-boss's, in its own schema `pgboss`, created by
 * pg-boss on start (see docs/decisions/0007-pg-boss-mail-queue.md).
 */
export class Mail1763800022000 implements MigrationInterface {
  name = 'Mail1763800022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mailbox (
        id         bigint      GENERATED ALWAYS AS IDENTITY,
        message_id text        NOT NULL,
        to_address text        NOT NULL,
        subject    text        NOT NULL,
        kind       text        NOT NULL,
        raw        text        NOT NULL,
        text_body  text        NOT NULL,
        html_body  text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mailbox_pkey PRIMARY KEY (id),
        CONSTRAINT mailbox_message_id_key UNIQUE (message_id)
      )`);
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id    uuid        NOT NULL,
        token_hash text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calendar_feeds_pkey PRIMARY KEY (user_id),
        CONSTRAINT calendar_feeds_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`
      CREATE TABLE password_resets (
        token_hash text        NOT NULL,
        user_id    uuid        NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_resets_pkey PRIMARY KEY (token_hash),
        CONSTRAINT password_resets_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX password_resets_user_idx ON password_resets (user_id)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION meetings_sequence_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.period, NEW.mode, NEW.venue_id, NEW.table_no, NEW.link, NEW.status = 'cancelled')
           IS DISTINCT FROM (OLD.period, OLD.mode, OLD.venue_id, OLD.table_no, OLD.link, OLD.status = 'cancelled') THEN
          NEW.sequence := OLD.sequence + 1;
        ELSE
          NEW.sequence := OLD.sequence;
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE mailbox`);
  }
}
