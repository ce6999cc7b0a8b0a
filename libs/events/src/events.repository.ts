import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RoomStatus, StaffRole } from '@tradebridge/contracts';
import { DomainError, ErrorCode } from '@tradebridge/core';
import { EventStaff, Room, TradeEvent, Venue } from './event.entity';

export type LockMode = 'shared' | 'exclusive';

/** What refers to a venue or room: a delete (or some changes) would orphan these. */
export interface Uses {
  registrations: number;
  meetings: number;
  connections: number;
  announcements: number;
}

/** What every write to a closed event is told (`lockOpen`). */
export const EVENT_CLOSED_MESSAGE = 'This event is closed and can no longer be changed';

export interface StaffRow {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  createdAt: Date;
  /** The rooms a moderator runs (staff_rooms). */
  roomIds: string[];
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

  async listStaff(eventId: string, tx: EntityManager = this.dataSource.manager): Promise<StaffRow[]> {
    return await tx.query<StaffRow[]>(
      `SELECT s.user_id AS "userId", u.email, u.display_name AS "displayName", s.role, s.created_at AS "createdAt",
              COALESCE((SELECT array_agg(r.room_id ORDER BY r.room_id) FROM staff_rooms r WHERE r.event_id = s.event_id AND r.user_id = s.user_id), '{}') AS "roomIds"
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

  /**
   * The codes of a venue's tables 1..`tables`, issuing the missing ones (`newCode`)
   * first; a code once issued never changes, and a concurrent call issues none twice.
   */
  async tableCodes(venueId: string, tables: number, newCode: () => string): Promise<{ tableNo: number; code: string }[]> {
    if (tables < 1) return [];
    const numbers = Array.from({ length: tables }, (_, i) => i + 1);
    await this.dataSource.query(
      `INSERT INTO venue_tables (venue_id, table_no, code)
       SELECT $1, n, c FROM unnest($2::int[], $3::text[]) AS t(n, c)
       ON CONFLICT (venue_id, table_no) DO NOTHING`,
      [venueId, numbers, numbers.map(() => newCode())],
    );
    const rows = await this.dataSource.query<{ table_no: number; code: string }[]>(`SELECT table_no, code FROM venue_tables WHERE venue_id = $1 AND table_no <= $2 ORDER BY table_no`, [
      venueId,
      tables,
    ]);
    return rows.map((r) => ({ tableNo: r.table_no, code: r.code }));
  }

  /** The venue and table a table code belongs to, within one event. */
  async findTableByCode(tx: EntityManager, eventId: string, code: string): Promise<{ venueId: string; venueName: string; tableNo: number } | null> {
    const rows = await tx.query<{ venue_id: string; name: string; table_no: number }[]>(
      `SELECT t.venue_id, v.name, t.table_no FROM venue_tables t JOIN venues v ON v.id = t.venue_id
        WHERE t.code = $1 AND v.event_id = $2 AND t.table_no <= v.tables`,
      [code, eventId],
    );
    return rows.length ? { venueId: rows[0].venue_id, venueName: rows[0].name, tableNo: rows[0].table_no } : null;
  }

  async updateVenue(tx: EntityManager, eventId: string, id: string, patch: Partial<Omit<Venue, 'id' | 'eventId' | 'createdAt'>>): Promise<Venue> {
    // An empty patch (a body whose fields were all absent) changes nothing: TypeORM refuses an UPDATE without values.
    if (Object.keys(patch).length) await tx.update(Venue, { eventId, id }, patch);
    return tx.findOneByOrFail(Venue, { eventId, id });
  }

  async deleteVenue(tx: EntityManager, eventId: string, id: string): Promise<void> {
    await tx.delete(Venue, { eventId, id });
  }

  /**
   * What uses a venue: registrations at it (any status: the foreign key counts them all),
   * meetings at its tables, connections between its registrations and others, announcements to it.
   */
  async venueUses(tx: EntityManager, eventId: string, venueId: string): Promise<Uses> {
    const [row] = await tx.query<Record<keyof Uses, number>[]>(
      `SELECT (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND venue_id = $2) AS registrations,
              (SELECT count(*)::int FROM meetings WHERE event_id = $1 AND venue_id = $2) AS meetings,
              (SELECT count(*)::int FROM connections c WHERE c.event_id = $1 AND EXISTS (
                 SELECT 1 FROM registrations r WHERE r.event_id = $1 AND r.venue_id = $2 AND r.id IN (c.from_registration_id, c.to_registration_id))) AS connections,
              (SELECT count(*)::int FROM announcements WHERE event_id = $1 AND venue_id = $2) AS announcements`,
      [eventId, venueId],
    );
    return row;
  }

  /** The highest table number a booked (not cancelled) meeting uses at the venue, 0 if none. */
  async highestBookedTable(tx: EntityManager, eventId: string, venueId: string): Promise<number> {
    const [row] = await tx.query<{ max: number }[]>(`SELECT COALESCE(max(table_no), 0)::int AS max FROM meetings WHERE event_id = $1 AND venue_id = $2 AND status <> 'cancelled'`, [
      eventId,
      venueId,
    ]);
    return row.max;
  }

  /** Booked (not cancelled) meetings at the venue's tables. */
  async bookedMeetingsAt(tx: EntityManager, eventId: string, venueId: string): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM meetings WHERE event_id = $1 AND venue_id = $2 AND status <> 'cancelled'`, [eventId, venueId]);
    return row.n;
  }

  /** On-site registrations at the venue that still stand (not rejected or cancelled). */
  async onsiteRegistrations(tx: EntityManager, eventId: string, venueId: string): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND venue_id = $2 AND attendance = 'onsite' AND status NOT IN ('rejected', 'cancelled')`,
      [eventId, venueId],
    );
    return row.n;
  }

  /**
   * Moves everything that uses a venue to another venue of the event, before the first is
   * deleted: its registrations, its meetings (keeping their table numbers; the exclusion
   * constraint refuses one that would share a table at the same time) and its announcements.
   */
  async moveVenueUses(tx: EntityManager, eventId: string, from: string, to: string): Promise<{ registrations: number; meetings: number; announcements: number }> {
    const moved = async (table: string) => {
      const [, count] = await tx.query<[unknown, number]>(`UPDATE ${table} SET venue_id = $3 WHERE event_id = $1 AND venue_id = $2`, [eventId, from, to]);
      return count;
    };
    return { registrations: await moved('registrations'), meetings: await moved('meetings'), announcements: await moved('announcements') };
  }

  /** Booked (not cancelled) meetings of the event. */
  async bookedMeetings(tx: EntityManager, eventId: string): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM meetings WHERE event_id = $1 AND status <> 'cancelled'`, [eventId]);
    return row.n;
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

  async updateRoom(tx: EntityManager, eventId: string, id: string, patch: Partial<Pick<Room, 'name' | 'sectorCodes' | 'capacity'>>): Promise<Room> {
    if (Object.keys(patch).length) await tx.update(Room, { eventId, id }, patch);
    return tx.findOneByOrFail(Room, { eventId, id });
  }

  async deleteRoom(tx: EntityManager, eventId: string, id: string): Promise<void> {
    await tx.delete(Room, { eventId, id });
  }

  /**
   * What uses a room: registrations placed in it, connections made in it and their
   * meetings, announcements to it. Moderators' assignments and the pitch queue go with it.
   */
  async roomUses(tx: EntityManager, eventId: string, roomId: string): Promise<Uses> {
    const [row] = await tx.query<Record<keyof Uses, number>[]>(
      `SELECT (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND room_id = $2) AS registrations,
              (SELECT count(*)::int FROM meetings m JOIN connections c ON c.id = m.connection_id WHERE m.event_id = $1 AND c.room_id = $2) AS meetings,
              (SELECT count(*)::int FROM connections WHERE event_id = $1 AND room_id = $2) AS connections,
              (SELECT count(*)::int FROM announcements WHERE event_id = $1 AND room_id = $2) AS announcements`,
      [eventId, roomId],
    );
    return row;
  }

  /** Registrations placed in the room that still stand (not rejected or cancelled): what its capacity holds. */
  async standingInRoom(tx: EntityManager, eventId: string, roomId: string): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND room_id = $2 AND status NOT IN ('rejected', 'cancelled')`, [
      eventId,
      roomId,
    ]);
    return row.n;
  }

  /** Moves what uses a room to another room of the event, before the first is deleted: its registrations, connections and announcements. */
  async moveRoomUses(tx: EntityManager, eventId: string, from: string, to: string): Promise<{ registrations: number; connections: number; announcements: number }> {
    const moved = async (table: string) => {
      const [, count] = await tx.query<[unknown, number]>(`UPDATE ${table} SET room_id = $3 WHERE event_id = $1 AND room_id = $2`, [eventId, from, to]);
      return count;
    };
    return { registrations: await moved('registrations'), connections: await moved('connections'), announcements: await moved('announcements') };
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
