import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users with platform roles, and failed logins for throttling across API processes. */
export class Accounts1763800000000 implements MigrationInterface {
  name = 'Accounts1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        email         text        NOT NULL,
        password_hash text        NOT NULL,
        display_name  text        NOT NULL,
        roles         text[]      NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['admin', 'organizer']::text[]),
        CONSTRAINT users_email_check CHECK (email = lower(email) AND position('@' in email) > 1)
      )`);
    // E-mails are stored lower-cased, so a plain unique index is case-insensitive.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await q.query(`
      CREATE TABLE login_failures (
        id         bigint      GENERATED ALWAYS AS IDENTITY,
        email      text        NOT NULL,
        ip         text        NOT NULL,
        failed_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT login_failures_pkey PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX login_failures_email_failed_at_idx ON login_failures (email, failed_at)`);
    await q.query(`CREATE INDEX login_failures_ip_failed_at_idx ON login_failures (ip, failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE users`);
  }
}
