import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ConnectionChannel, ConnectionStatus, PartnerView } from '@tradebridge/contracts';
import { Connection } from './connection.entity';

export interface ConnectionFilter {
  status?: ConnectionStatus;
  channel?: ConnectionChannel;
  roomId?: string;
  /** Either end is this registration. */
  registrationId?: string;
  /** Either end belongs to an enterprise this user is a member of. */
  memberUserId?: string;
  limit: number;
  offset: number;
}

/** Connections, always scoped by event id. */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, row: Omit<Connection, 'id' | 'createdAt'>): Promise<Connection> {
    const entity = tx.create(Connection, row);
    await tx.insert(Connection, entity);
    return tx.findOneByOrFail(Connection, { id: entity.id });
  }

  find(id: string, tx: EntityManager = this.dataSource.manager): Promise<Connection | null> {
    return tx.findOneBy(Connection, { id });
  }

  lock(tx: EntityManager, id: string): Promise<Connection | null> {
    return tx.getRepository(Connection).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  async update(tx: EntityManager, id: string, patch: Partial<Connection>): Promise<Connection> {
    await tx.update(Connection, { id }, patch);
    return tx.findOneByOrFail(Connection, { id });
  }

  /** The most recent connection of an unordered pair in an event (any status). */
  async latestOfPair(tx: EntityManager, eventId: string, a: string, b: string): Promise<Connection | null> {
    return tx
      .getRepository(Connection)
      .createQueryBuilder('c')
      .where('c.event_id = :eventId AND c.pair_low = least(:a::uuid, :b::uuid) AND c.pair_high = greatest(:a::uuid, :b::uuid)', { eventId, a, b })
      .orderBy('c.created_at', 'DESC')
      .limit(1)
      .getOne();
  }

  async countPendingFrom(tx: EntityManager, registrationId: string): Promise<number> {
    const [{ n }] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM connections WHERE from_registration_id = $1 AND status = 'requested' AND (expires_at IS NULL OR expires_at > now())`,
      [registrationId],
    );
    return n;
  }

  async list(eventId: string, filter: ConnectionFilter): Promise<{ items: Connection[]; total: number }> {
    const qb = this.dataSource.getRepository(Connection).createQueryBuilder('c').where('c.event_id = :eventId', { eventId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.channel) qb.andWhere('c.channel = :channel', { channel: filter.channel });
    if (filter.roomId) qb.andWhere('c.room_id = :roomId', { roomId: filter.roomId });
    if (filter.registrationId) qb.andWhere('(c.from_registration_id = :rid OR c.to_registration_id = :rid)', { rid: filter.registrationId });
    if (filter.memberUserId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM registrations r JOIN enterprise_members m ON m.enterprise_id = r.enterprise_id
                  WHERE m.user_id = :userId AND r.id IN (c.from_registration_id, c.to_registration_id))`,
        { userId: filter.memberUserId },
      );
    }
    const [items, total] = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total };
  }

  /** The registrations at the other end of a registration's connections (any status), with their enterprise. */
  async partnersOf(eventId: string, registrationId: string): Promise<PartnerView[]> {
    const rows = await this.dataSource.query<(Omit<PartnerView, 'enterprise'> & { enterpriseId: string; name: PartnerView['enterprise']['name']; country: string; region: string })[]>(
      `SELECT DISTINCT r.id AS "registrationId", r.side, r.venue_id AS "venueId", r.attendance, r.room_id AS "roomId",
              e.id AS "enterpriseId", e.name, e.country, e.region
         FROM connections c
         JOIN registrations r ON r.event_id = c.event_id
                             AND r.id = CASE WHEN c.from_registration_id = $2 THEN c.to_registration_id ELSE c.from_registration_id END
         JOIN enterprises e ON e.id = r.enterprise_id
        WHERE c.event_id = $1 AND (c.from_registration_id = $2 OR c.to_registration_id = $2)
        ORDER BY r.id`,
      [eventId, registrationId],
    );
    return rows.map(({ enterpriseId, name, country, region, side, ...rest }) => ({
      ...rest,
      side: side.trim(),
      enterprise: { id: enterpriseId, name, country: country.trim(), region },
    }));
  }

  /**
   * Claims up to `limit` overdue requests for expiry. SKIP LOCKED lets every API
   * process sweep at once without waiting on each other or on a responder.
   */
  async claimOverdue(tx: EntityManager, limit: number): Promise<Connection[]> {
    return tx
      .getRepository(Connection)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`c.status = 'requested' AND c.expires_at <= now()`)
      .orderBy('c.expires_at')
      .limit(limit)
      .getMany();
  }
}
