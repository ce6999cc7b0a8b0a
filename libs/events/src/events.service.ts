import { Injectable } from '@nestjs/common';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository, isAdmin, isConstraintViolation } from '@tradebridge/core';
import { UsersRepository } from '@tradebridge/accounts';
import { isCountryCode, isIanaTimeZone, isKnownSectorCode } from '@tradebridge/reference';
import type { EventStatus, EventView, Localized, Page, RoomStatus, RoomView, StaffRole, StaffView, VenueKind, VenueView } from '@tradebridge/contracts';
import { EventsRepository } from './events.repository';
import { EventAccess } from './event-access';
import { Room, TradeEvent, Venue } from './event.entity';
import { allowedTransitions, canTransition } from './event-status';

export interface EventInput {
  name: Localized;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  sides?: [string, string];
  /** Meeting slot length in minutes (default 30). */
  slotMinutes?: number;
  /** Registration stays open while the event is live (default true). */
  walkInRegistration?: boolean;
  /** Minutes before each meeting its parties are reminded (default 24 h and 15 min). */
  reminderMinutes?: number[];
}
export type EventPatch = Partial<EventInput> & { status?: EventStatus };
export interface VenueInput {
  name: string;
  city: string;
  country: string;
  timezone: string;
  kind: VenueKind;
  capacity: number;
  tables?: number;
}
export interface RoomInput {
  name: Localized;
  sectorCodes: string[];
  capacity: number;
}
export type RoomPatch = Partial<RoomInput> & { status?: RoomStatus };

/** Events, their staff, venues and sector rooms; every change is logged with the event. */
@Injectable()
export class EventsService {
  constructor(
    private readonly db: Database,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly users: UsersRepository,
    private readonly log: EventLogRepository,
  ) {}

  /** Platform organizers (and admins) create events; the creator becomes the first organizer. */
  async create(actor: Actor, input: EventInput): Promise<EventView> {
    if (!actor.roles.includes('organizer') && !isAdmin(actor)) {
      throw DomainError.forbidden('Only platform organizers may create events; ask an admin for the organizer role');
    }
    checkTimeZone('timezone', input.timezone);
    checkPeriod(input.startsAt, input.endsAt);
    const sides = input.sides ?? ['VN', 'CN'];
    checkSides(sides);
    const event = await this.db.transaction(async (tx) => {
      const created = await this.events.insert(tx, {
        name: input.name,
        timezone: input.timezone,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        sides,
        status: 'draft',
        slotMinutes: input.slotMinutes ?? 30,
        walkInRegistration: input.walkInRegistration ?? true,
        reminderMinutes: input.reminderMinutes ? sortedOffsets(input.reminderMinutes) : [1440, 15],
        closedAt: null,
        createdBy: actor.userId,
      });
      await this.events.insertStaff(tx, created.id, actor.userId, 'organizer', actor.userId);
      await this.log.append(tx, created.id, { type: 'event.created', data: { event: toEventView(created) }, actorUserId: actor.userId });
      return created;
    });
    return toEventView(event);
  }

  async get(actor: Actor, id: string): Promise<EventView> {
    return toEventView(await this.visibleEvent(actor, id));
  }

  async list(actor: Actor, filter: { status?: EventStatus; limit: number; offset: number }): Promise<Page<EventView>> {
    const [rows, total] = await this.events.list(actor.userId, isAdmin(actor), filter);
    return { items: rows.map(toEventView), total };
  }

  /**
   * Organizers edit the event and move its status along the lifecycle; a closed
   * event is frozen. The rooms follow the event: live with it, closed with it.
   * The sides change only in a draft without registrations (SIDES_FROZEN).
   */
  async update(actor: Actor, id: string, patch: EventPatch): Promise<EventView> {
    await this.access.require(actor, id, ['organizer']);
    // The fields an event may be created without are optional in a PATCH too, and their validators let
    // `null` through (IsOptional); it would mean "no sides" or "no slot length", which no event has.
    const nulls = (['sides', 'slotMinutes', 'walkInRegistration', 'reminderMinutes'] as const).filter((field) => (patch as Record<string, unknown>)[field] === null);
    if (nulls.length)
      throw DomainError.invalidFields(
        ErrorCode.VALIDATION_FAILED,
        nulls.map((field) => ({ field, message: 'must not be null (leave it out to keep it)' })),
      );
    if (patch.timezone !== undefined) checkTimeZone('timezone', patch.timezone);
    if (patch.sides !== undefined) checkSides(patch.sides);
    try {
      const event = await this.db.transaction(async (tx) => {
        // Exclusive: registering shares this lock, so no registration slips in while the sides are checked.
        const current = await this.events.lockOpen(tx, id, 'exclusive');
        const startsAt = patch.startsAt ?? current.startsAt;
        const endsAt = patch.endsAt ?? current.endsAt;
        checkPeriod(startsAt, endsAt);
        if (patch.sides && !sameSides(patch.sides, current.sides)) {
          if (current.status !== 'draft') {
            throw DomainError.invalidFields(ErrorCode.INVALID_STATUS_TRANSITION, [{ field: 'sides', message: 'can only change while the event is a draft' }]);
          }
          if (await this.events.hasRegistrations(tx, id)) throw sidesFrozen();
        }
        if (patch.status && patch.status !== current.status && !canTransition(current.status, patch.status)) {
          throw new DomainError(
            ErrorCode.INVALID_STATUS_TRANSITION,
            `An event cannot go from ${current.status} to ${patch.status}; allowed: ${allowedTransitions(current.status).join(', ') || 'none'}`,
            { fields: [{ field: 'status', message: `cannot go from ${current.status} to ${patch.status}` }] },
          );
        }
        const { status, ...given } = patch;
        // Only fields actually sent count as an edit (transports may pass undefined keys).
        const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<EventInput>;
        const changesStatus = status !== undefined && status !== current.status;
        if (fields.reminderMinutes) fields.reminderMinutes = sortedOffsets(fields.reminderMinutes);
        const updated = await this.events.update(tx, id, {
          ...fields,
          ...(changesStatus ? { status } : {}),
          ...(changesStatus && status === 'closed' ? { closedAt: new Date() } : {}),
        });
        if (Object.keys(fields).length) {
          await this.log.append(tx, id, { type: 'event.updated', data: { event: toEventView(updated) }, actorUserId: actor.userId });
        }
        if (changesStatus) {
          // Going live opens the rooms; closing ends them (every write to a closed event is then refused: lockOpen).
          const roomStatus: RoomStatus | null = status === 'live' ? 'live' : status === 'closed' ? 'closed' : null;
          const rooms = roomStatus ? { roomStatus, roomIds: await this.events.setRoomsStatus(tx, id, roomStatus) } : {};
          await this.log.append(tx, id, { type: 'event.status_changed', data: { from: current.status, to: status, ...rooms }, actorUserId: actor.userId });
        }
        return updated;
      });
      return toEventView(event);
    } catch (error) {
      if (isConstraintViolation(error, 'events_sides_frozen')) throw sidesFrozen();
      throw error;
    }
  }

  // ---- staff ----
  async addStaff(actor: Actor, eventId: string, email: string, role: StaffRole): Promise<StaffView> {
    await this.access.require(actor, eventId, ['organizer']);
    const user = await this.users.findByEmail(email);
    if (!user) {
      throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'email', message: 'no account has this e-mail; ask them to sign up first' }]);
    }
    try {
      await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'exclusive');
        await this.events.insertStaff(tx, eventId, user.id, role, actor.userId);
        await this.log.append(tx, eventId, { type: 'staff.added', data: { userId: user.id, role }, actorUserId: actor.userId });
      });
    } catch (error) {
      if (isConstraintViolation(error, 'event_staff_pkey')) {
        throw DomainError.invalidFields(ErrorCode.ALREADY_STAFF, [{ field: 'email', message: 'is already staff of this event' }]);
      }
      throw error;
    }
    const staff = await this.events.listStaff(eventId);
    return toStaffView(staff.find((s) => s.userId === user.id)!);
  }

  /** Organizers remove staff; an event always keeps at least one organizer. */
  async removeStaff(actor: Actor, eventId: string, userId: string): Promise<void> {
    await this.access.require(actor, eventId, ['organizer']);
    await this.db.transaction(async (tx) => {
      await this.events.lockOpen(tx, eventId, 'exclusive');
      const role = await this.events.deleteStaff(tx, eventId, userId);
      if (!role) throw DomainError.notFound('Staff member', userId);
      if (role === 'organizer' && (await this.events.countOrganizers(tx, eventId)) === 0) {
        throw new DomainError(ErrorCode.CONFLICT, 'An event keeps at least one organizer; add another organizer first');
      }
      await this.log.append(tx, eventId, { type: 'staff.removed', data: { userId, role }, actorUserId: actor.userId });
    });
  }

  async listStaff(actor: Actor, eventId: string): Promise<Page<StaffView>> {
    await this.requireEvent(eventId);
    await this.access.require(actor, eventId);
    const staff = await this.events.listStaff(eventId);
    return { items: staff.map(toStaffView), total: staff.length };
  }

  // ---- venues ----
  async addVenue(actor: Actor, eventId: string, input: VenueInput): Promise<VenueView> {
    await this.access.require(actor, eventId, ['organizer']);
    checkTimeZone('timezone', input.timezone);
    if (!isCountryCode(input.country)) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'country', message: `"${input.country}" is not an ISO 3166-1 alpha-2 country code` }]);
    }
    if (input.kind === 'online' && (input.tables ?? 0) > 0) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'tables', message: 'an online venue has no meeting tables' }]);
    }
    try {
      const venue = await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'exclusive');
        const created = await this.events.insertVenue(tx, eventId, { ...input, tables: input.tables ?? 0 });
        await this.log.append(tx, eventId, { type: 'venue.created', data: { venue: toVenueView(created) }, actorUserId: actor.userId });
        return created;
      });
      return toVenueView(venue);
    } catch (error) {
      if (isConstraintViolation(error, 'venues_one_main_per_event_key')) {
        throw DomainError.invalidFields(ErrorCode.CONFLICT, [{ field: 'kind', message: 'this event already has a main venue' }]);
      }
      throw error;
    }
  }

  async listVenues(actor: Actor, eventId: string): Promise<Page<VenueView>> {
    await this.visibleEvent(actor, eventId);
    const venues = await this.events.listVenues(eventId);
    return { items: venues.map(toVenueView), total: venues.length };
  }

  // ---- rooms ----
  async addRoom(actor: Actor, eventId: string, input: RoomInput): Promise<RoomView> {
    await this.access.require(actor, eventId, ['organizer']);
    checkSectorCodes(input.sectorCodes);
    const room = await this.db.transaction(async (tx) => {
      const event = await this.events.lockOpen(tx, eventId, 'exclusive');
      // A room added while the event is live opens at once, like the others did.
      const status: RoomStatus = event.status === 'live' ? 'live' : 'scheduled';
      const created = await this.events.insertRoom(tx, eventId, { name: input.name, sectorCodes: input.sectorCodes, capacity: input.capacity, status });
      await this.log.append(tx, eventId, { type: 'room.created', data: { room: toRoomView(created) }, actorUserId: actor.userId });
      return created;
    });
    return toRoomView(room);
  }

  async listRooms(actor: Actor, eventId: string): Promise<Page<RoomView>> {
    await this.visibleEvent(actor, eventId);
    const rooms = await this.events.listRooms(eventId);
    return { items: rooms.map(toRoomView), total: rooms.length };
  }

  /** The event, if it exists and the actor may see it (drafts only for staff): 404 otherwise. */
  async visibleEvent(actor: Actor, id: string): Promise<TradeEvent> {
    const event = await this.requireEvent(id);
    if (event.status === 'draft' && !(await this.access.roleOf(actor, id))) throw DomainError.notFound('Event', id);
    return event;
  }

  private async requireEvent(id: string): Promise<TradeEvent> {
    const event = await this.events.findById(id);
    if (!event) throw DomainError.notFound('Event', id);
    return event;
  }
}

function checkTimeZone(field: string, zone: string): void {
  if (!isIanaTimeZone(zone)) {
    throw DomainError.invalidFields(ErrorCode.UNKNOWN_TIMEZONE, [{ field, message: `"${zone}" is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)` }]);
  }
}

function checkPeriod(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'endsAt', message: 'must be after startsAt' }]);
  }
}

function checkSides(sides: string[]): void {
  const problems = sides.flatMap((s, i) => (isCountryCode(s) ? [] : [{ field: `sides[${i}]`, message: `"${s}" is not an ISO 3166-1 alpha-2 country code` }]));
  if (!problems.length && sides[0] === sides[1]) problems.push({ field: 'sides', message: 'the two sides must be different countries' });
  if (problems.length) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, problems);
}

function checkSectorCodes(codes: string[]): void {
  const problems = codes.flatMap((c, i) => (isKnownSectorCode(c) ? [] : [{ field: `sectorCodes[${i}]`, message: `"${c}" is not an HS 2022 section or chapter` }]));
  if (problems.length) throw DomainError.invalidFields(ErrorCode.UNKNOWN_HS_CODE, problems);
}

function sidesFrozen(): DomainError {
  return new DomainError(ErrorCode.SIDES_FROZEN, 'The sides of an event cannot change once enterprises have registered for it', {
    fields: [{ field: 'sides', message: 'are frozen: this event already has registrations' }],
  });
}

/** Longest first, as people read them ("24 h, then 15 min before"). */
function sortedOffsets(minutes: number[]): number[] {
  return [...new Set(minutes)].sort((a, b) => b - a);
}

function sameSides(a: string[], b: string[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

export function toEventView(e: TradeEvent): EventView {
  return {
    id: e.id,
    name: e.name,
    timezone: e.timezone,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    sides: e.sides,
    status: e.status,
    slotMinutes: e.slotMinutes,
    walkInRegistration: e.walkInRegistration,
    reminderMinutes: e.reminderMinutes,
    closedAt: e.closedAt ? e.closedAt.toISOString() : null,
    createdAt: e.createdAt.toISOString(),
  };
}

export function toVenueView(v: Venue): VenueView {
  return { id: v.id, name: v.name, city: v.city, country: v.country, timezone: v.timezone, kind: v.kind, capacity: v.capacity, tables: v.tables };
}

export function toRoomView(r: Room): RoomView {
  return { id: r.id, name: r.name, sectorCodes: r.sectorCodes, capacity: r.capacity, status: r.status };
}

function toStaffView(s: { userId: string; email: string; displayName: string; role: StaffRole; createdAt: Date }): StaffView {
  return { userId: s.userId, email: s.email, displayName: s.displayName, role: s.role, createdAt: new Date(s.createdAt).toISOString() };
}
