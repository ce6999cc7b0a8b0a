import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Failed logins, kept in PostgreSQL so every API process throttles alike. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records an attempt before its password is checked, then counts the window,
   * this attempt included. Two statements, each committed: every attempt counts
   * every attempt at the same e-mail that started before it, so guesses sent all
   * at once cannot all read "no failures yet" (they did when the failure was
   * only written after the check). A client address counts only checked
   * failures: attempts still being checked from one address are usually many
   * people behind one venue's network, not one guesser. `fail` marks the row
   * once the password is wrong; `release` or `clear` drop it otherwise.
   */
  async reserve(email: string, ip: string, windowSeconds: number): Promise<{ id: string; byEmail: number; byIp: number }> {
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(`INSERT INTO login_failures (email, ip, checked) VALUES ($1, $2, false) RETURNING id`, [email.toLowerCase(), ip]);
    const [row] = await this.dataSource.query<{ byEmail: number; byIp: number }[]>(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS "byEmail",
              count(*) FILTER (WHERE ip = $2 AND checked AND starts_with(email, 'reset:') = $4)::int AS "byIp"
         FROM login_failures
        WHERE failed_at > now() - make_interval(secs => $3) AND (email = $1 OR ip = $2)`,
      // Password-reset requests (keyed `reset:<email>`) and logins are counted apart, by address too:
      // asking for reset links is not guessing passwords, and must not lock an office's logins.
      [email.toLowerCase(), ip, windowSeconds, email.startsWith('reset:')],
    );
    return { id, ...row };
  }

  /** The reserved attempt's password was wrong: it is now a failure for its address too. */
  async fail(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE login_failures SET checked = true WHERE id = $1`, [id]);
  }

  /** Drops a reserved attempt that was refused without checking the password. */
  async release(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1`, [id]);
  }

  async clear(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE email = $1`, [email.toLowerCase()]);
  }

  /** Drops rows older than a day; called opportunistically so the table stays small. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
  }
}
