import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Failed logins, kept in PostgreSQL so every API process throttles alike. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recentFailures(email: string, ip: string, windowSeconds: number): Promise<{ byEmail: number; byIp: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS "byEmail",
              count(*) FILTER (WHERE ip = $2)::int AS "byIp"
         FROM login_failures
        WHERE failed_at > now() - make_interval(secs => $3) AND (email = $1 OR ip = $2)`,
      [email.toLowerCase(), ip, windowSeconds],
    )) as { byEmail: number; byIp: number }[];
    return row;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email.toLowerCase(), ip]);
  }

  async clear(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE email = $1`, [email.toLowerCase()]);
  }

  /** Drops rows older than a day; called opportunistically so the table stays small. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
  }
}
