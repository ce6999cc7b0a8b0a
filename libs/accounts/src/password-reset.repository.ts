import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Single-use password-reset links, stored only as the SHA-256 of their token. */
@Injectable()
export class PasswordResetRepository {
  async create(tx: EntityManager, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await tx.query(`INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [tokenHash, userId, expiresAt]);
  }

  /** Burns the link if it is unused and unexpired at `now`; its user, or null. One statement, so two submissions cannot both win. */
  async consume(tx: EntityManager, tokenHash: string, now: Date): Promise<string | null> {
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [rows] = await tx.query<[{ userId: string }[], number]>(
      `UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id AS "userId"`,
      [tokenHash, now],
    );
    return rows[0]?.userId ?? null;
  }

  /** The new password, and a raised session epoch: every token issued before stops working. */
  async setPasswordEndingSessions(tx: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, session_epoch = session_epoch + 1, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
    // The user's other unused links die with the old password.
    await tx.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }
}
