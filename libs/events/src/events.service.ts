import { Injectable } from '@nestjs/common';
import {
  Actor,
  Database,
  DomainError,
  ErrorCode,
  EventLogRepository,
  IdempotencyRepository,
  IdempotentAnswer,
  isAdmin,
  isConstraintViolation,
  newTableCode,
  requestHash,
} from '@tradebridge/core';
import type { EntityManager } from 'typeorm';
import { UsersRepository } from '@tradebridge/accounts';
import { isCountryCode, isIanaTimeZone, isKnownSectorCode } from '@tradebridge/reference';
import type { EventStatus, EventView, Localized, Page, RoomStatus, RoomView, StaffRole, StaffView, VenueKind, VenueTablesView, VenueView } from '@tradebridge/contracts';
import { EventsRepository, Uses } from './events.repository';
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
export type VenuePatch = Partial<VenueInput>;
export type RoomPatch = Partial<RoomInput>;

/** The `Idempotency-Key` of a create, if the client sent one. */
export type IdempotencyKey = string | undefined;

/** Events, their staff, venues and sector rooms; every change is logged with the event. */
@Injectable()
export class EventsService {
  constructor(
    private readonly db: Database,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly users: UsersRepository,
    private readonly log: EventLogRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  /** Platform organizers (and admins) create events; the creator becomes the first organizer. */
  async create(actor: Actor, input: EventInput, key?: IdempotencyKey): Promise<IdempotentAnswer<EventView>> {
    if (!actor.roles.includes('organizer') && !isAdmin(actor)) {
      throw DomainError.forbidden('Only platform organizers may create events; ask an admin for the organizer role');
    }
    checkTimeZone('timezone', input.timezone);
    checkPeriod(input.startsAt, input.endsAt);
    const sides = input.sides ?? ['VN', 'CN'];
    checkSides(sides);
    return this.db.transaction((tx) =>
      this.idempotency.once(tx, { userId: actor.userId, key, scope: 'POST /api/events', hash: requestHash(input) }, async () => {
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
        return toEventView(created);
      }),
    );
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
        // Booked meetings sit in the slot grid of these dates: moving them would strand the meetings.
        const moved = (['startsAt', 'endsAt'] as const).filter((field) => {
          const next = patch[field];
          return next !== undefined && next.getTime() !== current[field].getTime();
        });
        if (moved.length) {
          const meetings = await this.events.bookedMeetings(tx, id);
          if (meetings) {
            throw inUse('event', { registrations: 0, meetings, connections: 0, announcements: 0 }, 'its dates cannot change while meetings are booked; cancel them first', moved);
          }
        }
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
  async addStaff(actor: Actor, eventId: string, email: string, role: StaffRole, key?: IdempotencyKey): Promise<IdempotentAnswer<StaffView>> {
    await this.access.require(actor, eventId, ['organizer']);
    const user = await this.users.findByEmail(email);
    if (!user) {
      throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'email', message: 'no account has this e-mail; ask them to sign up first' }]);
    }
    try {
      return await this.db.transaction((tx) =>
        this.idempotency.once(tx, { userId: actor.userId, key, scope: `POST /api/events/${eventId}/staff`, hash: requestHash({ email, role }) }, async () => {
          await this.events.lockOpen(tx, eventId, 'exclusive');
          await this.events.insertStaff(tx, eventId, user.id, role, actor.userId);
          await this.log.append(tx, eventId, { type: 'staff.added', data: { userId: user.id, role }, actorUserId: actor.userId });
          const staff = await this.events.listStaff(eventId, tx);
          return toStaffView(staff.find((s) => s.userId === user.id)!);
        }),
      );
    } catch (error) {
      if (isConstraintViolation(error, 'event_staff_pkey')) {
        throw DomainError.invalidFields(ErrorCode.ALREADY_STAFF, [{ field: 'email', message: 'is already staff of this event' }]);
      }
      throw error;
    }
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
  async addVenue(actor: Actor, eventId: string, input: VenueInput, key?: IdempotencyKey): Promise<IdempotentAnswer<VenueView>> {
    await this.access.require(actor, eventId, ['organizer']);
    checkTimeZone('timezone', input.timezone);
    checkCountry(input.country);
    checkOnlineTables(input.kind, input.tables ?? 0);
    try {
      return await this.db.transaction((tx) =>
        this.idempotency.once(tx, { userId: actor.userId, key, scope: `POST /api/events/${eventId}/venues`, hash: requestHash(input) }, async () => {
          await this.events.lockOpen(tx, eventId, 'exclusive');
          const created = await this.events.insertVenue(tx, eventId, { ...input, tables: input.tables ?? 0 });
          await this.log.append(tx, eventId, { type: 'venue.created', data: { venue: toVenueView(created) }, actorUserId: actor.userId });
          return toVenueView(created);
        }),
      );
    } catch (error) {
      throw mapVenueViolation(error);
    }
  }

  /**
   * Organizers correct a venue. Under the event's exclusive lock (every registration,
   * meeting and announcement write shares it) and the venue's row lock, nothing that
   * uses the venue can appear between the check and the write: fewer tables than a
   * booked meeting's table, or going online while on-site registrations stand, is
   * refused (409 IN_USE, with what uses it).
   */
  async updateVenue(actor: Actor, eventId: string, venueId: string, patch: VenuePatch): Promise<VenueView> {
    await this.access.require(actor, eventId, ['organizer']);
    const fields = definedFields(patch);
    if (fields.timezone !== undefined) checkTimeZone('timezone', fields.timezone);
    if (fields.country !== undefined) checkCountry(fields.country);
    try {
      const venue = await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'exclusive');
        await this.events.lockVenue(tx, venueId);
        const current = await this.events.findVenue(eventId, venueId, tx);
        if (!current) throw DomainError.notFound('Venue', venueId);
        const next = { ...current, ...fields };
        checkOnlineTables(next.kind, next.tables);
        if (next.kind === 'online' && current.kind !== 'online') {
          const registrations = await this.events.onsiteRegistrations(tx, eventId, venueId);
          if (registrations) {
            throw inUse('venue', { registrations, meetings: 0, connections: 0, announcements: 0 }, 'cannot go online while enterprises are registered on site there; move them first', [
              'kind',
            ]);
          }
        }
        if (next.capacity < current.capacity) {
          const onsite = await this.events.onsiteRegistrations(tx, eventId, venueId);
          if (onsite > next.capacity) {
            throw inUse(
              'venue',
              { registrations: onsite, meetings: 0, connections: 0, announcements: 0 },
              `has ${onsite} enterprises registered on site; keep a capacity of at least ${onsite}`,
              ['capacity'],
            );
          }
        }
        if (next.tables < current.tables) {
          const highest = await this.events.highestBookedTable(tx, eventId, venueId);
          if (highest > next.tables) {
            const uses = await this.events.venueUses(tx, eventId, venueId);
            throw inUse(
              'venue',
              { registrations: 0, meetings: uses.meetings, connections: 0, announcements: 0 },
              `table ${highest} has a booked meeting; keep at least ${highest} tables`,
              ['tables'],
              {
                highestBookedTable: highest,
              },
            );
          }
        }
        const updated = await this.events.updateVenue(tx, eventId, venueId, fields);
        if (Object.keys(fields).length) {
          await this.log.append(tx, eventId, { type: 'venue.updated', data: { venue: toVenueView(updated), changed: Object.keys(fields).sort() }, actorUserId: actor.userId });
        }
        return updated;
      });
      return toVenueView(venue);
    } catch (error) {
      throw mapVenueViolation(error);
    }
  }

  /**
   * Organizers delete an unused venue. Anything using it (registrations, meetings,
   * announcements) refuses the delete with 409 IN_USE and the counts; its table
   * codes go with it. The foreign keys are the last line: a violation is the same answer.
   *
   * With `moveTo` (another venue of the event, of the same kind: on-site or online), its
   * registrations, cancelled meetings and announcements move there first, in the same
   * transaction, within the other venue's capacity (409 VENUE_FULL). Booked meetings do not
   * move with it: each move changes two calendars, so they are moved or cancelled one by
   * one first (409 IN_USE counting them).
   */
  async deleteVenue(actor: Actor, eventId: string, venueId: string, moveTo?: string): Promise<void> {
    await this.access.require(actor, eventId, ['organizer']);
    try {
      await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'exclusive');
        await this.events.lockVenue(tx, venueId);
        const venue = await this.events.findVenue(eventId, venueId, tx);
        if (!venue) throw DomainError.notFound('Venue', venueId);
        const moved = moveTo === undefined ? undefined : await this.moveVenueUses(tx, eventId, venue, moveTo);
        const uses = await this.events.venueUses(tx, eventId, venueId);
        if (used(uses)) throw inUse('venue', uses, 'is in use; move or cancel what uses it first');
        await this.events.deleteVenue(tx, eventId, venueId);
        await this.log.append(tx, eventId, {
          type: 'venue.deleted',
          data: { venueId, venue: toVenueView(venue), ...(moved ? { movedTo: moveTo, moved } : {}) },
          actorUserId: actor.userId,
        });
      });
    } catch (error) {
      if (VENUE_FOREIGN_KEYS.some((name) => isConstraintViolation(error, name))) {
        throw inUse('venue', await this.events.venueUses(this.db.manager, eventId, venueId), 'is in use; move or cancel what uses it first');
      }
      throw error;
    }
  }

  /** What `deleteVenue(…, moveTo)` moves, after checking the other venue can take it. */
  private async moveVenueUses(tx: EntityManager, eventId: string, venue: Venue, moveTo: string): Promise<{ registrations: number; meetings: number; announcements: number }> {
    if (moveTo === venue.id) throw moveToInvalid('is the venue being deleted');
    await this.events.lockVenue(tx, moveTo);
    const target = await this.events.findVenue(eventId, moveTo, tx);
    if (!target) throw moveToInvalid('is not a venue of this event');
    if ((target.kind === 'online') !== (venue.kind === 'online')) {
      throw moveToInvalid(venue.kind === 'online' ? 'must be an online venue, as the one deleted is' : 'must be an on-site venue, as the one deleted is');
    }
    const booked = await this.events.bookedMeetingsAt(tx, eventId, venue.id);
    if (booked) {
      throw inUse('venue', { registrations: 0, meetings: booked, connections: 0, announcements: 0 }, 'has booked meetings; move or cancel them first (each one changes two calendars)');
    }
    const [moving, there] = await Promise.all([this.events.onsiteRegistrations(tx, eventId, venue.id), this.events.onsiteRegistrations(tx, eventId, moveTo)]);
    if (moving + there > target.capacity) {
      throw new DomainError(ErrorCode.VENUE_FULL, `moveTo: ${target.name} has room for ${Math.max(0, target.capacity - there)} more on site, and ${moving} would move there`, {
        fields: [{ field: 'moveTo', message: `has room for ${Math.max(0, target.capacity - there)} more on site; ${moving} would move` }],
      });
    }
    return this.events.moveVenueUses(tx, eventId, venue.id, moveTo);
  }

  async listVenues(actor: Actor, eventId: string): Promise<Page<VenueView>> {
    await this.visibleEvent(actor, eventId);
    const venues = await this.events.listVenues(eventId);
    return { items: venues.map(toVenueView), total: venues.length };
  }

  /**
   * The QR codes of a venue's meeting tables, for its staff to print: one per table,
   * issued on first listing and stable after that.
   */
  async tableCodes(actor: Actor, eventId: string, venueId: string): Promise<VenueTablesView> {
    await this.requireEvent(eventId);
    await this.access.require(actor, eventId);
    const venue = await this.events.findVenue(eventId, venueId);
    if (!venue) throw DomainError.notFound('Venue', venueId);
    const tables = await this.events.tableCodes(venue.id, venue.tables, newTableCode);
    return { venue: toVenueView(venue), tables };
  }

  // ---- rooms ----
  async addRoom(actor: Actor, eventId: string, input: RoomInput, key?: IdempotencyKey): Promise<IdempotentAnswer<RoomView>> {
    await this.access.require(actor, eventId, ['organizer']);
    checkSectorCodes(input.sectorCodes);
    return this.db.transaction((tx) =>
      this.idempotency.once(tx, { userId: actor.userId, key, scope: `POST /api/events/${eventId}/rooms`, hash: requestHash(input) }, async () => {
        const event = await this.events.lockOpen(tx, eventId, 'exclusive');
        // A room added while the event is live opens at once, like the others did.
        const status: RoomStatus = event.status === 'live' ? 'live' : 'scheduled';
        const created = await this.events.insertRoom(tx, eventId, { name: input.name, sectorCodes: input.sectorCodes, capacity: input.capacity, status });
        await this.log.append(tx, eventId, { type: 'room.created', data: { room: toRoomView(created) }, actorUserId: actor.userId });
        return toRoomView(created);
      }),
    );
  }

  /**
   * Organizers correct a room's name, sectors or capacity (its status follows the event).
   * A capacity below the registrations placed in it is refused (409 IN_USE): move some out first.
   */
  async updateRoom(actor: Actor, eventId: string, roomId: string, patch: RoomPatch): Promise<RoomView> {
    await this.access.require(actor, eventId, ['organizer']);
    const fields = definedFields(patch);
    if (fields.sectorCodes !== undefined) checkSectorCodes(fields.sectorCodes);
    const room = await this.db.transaction(async (tx) => {
      await this.events.lockOpen(tx, eventId, 'exclusive');
      const current = await this.events.lockRoom(tx, eventId, roomId);
      if (!current) throw DomainError.notFound('Room', roomId);
      if (fields.capacity !== undefined && fields.capacity < current.capacity) {
        const placed = await this.events.standingInRoom(tx, eventId, roomId);
        if (placed > fields.capacity) {
          throw inUse('room', { registrations: placed, meetings: 0, connections: 0, announcements: 0 }, `has ${placed} enterprises placed in it; keep a capacity of at least ${placed}`, [
            'capacity',
          ]);
        }
      }
      const updated = await this.events.updateRoom(tx, eventId, roomId, fields);
      if (Object.keys(fields).length) {
        await this.log.append(tx, eventId, { type: 'room.updated', data: { room: toRoomView(updated), changed: Object.keys(fields).sort() }, actorUserId: actor.userId });
      }
      return updated;
    });
    return toRoomView(room);
  }

  /**
   * Organizers delete an unused room: registrations placed in it, connections made
   * in it or announcements to it refuse the delete (409 IN_USE with the counts);
   * moderators' assignments to it and its presentation queue go with it.
   *
   * With `moveTo` (another room of the event), its registrations, connections (with their
   * meetings) and announcements move there first, in the same transaction, within the other
   * room's capacity (409 ROOM_FULL).
   */
  async deleteRoom(actor: Actor, eventId: string, roomId: string, moveTo?: string): Promise<void> {
    await this.access.require(actor, eventId, ['organizer']);
    try {
      await this.db.transaction(async (tx) => {
        await this.events.lockOpen(tx, eventId, 'exclusive');
        const room = await this.events.lockRoom(tx, eventId, roomId);
        if (!room) throw DomainError.notFound('Room', roomId);
        const moved = moveTo === undefined ? undefined : await this.moveRoomUses(tx, eventId, room, moveTo);
        const uses = await this.events.roomUses(tx, eventId, roomId);
        if (used(uses)) throw inUse('room', uses, 'is in use; move what uses it first');
        await this.events.deleteRoom(tx, eventId, roomId);
        await this.log.append(tx, eventId, {
          type: 'room.deleted',
          data: { roomId, room: toRoomView(room), ...(moved ? { movedTo: moveTo, moved } : {}) },
          actorUserId: actor.userId,
        });
      });
    } catch (error) {
      if (ROOM_FOREIGN_KEYS.some((name) => isConstraintViolation(error, name))) {
        throw inUse('room', await this.events.roomUses(this.db.manager, eventId, roomId), 'is in use; move what uses it first');
      }
      throw error;
    }
  }

  /** What `deleteRoom(…, moveTo)` moves, after checking the other room can take it. */
  private async moveRoomUses(tx: EntityManager, eventId: string, room: Room, moveTo: string): Promise<{ registrations: number; connections: number; announcements: number }> {
    if (moveTo === room.id) throw moveToInvalid('is the room being deleted');
    const target = await this.events.lockRoom(tx, eventId, moveTo);
    if (!target) throw moveToInvalid('is not a room of this event');
    const [moving, there] = await Promise.all([this.events.standingInRoom(tx, eventId, room.id), this.events.standingInRoom(tx, eventId, moveTo)]);
    if (moving + there > target.capacity) {
      throw new DomainError(ErrorCode.ROOM_FULL, `moveTo: the room has places for ${Math.max(0, target.capacity - there)} more, and ${moving} would move there`, {
        fields: [{ field: 'moveTo', message: `has places for ${Math.max(0, target.capacity - there)} more; ${moving} would move` }],
      });
    }
    return this.events.moveRoomUses(tx, eventId, room.id, moveTo);
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

function checkCountry(country: string): void {
  if (!isCountryCode(country)) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'country', message: `"${country}" is not an ISO 3166-1 alpha-2 country code` }]);
  }
}

function checkOnlineTables(kind: VenueKind, tables: number): void {
  if (kind === 'online' && tables > 0) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'tables', message: 'an online venue has no meeting tables' }]);
  }
}

function moveToInvalid(message: string): DomainError {
  return DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'moveTo', message }]);
}

/** The foreign keys that keep a venue or room from being deleted under what uses it. */
const VENUE_FOREIGN_KEYS = ['registrations_venue_fkey', 'meetings_venue_fkey', 'announcements_venue_fkey'];
const ROOM_FOREIGN_KEYS = ['registrations_room_fkey', 'connections_room_fkey', 'announcements_room_fkey'];

function used(uses: Uses): boolean {
  return Object.values(uses).some((n) => n > 0);
}

/**
 * 409 IN_USE: the change would orphan what uses the venue, room or event; `details`
 * counts each kind (`registrations`, `meetings`, `connections`, `announcements`) so a
 * client can say what to move first.
 */
function inUse(subject: 'venue' | 'room' | 'event', uses: Uses, why: string, fields: string[] = [], extra: Record<string, unknown> = {}): DomainError {
  const named = (Object.entries(uses) as [keyof Uses, number][]).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${n === 1 ? kind.replace(/s$/, '') : kind}`);
  return new DomainError(ErrorCode.IN_USE, `This ${subject} ${why}${named.length ? ` (used by ${named.join(', ')})` : ''}`, {
    ...uses,
    ...extra,
    ...(fields.length ? { fields: fields.map((field) => ({ field, message: why })) } : {}),
  });
}

function mapVenueViolation(error: unknown): unknown {
  if (isConstraintViolation(error, 'venues_one_main_per_event_key')) {
    return DomainError.invalidFields(ErrorCode.CONFLICT, [{ field: 'kind', message: 'this event already has a main venue' }]);
  }
  return error;
}

/** The fields a PATCH actually sent (transports may pass undefined keys). */
function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
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

export function toStaffView(s: { userId: string; email: string; displayName: string; role: StaffRole; createdAt: Date; roomIds: string[] }): StaffView {
  return { userId: s.userId, email: s.email, displayName: s.displayName, role: s.role, createdAt: new Date(s.createdAt).toISOString(), roomIds: s.roomIds };
}
