import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Attendance, Localized, RegistrationStatus } from '@tradebridge/contracts';
import { normalizeBadgeCode } from '@tradebridge/core';
import { fold } from '@tradebridge/reference';
import { Registration } from './registration.entity';

export interface RegistrationRow extends Registration {
  enterpriseName: Localized;
  enterpriseCountry: string;
  enterpriseRegion: string;
}

export interface RegistrationFilter {
  status?: RegistrationStatus;
  roomId?: string;
  venueId?: string;
  side?: string;
  /** Words of the enterprise name in any language (diacritics optional), or a badge code. */
  q?: string;
  attendance?: Attendance;
  checkedIn?: boolean;
  /** Limit to registrations of enterprises this user is a member of. */
  memberUserId?: string;
  limit: number;
  offset: number;
}

/** Registrations, always scoped by event id. */
@Injectable()
export class RegistrationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, row: Omit<Registration, 'id' | 'createdAt' | 'updatedAt' | 'checkedInAt' | 'decidedAt' | 'decidedBy' | 'roomId' | 'status'>): Promise<Registration> {
    const entity = tx.create(Registration, { ...row, status: 'pending', roomId: null });
    await tx.insert(Registration, entity);
    return tx.findOneByOrFail(Registration, { id: entity.id });
  }

  /** Many registrations approved at once (a bulk import's, by its organizer), in multi-row INSERTs; their ids in order. */
  async insertApproved(
    tx: EntityManager,
    rows: Omit<Registration, 'id' | 'createdAt' | 'updatedAt' | 'checkedInAt' | 'decidedAt' | 'decidedBy' | 'roomId' | 'status'>[],
    decidedBy: string,
    decidedAt: Date,
  ): Promise<string[]> {
    const entities = rows.map((row) => tx.create(Registration, { ...row, status: 'approved', roomId: null, decidedAt, decidedBy }));
    for (let i = 0; i < entities.length; i += 500) await tx.insert(Registration, entities.slice(i, i + 500));
    return entities.map((e) => e.id);
  }

  find(eventId: string, id: string, tx: EntityManager = this.dataSource.manager): Promise<Registration | null> {
    return tx.findOneBy(Registration, { eventId, id });
  }

  lock(tx: EntityManager, eventId: string, id: string): Promise<Registration | null> {
    return tx.getRepository(Registration).createQueryBuilder('r').setLock('pessimistic_write').where('r.event_id = :eventId AND r.id = :id', { eventId, id }).getOne();
  }

  /**
   * FOR NO KEY UPDATE: serializes changes that depend on this registration (its
   * pending requests) without blocking the KEY SHARE locks that foreign keys
   * take when other rows reference it — FOR UPDATE would deadlock A→B against B→A.
   */
  lockNoKey(tx: EntityManager, eventId: string, ids: string[]): Promise<Registration[]> {
    return tx
      .getRepository(Registration)
      .createQueryBuilder('r')
      .setLock('for_no_key_update')
      .where('r.event_id = :eventId AND r.id IN (:...ids)', { eventId, ids })
      .orderBy('r.id')
      .getMany();
  }

  findByBadge(tx: EntityManager, eventId: string, badgeCode: string): Promise<Registration | null> {
    return tx.findOneBy(Registration, { eventId, badgeCode });
  }

  lockByBadge(tx: EntityManager, eventId: string, badgeCode: string): Promise<Registration | null> {
    return tx.getRepository(Registration).createQueryBuilder('r').setLock('pessimistic_write').where('r.event_id = :eventId AND r.badge_code = :badgeCode', { eventId, badgeCode }).getOne();
  }

  async update(tx: EntityManager, eventId: string, id: string, patch: Partial<Registration>): Promise<Registration> {
    await tx.update(Registration, { eventId, id }, { ...patch, updatedAt: new Date() });
    return tx.findOneByOrFail(Registration, { eventId, id });
  }

  async list(eventId: string, filter: RegistrationFilter): Promise<{ items: RegistrationRow[]; total: number }> {
    const where = ['r.event_id = $1'];
    const params: unknown[] = [eventId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.roomId) add('r.room_id = ?', filter.roomId);
    if (filter.venueId) add('r.venue_id = ?', filter.venueId);
    if (filter.side) add('r.side = ?', filter.side);
    if (filter.attendance) add('r.attendance = ?', filter.attendance);
    if (filter.checkedIn !== undefined) where.push(filter.checkedIn ? 'r.checked_in_at IS NOT NULL' : 'r.checked_in_at IS NULL');
    if (filter.q) {
      // Every word must occur in the folded names (enterprises.search_text, trigram-indexed);
      // a whole badge code, however typed, matches its registration instead.
      const badge = normalizeBadgeCode(filter.q);
      const nameWords = fold(filter.q).split(/\s+/).filter(Boolean).slice(0, 8);
      const byName = nameWords.map((word) => {
        params.push(`%${escapeLike(word)}%`);
        return `e.search_text LIKE $${params.length}`;
      });
      const nameSql = byName.length ? `(${byName.join(' AND ')})` : 'false';
      if (badge) {
        params.push(badge);
        where.push(`(r.badge_code = $${params.length} OR ${nameSql})`);
      } else where.push(nameSql);
    }
    if (filter.memberUserId) add('EXISTS (SELECT 1 FROM enterprise_members m WHERE m.enterprise_id = r.enterprise_id AND m.user_id = ?)', filter.memberUserId);
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id WHERE ${whereSql}`,
      params,
    );
    const rows = await this.dataSource.query<RegistrationRow[]>(
      `SELECT r.id, r.event_id AS "eventId", r.enterprise_id AS "enterpriseId", r.venue_id AS "venueId", r.attendance, r.side,
              r.status, r.room_id AS "roomId", r.badge_code AS "badgeCode", r.checked_in_at AS "checkedInAt",
              r.created_at AS "createdAt", e.name AS "enterpriseName", e.country AS "enterpriseCountry", e.region AS "enterpriseRegion"
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE ${whereSql}
        ORDER BY r.created_at, r.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows, total };
  }

  /** Approved registrations with every HS code of their enterprise's offers and needs, for room assignment. */
  async approvedWithHsCodes(tx: EntityManager, eventId: string): Promise<{ id: string; side: string; roomId: string | null; hsCodes: string[] }[]> {
    return await tx.query<{ id: string; side: string; roomId: string | null; hsCodes: string[] }[]>(
      `SELECT r.id, r.side, r.room_id AS "roomId",
              coalesce(array_agg(p.hs_code ORDER BY p.direction, p.position) FILTER (WHERE p.hs_code IS NOT NULL), '{}') AS "hsCodes"
         FROM registrations r LEFT JOIN enterprise_products p ON p.enterprise_id = r.enterprise_id
        WHERE r.event_id = $1 AND r.status = 'approved'
        GROUP BY r.id
        ORDER BY r.id`,
      [eventId],
    );
  }

  async countInRoom(tx: EntityManager, eventId: string, roomId: string): Promise<number> {
    return tx.countBy(Registration, { eventId, roomId });
  }

  async countOnsiteAtVenue(tx: EntityManager, eventId: string, venueId: string): Promise<number> {
    const [{ n }] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND venue_id = $2 AND attendance = 'onsite' AND status IN ('pending', 'approved')`,
      [eventId, venueId],
    );
    return n;
  }

  /** Places many registrations at once (one statement). */
  async assignRooms(tx: EntityManager, eventId: string, assignments: { registrationId: string; roomId: string }[]): Promise<void> {
    if (!assignments.length) return;
    await tx.query(
      `UPDATE registrations r SET room_id = a.room_id, updated_at = now()
         FROM unnest($2::uuid[], $3::uuid[]) AS a(id, room_id)
        WHERE r.event_id = $1 AND r.id = a.id`,
      [eventId, assignments.map((a) => a.registrationId), assignments.map((a) => a.roomId)],
    );
  }

  /** The registrations of an event that belong to enterprises this user is a member of. */
  async idsOfMember(eventId: string, userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM registrations r JOIN enterprise_members m ON m.enterprise_id = r.enterprise_id WHERE r.event_id = $1 AND m.user_id = $2`,
      [eventId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Pass the transaction when inside one: a second pool connection per transaction starves the pool under load. */
  async isMember(enterpriseId: string, userId: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query<unknown[]>(`SELECT 1 FROM enterprise_members WHERE enterprise_id = $1 AND user_id = $2`, [enterpriseId, userId]);
    return rows.length > 0;
  }
}

/** A LIKE pattern that matches `text` literally (`%`, `_` and `\` typed by a user are not wildcards). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
