import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository, isConstraintViolation } from '@tradebridge/core';
import { EventsRepository, RoomAccess } from '@tradebridge/events';
import type { PitchState } from '@tradebridge/contracts';
import { LiveRepository } from './live.repository';

/** A room's queue state (the socket protocol's type, libs/contracts live.ts). */
export type { PitchState };

/**
 * A room's presentation queue: enterprises raise their hand, staff call the
 * next presenter. Stored in PostgreSQL, each change logged as `pitch.changed`
 * with the whole state, so every gateway node relays it.
 */
@Injectable()
export class PitchService {
  constructor(
    private readonly db: Database,
    private readonly live: LiveRepository,
    private readonly events: EventsRepository,
    private readonly log: EventLogRepository,
    private readonly roomAccess: RoomAccess,
  ) {}

  async state(roomId: string): Promise<PitchState> {
    return { roomId, ...(await this.live.pitchState(roomId)) };
  }

  /** A member puts its registration (assigned to this room) in the queue. */
  async enqueue(actor: Actor, roomId: string): Promise<PitchState> {
    const eventId = await this.live.roomEvent(roomId);
    if (!eventId) throw DomainError.notFound('Room', roomId);
    const mine = (await this.live.registrationsOf(eventId, actor.userId)).find((r) => r.roomId === roomId && r.status === 'approved');
    if (!mine) throw DomainError.forbidden('Only enterprises placed in this room may join its presentation queue');
    try {
      return await this.change(actor, eventId, roomId, async (tx) => this.live.enqueue(tx, eventId, roomId, mine.registrationId));
    } catch (error) {
      if (isConstraintViolation(error, 'pitch_slots_one_place_per_registration_key')) {
        throw new DomainError(ErrorCode.CONFLICT, 'You are already in the queue of this room');
      }
      throw error;
    }
  }

  /** Staff end the current presentation and call the next enterprise. */
  async next(actor: Actor, roomId: string): Promise<PitchState> {
    const eventId = await this.live.roomEvent(roomId);
    if (!eventId) throw DomainError.notFound('Room', roomId);
    await this.roomAccess.require(actor, eventId, roomId);
    return this.change(actor, eventId, roomId, (tx) => this.live.advance(tx, roomId));
  }

  /**
   * One queue change: the event row shared-locked and refused if closed (the
   * rule of every write to an event, so closing waits for a change under way
   * and any later one sees it closed), then the room locked to serialize its queue.
   */
  private async change(actor: Actor, eventId: string, roomId: string, apply: (tx: EntityManager) => Promise<void>): Promise<PitchState> {
    return this.db.transaction(async (tx) => {
      await this.events.lockOpen(tx, eventId, 'shared');
      const room = await this.live.lockRoom(tx, roomId);
      if (!room) throw DomainError.notFound('Room', roomId);
      if (room.status === 'closed') throw new DomainError(ErrorCode.CONFLICT, 'This room is closed');
      await apply(tx);
      const state: PitchState = { roomId, ...(await this.live.pitchState(roomId, tx)) };
      await this.log.append(tx, room.eventId, {
        type: 'pitch.changed',
        data: { ...state },
        actorUserId: actor.userId,
        registrationIds: [...(state.current ? [state.current.registrationId] : []), ...state.queue.map((q) => q.registrationId)],
      });
      return state;
    });
  }
}
