import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RoomStatus, StaffRole } from '@tradebridge/contracts';
import { DomainError, ErrorCode } from '@tradebridge/core';
import { EventStaff, Room, TradeEvent, Venue } from './event.entity';

export type LockMode = 'shared' | 'exclusive';

/** What every write to a closed event is told (`lockOpen`). */
export const EVENT_CLOSED_MESSAGE = 'This event is closed and can no longer be changed';

export interface StaffRow {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  createdAt: Date;
}

/**
 * Events and what belongs to them. Every method that reads an event's venues,
 * rooms or staff takes the event id, so an unscoped query cannot be written.
 */
@Injectable()
export class EventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, event: Omit<TradeEvent, 'id' | 'createdAt' | 'updatedAt'>): Promise<TradeEvent> {
    const row = tx.create(TradeEvent, event);
    await tx.insert(TradeEvent, row);
    return tx.findOneByOrFail(TradeEvent, { id: row.id });
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<TradeEvent | null> {
    return tx.findOneBy(TradeEvent, { id });
  }

  /**
   * Locks the event row, shared (`FOR SHARE`: writes that may run side by side)
   * or exclusive (`FOR UPDATE`: status and setting changes). The bare lock:
   * writes use `lockOpen`; registering, whose closed-event answer is
   * REGISTRATION_CLOSED, takes it shared and checks `registrationOpen` itself.
   */
  lock(tx: EntityManager, id: string, mode: LockMode): Promise<TradeEvent | null> {
    return tx
      .getRepository(TradeEvent)
      .createQueryBuilder('e')
      .setLock(mode === 'exclusive' ? 'pessimistic_write' : 'pessimistic_read')
      .where('e.id = :id', { id })
      .getOne();
  }

  /**
   * The rule every write to an event follows, the one gate: lock the event row
   * (shared for writes that may run side by side, exclusive for status and
   * setting changes) and refuse if it is closed (409 EVENT_CLOSED). Closing
   * takes the exclusive lock, so a write holding the shared one finishes
   * before the event closes, and any later one sees it closed. With
   * `refuseDraft`, a draft event is refused too (409 INVALID_STATUS_TRANSITION
   * with that message): connections open only once registration does.
   */
  async lockOpen(tx: EntityManager, id: string, mode: LockMode, options: { refuseDraft?: string } = {}): Promise<TradeEvent> {
    const event = await this.lock(tx, id, mode);
    if (!event) throw DomainError.notFound('Event', id);
    if (event.status === 'closed') throw new DomainError(ErrorCode.EVENT_CLOSED, EVENT_CLOSED_MESSAGE);
    if (options.refuseDraft !== undefined && event.status === 'draft') throw new DomainError(ErrorCode.INVALID_STATUS_TRANSITION, options.refuseDraft);
    return event;
  }

  /** Locks a venue row (`FOR UPDATE`), so concurrent on-site registrations cannot overfill it. */
  async lockVenue(tx: EntityManager, venueId: string): Promise<void> {
    await tx.query('SELECT 1 FROM venues WHERE id = $1 FOR UPDATE', [venueId]);
  }

  /** Whether any registration (whatever its status) exists for the event. */
  async hasRegistrations(tx: EntityManager, id: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(`SELECT 1 FROM registrations WHERE event_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async update(tx: EntityManager, id: string, patch: Partial<TradeEvent>): Promise<TradeEvent> {
    await tx.update(TradeEvent, { id }, { ...patch, updatedAt: new Date() });
    return tx.findOneByOrFail(TradeEvent, { id });
  }

  /** Events visible to a user: all but drafts, plus drafts the user staffs (everything for admins). */
  async list(userId: string, all: boolean, filter: { status?: string; limit: number; offset: number }): Promise<[TradeEvent[], number]> {
    const qb = this.dataSource.getRepository(TradeEvent).createQueryBuilder('e');
    if (!all) {
      qb.andWhere(`(e.status <> 'draft' OR EXISTS (SELECT 1 FROM event_staff s WHERE s.event_id = e.id AND s.user_id = :userId))`, { userId });
    }
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    return qb.orderBy('e.starts_at', 'DESC').addOrderBy('e.id').take(filter.limit).skip(filter.offset).getManyAndCount();
  }

  // ---- staff ----
  async staffRole(eventId: string, userId: string, tx: EntityManager = this.dataSource.manager): Promise<StaffRole | null> {
    const row = await tx.findOneBy(EventStaff, { eventId, userId });
    return row?.role ?? null;
  }

  async insertStaff(tx: EntityManager, eventId: string, userId: string, role: StaffRole, addedBy: string | null): Promise<void> {
    await tx.insert(EventStaff, { eventId, userId, role, addedBy });
  }

  async deleteStaff(tx: EntityManager, eventId: string, userId: string): Promise<StaffRole | null> {
    const rows = await tx.query<[{ role: StaffRole }[], number]>(`DELETE FROM event_staff WHERE event_id = $1 AND user_id = $2 RETURNING role`, [eventId, userId]);
    return rows[0][0]?.role ?? null;
  }

  async countOrganizers(tx: EntityManager, eventId: string): Promise<number> {
    return tx.countBy(EventStaff, { eventId, role: 'organizer' });
  }

  async listStaff(eventId: string): Promise<StaffRow[]> {
    return await this.dataSource.query<StaffRow[]>(
      `SELECT s.user_id AS "userId", u.email, u.display_name AS "displayName", s.role, s.created_at AS "createdAt"
         FROM event_staff s JOIN users u ON u.id = s.user_id
        WHERE s.event_id = $1 ORDER BY s.created_at, u.email`,
      [eventId],
    );
  }

  // ---- venues ----
  async insertVenue(tx: EntityManager, eventId: string, venue: Omit<Venue, 'id' | 'eventId' | 'createdAt'>): Promise<Venue> {
    const row = tx.create(Venue, { ...venue, eventId });
    await tx.insert(Venue, row);
    return tx.findOneByOrFail(Venue, { id: row.id });
  }

  listVenues(eventId: string): Promise<Venue[]> {
    return this.dataSource.getRepository(Venue).find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findVenue(eventId: string, id: string, tx: EntityManager = this.dataSource.manager): Promise<Venue | null> {
    return tx.findOneBy(Venue, { eventId, id });
  }

  // ---- rooms ----
  async insertRoom(tx: EntityManager, eventId: string, room: Omit<Room, 'id' | 'eventId' | 'createdAt'>): Promise<Room> {
    const row = tx.create(Room, { ...room, eventId });
    await tx.insert(Room, row);
    return tx.findOneByOrFail(Room, { id: row.id });
  }

  listRooms(eventId: string, tx: EntityManager = this.dataSource.manager): Promise<Room[]> {
    return tx.getRepository(Room).find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findRoom(eventId: string, id: string, tx: EntityManager = this.dataSource.manager): Promise<Room | null> {
    return tx.findOneBy(Room, { eventId, id });
  }

  /** Moves every room of the event not yet in `status` to it; returns the rooms moved. */
  async setRoomsStatus(tx: EntityManager, eventId: string, status: RoomStatus): Promise<string[]> {
    const [rows] = await tx.query<[{ id: string }[], number]>(`UPDATE rooms SET status = $2 WHERE event_id = $1 AND status <> $2 RETURNING id`, [eventId, status]);
    return rows.map((r) => r.id).sort();
  }

  /** Locks one room so capacity checks of concurrent placements are exact. */
  lockRoom(tx: EntityManager, eventId: string, id: string): Promise<Room | null> {
    return tx.getRepository(Room).createQueryBuilder('r').setLock('pessimistic_write').where('r.event_id = :eventId AND r.id = :id', { eventId, id }).getOne();
  }
}
