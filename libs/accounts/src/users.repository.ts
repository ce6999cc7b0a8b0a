import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PlatformRole } from '@tradebridge/core';
import { User } from './user.entity';

/** Rows per multi-row INSERT: far below PostgreSQL's 65,535 parameters per statement. */
const INSERT_CHUNK = 500;

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  findByEmail(email: string, tx: EntityManager = this.dataSource.manager): Promise<User | null> {
    return tx.getRepository(User).findOneBy({ email: email.toLowerCase() });
  }

  /** The users with these e-mails (any case), by lower-cased e-mail. */
  async findByEmails(emails: string[], tx: EntityManager = this.dataSource.manager): Promise<Map<string, User>> {
    if (!emails.length) return new Map();
    const users = await tx
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.email = ANY(:emails)', { emails: emails.map((e) => e.toLowerCase()) })
      .getMany();
    return new Map(users.map((u) => [u.email, u]));
  }

  /** Many users in multi-row INSERTs (a bulk import's contacts); answers their ids in order. */
  async insertMany(tx: EntityManager, users: (Pick<User, 'email' | 'passwordHash' | 'displayName' | 'roles'> & Partial<Pick<User, 'locale' | 'timezone'>>)[]): Promise<string[]> {
    const rows = users.map((user) => tx.create(User, { ...user, email: user.email.toLowerCase() }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(User, rows.slice(i, i + INSERT_CHUNK));
    return rows.map((r) => r.id);
  }

  /** With the password hash, which is never selected otherwise. */
  findCredentials(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email: email.toLowerCase() }).getOne();
  }

  async insert(tx: EntityManager, user: Pick<User, 'email' | 'passwordHash' | 'displayName' | 'roles'> & Partial<Pick<User, 'locale' | 'timezone'>>): Promise<User> {
    const row = tx.create(User, { ...user, email: user.email.toLowerCase() });
    await tx.insert(User, row);
    return await tx.findOneByOrFail(User, { id: row.id });
  }

  async setPreferences(tx: EntityManager, id: string, change: Partial<Pick<User, 'displayName' | 'locale' | 'timezone' | 'emailMuted'>>): Promise<User | null> {
    if (Object.keys(change).length) await tx.update(User, { id }, change);
    return tx.findOneBy(User, { id });
  }

  async setRoles(tx: EntityManager, id: string, roles: PlatformRole[]): Promise<User | null> {
    await tx.update(User, { id }, { roles });
    return tx.findOneBy(User, { id });
  }

  async list(limit: number, offset: number): Promise<[User[], number]> {
    return this.dataSource.getRepository(User).findAndCount({ order: { createdAt: 'ASC' }, take: limit, skip: offset });
  }

  async countAdmins(tx: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles)`);
    return row.n;
  }

  /**
   * Holds the first-admin advisory lock until `tx` ends: API processes starting
   * together check for an admin and create one under it, one at a time.
   */
  async lockFirstAdmin(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
  }

  /** Enterprises the user is a member of, and events the user staffs, for `GET /api/me`. */
  async memberships(userId: string): Promise<{
    enterprises: { id: string; name: Record<string, string> }[];
    staffOf: { eventId: string; role: 'organizer' | 'moderator' }[];
  }> {
    const enterprises = await this.dataSource.query<{ id: string; name: Record<string, string> }[]>(
      `SELECT e.id, e.name FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id
       WHERE m.user_id = $1 ORDER BY m.created_at`,
      [userId],
    );
    const staffOf = await this.dataSource.query<{ eventId: string; role: 'organizer' | 'moderator' }[]>(
      `SELECT event_id AS "eventId", role FROM event_staff WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    return { enterprises, staffOf };
  }
}

// Any constant works (apart from the migrations' lock): the same in every API process.
const FIRST_ADMIN_LOCK = 728_341_906;
