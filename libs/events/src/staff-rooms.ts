import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository, isConstraintViolation } from '@tradebridge/core';
import type { StaffView } from '@tradebridge/contracts';
import { EventAccess } from './event-access';
import { EventsRepository } from './events.repository';
import { toStaffView } from './events.service';

/** The rooms each moderator of an event runs (`staff_rooms`). */
@Injectable()
export class StaffRoomsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async has(eventId: string, userId: string, roomId: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query<unknown[]>(`SELECT 1 FROM staff_rooms WHERE event_id = $1 AND user_id = $2 AND room_id = $3`, [eventId, userId, roomId]);
    return rows.length > 0;
  }

  async replace(tx: EntityManager, eventId: string, userId: string, roomIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM staff_rooms WHERE event_id = $1 AND user_id = $2`, [eventId, userId]);
    if (roomIds.length) {
      await tx.query(`INSERT INTO staff_rooms (event_id, user_id, room_id) SELECT $1, $2, r FROM unnest($3::uuid[]) AS r`, [eventId, userId, roomIds]);
    }
  }
}

/**
 * Who runs a room: an organizer (or admin) runs every room of its event; a
 * moderator only the rooms it is assigned to. Everyone else is refused.
 */
@Injectable()
export class RoomAccess {
  constructor(
    private readonly access: EventAccess,
    private readonly rooms: StaffRoomsRepository,
  ) {}

  async require(actor: Actor, eventId: string, roomId: string | null, tx?: EntityManager): Promise<void> {
    return this.requireAny(actor, eventId, [roomId], tx);
  }

  /** As `require`, for something that happens in any of `roomIds` (a connection between two rooms' participants). */
  async requireAny(actor: Actor, eventId: string, roomIds: (string | null)[], tx?: EntityManager): Promise<void> {
    // Inside the caller's transaction: a second pool connection per request, taken while
    // holding row locks others wait on, exhausts the pool under parallel requests.
    const role = await this.access.require(actor, eventId, undefined, tx);
    if (role === 'organizer') return;
    for (const roomId of new Set(roomIds)) if (roomId && (await this.rooms.has(eventId, actor.userId, roomId, tx))) return;
    throw new DomainError(ErrorCode.NOT_YOUR_ROOM, 'Moderators run only the rooms they are assigned to; an organizer assigns rooms on the setup page');
  }
}

/** Organizers assign moderators to rooms. */
@Injectable()
export class StaffRoomsService {
  constructor(
    private readonly db: Database,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly rooms: StaffRoomsRepository,
    private readonly log: EventLogRepository,
  ) {}

  /** Replaces the rooms a moderator runs (organizers); answers the staff member as listed. */
  async assign(actor: Actor, eventId: string, userId: string, roomIds: string[]): Promise<StaffView> {
    await this.access.require(actor, eventId, ['organizer']);
    const unique = [...new Set(roomIds)].sort();
    try {
      await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'shared');
        const role = await this.events.staffRole(eventId, userId, tx);
        if (!role) throw DomainError.notFound('Staff member', userId);
        if (role !== 'moderator') {
          throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'roomIds', message: 'organizers run every room; only moderators are assigned rooms' }]);
        }
        await this.rooms.replace(tx, eventId, userId, unique);
        await this.log.append(tx, eventId, { type: 'staff.rooms_assigned', data: { userId, roomIds: unique }, actorUserId: actor.userId });
      });
    } catch (error) {
      if (isConstraintViolation(error, 'staff_rooms_room_fkey')) {
        throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'roomIds', message: 'names a room that is not one of this event' }]);
      }
      throw error;
    }
    return toStaffView((await this.events.listStaff(eventId)).find((s) => s.userId === userId)!);
  }
}
