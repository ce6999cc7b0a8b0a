import { Injectable } from '@nestjs/common';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository, isAdmin, isConstraintViolation, newBadgeCode, normalizeBadgeCode } from '@tradebridge/core';
import { EventAccess, EventsRepository, registrationOpen } from '@tradebridge/events';
import { EnterprisesRepository } from '@tradebridge/enterprises';
import { sectionOfChapter } from '@tradebridge/reference';
import type { Attendance, Page, RegistrationStatus, RegistrationView, RoomAssignmentView } from '@tradebridge/contracts';
import { Registration } from './registration.entity';
import { RegistrationRow, RegistrationsRepository } from './registrations.repository';
import { assignRooms } from './assign-rooms';

export interface RegistrationInput {
  enterpriseId: string;
  venueId: string;
  attendance: Attendance;
}

export interface RegistrationQuery {
  status?: RegistrationStatus;
  roomId?: string;
  venueId?: string;
  side?: string;
  /** Part of the enterprise name (any language, diacritics optional) or a badge code. */
  q?: string;
  attendance?: Attendance;
  checkedIn?: boolean;
  limit: number;
  offset: number;
}

/** Registration, approval, check-in and room placement. Every change is logged with the event. */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly db: Database,
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly access: EventAccess,
    private readonly log: EventLogRepository,
  ) {}

  /** A member registers its enterprise; the side is the enterprise's country. */
  async register(actor: Actor, eventId: string, input: RegistrationInput): Promise<RegistrationView> {
    const enterprise = await this.enterprises.findOne(input.enterpriseId);
    if (!enterprise) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'enterpriseId', message: 'no such enterprise' }]);
    if (!isAdmin(actor) && !(await this.enterprises.isMember(input.enterpriseId, actor.userId))) {
      throw DomainError.forbidden('Only members of this enterprise may register it');
    }
    try {
      const registration = await this.db.transaction(async (tx) => {
        // Shared lock: registrations proceed together but not across a status change.
        const event = await this.events.lock(tx, eventId, 'shared');
        if (!event || (event.status === 'draft' && !(await this.access.roleOf(actor, eventId, tx)))) throw DomainError.notFound('Event', eventId);
        if (!registrationOpen(event)) {
          throw new DomainError(
            ErrorCode.REGISTRATION_CLOSED,
            event.status === 'live' ? 'This event is live and its organizers take no walk-in registrations' : `Registration is not open for this event (status: ${event.status})`,
          );
        }
        const side = enterprise.enterprise.country;
        if (!event.sides.includes(side)) {
          throw new DomainError(ErrorCode.NOT_A_SIDE, `This event brings together ${event.sides.join(' and ')}; an enterprise from ${side} cannot register`, {
            fields: [{ field: 'enterpriseId', message: `the enterprise's country ${side} is not a side of this event` }],
          });
        }
        const venue = await this.events.findVenue(eventId, input.venueId, tx);
        if (!venue) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'venueId', message: 'is not a venue of this event' }]);
        if (venue.kind === 'online' && input.attendance === 'onsite') {
          throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'attendance', message: 'must be online at an online venue' }]);
        }
        if (input.attendance === 'onsite') {
          // Lock the venue so concurrent registrations cannot overfill it.
          await this.events.lockVenue(tx, venue.id);
          if ((await this.registrations.countOnsiteAtVenue(tx, eventId, venue.id)) >= venue.capacity) {
            throw new DomainError(ErrorCode.VENUE_FULL, `${venue.name} has no on-site places left (capacity ${venue.capacity}); register online instead`);
          }
        }
        const created = await this.registrations.insert(tx, {
          eventId,
          enterpriseId: input.enterpriseId,
          venueId: input.venueId,
          attendance: input.attendance,
          side,
          badgeCode: newBadgeCode(),
          createdBy: actor.userId,
        });
        await this.log.append(tx, eventId, {
          type: 'registration.created',
          data: { registrationId: created.id, enterpriseId: created.enterpriseId, venueId: created.venueId, attendance: created.attendance, side },
          actorUserId: actor.userId,
          registrationIds: [created.id],
        });
        return created;
      });
      return toView(registration, true);
    } catch (error) {
      if (isConstraintViolation(error, 'registrations_side_of_event')) {
        throw DomainError.invalidFields(ErrorCode.NOT_A_SIDE, [{ field: 'enterpriseId', message: "the enterprise's country is not a side of this event" }]);
      }
      if (isConstraintViolation(error, 'registrations_event_enterprise_key')) {
        throw new DomainError(ErrorCode.ALREADY_REGISTERED, 'This enterprise is already registered for this event', {
          fields: [{ field: 'enterpriseId', message: 'is already registered for this event' }],
        });
      }
      throw error;
    }
  }

  /** Staff see every registration; an enterprise member sees its own enterprise's. */
  async list(actor: Actor, eventId: string, query: RegistrationQuery): Promise<Page<RegistrationView>> {
    await this.requireVisibleEvent(actor, eventId);
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    const { items, total } = await this.registrations.list(eventId, { ...query, memberUserId: staff ? undefined : actor.userId });
    // Non-staff only ever see their own registrations here, so badges are always theirs.
    return { items: items.map((r) => rowToView(r)), total };
  }

  async get(actor: Actor, eventId: string, id: string): Promise<RegistrationView> {
    const registration = await this.registrations.find(eventId, id);
    if (!registration) throw DomainError.notFound('Registration', id);
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    const own = await this.registrations.isMember(registration.enterpriseId, actor.userId);
    if (!staff && !own) throw DomainError.notFound('Registration', id);
    return toView(registration, true);
  }

  approve(actor: Actor, eventId: string, id: string): Promise<RegistrationView> {
    return this.decide(actor, eventId, id, 'approved');
  }

  reject(actor: Actor, eventId: string, id: string, reason?: string): Promise<RegistrationView> {
    return this.decide(actor, eventId, id, 'rejected', reason);
  }

  /** Staff check an approved registration in by its badge code. */
  async checkIn(actor: Actor, eventId: string, badgeCode: string): Promise<RegistrationView> {
    await this.access.require(actor, eventId);
    const code = normalizeBadgeCode(badgeCode);
    if (!code) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'badgeCode', message: 'is not a badge code (20 characters, e.g. 7K2M-…)' }]);
    const registration = await this.db.transaction(async (tx) => {
      const event = await this.events.lockOpen(tx, eventId, 'shared');
      if (event.status !== 'registration_open' && event.status !== 'live') {
        throw new DomainError(ErrorCode.INVALID_STATUS_TRANSITION, `Check-in is not possible while the event is ${event.status}`);
      }
      const found = await this.registrations.lockByBadge(tx, eventId, code);
      if (!found) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'badgeCode', message: 'no registration of this event has this badge' }]);
      if (found.status !== 'approved') throw new DomainError(ErrorCode.NOT_APPROVED, `This registration is ${found.status}, not approved`);
      if (found.checkedInAt) throw new DomainError(ErrorCode.ALREADY_CHECKED_IN, `Already checked in at ${found.checkedInAt.toISOString()}`);
      const updated = await this.registrations.update(tx, eventId, found.id, { checkedInAt: new Date() });
      await this.log.append(tx, eventId, {
        type: 'registration.checked_in',
        data: { registrationId: updated.id, venueId: updated.venueId, checkedInAt: updated.checkedInAt!.toISOString() },
        actorUserId: actor.userId,
        registrationIds: [updated.id],
      });
      return updated;
    });
    return toView(registration, true);
  }

  /** Organizer override: put one registration in a room (capacity checked) or take it out (null). */
  async placeInRoom(actor: Actor, eventId: string, id: string, roomId: string | null): Promise<RegistrationView> {
    await this.access.require(actor, eventId, ['organizer']);
    const registration = await this.db.transaction(async (tx) => {
      await this.events.lockOpen(tx, eventId, 'shared');
      const current = await this.registrations.lock(tx, eventId, id);
      if (!current) throw DomainError.notFound('Registration', id);
      if (current.status !== 'approved') throw new DomainError(ErrorCode.NOT_APPROVED, `Only approved registrations take a room; this one is ${current.status}`);
      if (roomId !== null) {
        const room = await this.events.lockRoom(tx, eventId, roomId);
        if (!room) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'roomId', message: 'is not a room of this event' }]);
        if (current.roomId !== roomId && (await this.registrations.countInRoom(tx, eventId, roomId)) >= room.capacity) {
          throw new DomainError(ErrorCode.ROOM_FULL, `The room is full (capacity ${room.capacity})`);
        }
      }
      const updated = await this.registrations.update(tx, eventId, id, { roomId });
      await this.log.append(tx, eventId, {
        type: 'registration.room_assigned',
        data: { registrationId: id, roomId, manual: true },
        actorUserId: actor.userId,
        registrationIds: [id],
      });
      return updated;
    });
    return toView(registration, true);
  }

  /**
   * Places every approved registration without a room (see assign-rooms.ts).
   * `dryRun` previews; otherwise the placements are written in one transaction.
   */
  async assignRooms(actor: Actor, eventId: string, dryRun: boolean): Promise<RoomAssignmentView> {
    await this.access.require(actor, eventId, ['organizer']);
    return this.db.transaction(async (tx) => {
      const event = await this.events.lockOpen(tx, eventId, 'exclusive');
      const rooms = await this.events.listRooms(eventId, tx);
      const registrations = await this.registrations.approvedWithHsCodes(tx, eventId);
      const result = assignRooms({
        rooms: rooms.map((r) => ({ id: r.id, sectorCodes: r.sectorCodes, capacity: r.capacity })),
        registrations: registrations.map((r) => ({ id: r.id, side: r.side, hsCodes: r.hsCodes, currentRoomId: r.roomId })),
        sides: event.sides,
        sectionOfChapter,
      });
      const placed = result.assignments.filter((a) => !a.kept);
      if (!dryRun && placed.length) {
        await this.registrations.assignRooms(tx, eventId, placed);
        await this.log.append(tx, eventId, {
          type: 'registrations.rooms_assigned',
          data: { assignments: placed.map((a) => ({ registrationId: a.registrationId, roomId: a.roomId })), unassigned: result.unassigned.length },
          actorUserId: actor.userId,
          registrationIds: placed.map((a) => a.registrationId),
        });
      }
      return { applied: !dryRun, ...result };
    });
  }

  private async decide(actor: Actor, eventId: string, id: string, status: 'approved' | 'rejected', reason?: string): Promise<RegistrationView> {
    await this.access.require(actor, eventId, ['organizer']);
    const registration = await this.db.transaction(async (tx) => {
      await this.events.lockOpen(tx, eventId, 'shared');
      const current = await this.registrations.lock(tx, eventId, id);
      if (!current) throw DomainError.notFound('Registration', id);
      if (current.status !== 'pending') throw new DomainError(ErrorCode.ALREADY_DECIDED, `This registration is already ${current.status}`);
      const updated = await this.registrations.update(tx, eventId, id, { status, decidedAt: new Date(), decidedBy: actor.userId });
      await this.log.append(tx, eventId, {
        type: status === 'approved' ? 'registration.approved' : 'registration.rejected',
        data: { registrationId: id, ...(reason ? { reason } : {}) },
        actorUserId: actor.userId,
        registrationIds: [id],
      });
      return updated;
    });
    return toView(registration, true);
  }

  private async requireVisibleEvent(actor: Actor, eventId: string): Promise<void> {
    const event = await this.events.findById(eventId);
    if (!event || (event.status === 'draft' && !(await this.access.roleOf(actor, eventId)))) throw DomainError.notFound('Event', eventId);
  }
}

function toView(r: Registration, withBadge: boolean): RegistrationView {
  return {
    id: r.id,
    eventId: r.eventId,
    enterpriseId: r.enterpriseId,
    venueId: r.venueId,
    attendance: r.attendance,
    side: r.side,
    status: r.status,
    roomId: r.roomId,
    ...(withBadge ? { badgeCode: r.badgeCode } : {}),
    checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

function rowToView(r: RegistrationRow): RegistrationView {
  return {
    ...toView({ ...r, checkedInAt: r.checkedInAt ? new Date(r.checkedInAt) : null, createdAt: new Date(r.createdAt) }, true),
    enterprise: { id: r.enterpriseId, name: r.enterpriseName, country: r.enterpriseCountry, region: r.enterpriseRegion },
  };
}
