import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A user's e-mail choices (`users.email_muted`), as the unsubscribe link changes them. */
@Injectable()
export class UnsubscribeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the kind once; null when the user no longer exists. */
  async mute(userId: string, kind: string): Promise<string[] | null> {
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [rows] = await this.dataSource.query<[{ emailMuted: string[] }[], number]>(
      `UPDATE users SET email_muted = CASE WHEN $2 = ANY (email_muted) THEN email_muted ELSE array_append(email_muted, $2) END
        WHERE id = $1 RETURNING email_muted AS "emailMuted"`,
      [userId, kind],
    );
    return rows[0]?.emailMuted ?? null;
  }
}
