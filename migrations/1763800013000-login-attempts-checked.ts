import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A login attempt is written before its password is checked (so parallel
 * guesses at one account see each other), and only becomes a failure once the
 * check has failed. `checked` tells the two apart: an e-mail's limit counts
 * both, a client address's limit counts only checked failures, so many
 * enterprises signing in at once behind one venue's address are not refused
 * for attempts that are about to succeed. Existing rows were all failures.
 */
export class LoginAttemptsChecked1763800013000 implements MigrationInterface {
  name = 'LoginAttemptsChecked1763800013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_failures ADD COLUMN checked boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_failures DROP COLUMN checked`);
  }
}
