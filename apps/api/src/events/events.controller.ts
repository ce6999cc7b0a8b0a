import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsService } from '@tradebridge/events';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { ApiIdempotent, IdempotencyKey, REPLAYED_HEADER, replay } from '../http/idempotency';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { PageQuery } from '../http/page.query';
import {
  AddStaffRequest,
  CreateEventRequest,
  CreateRoomRequest,
  CreateVenueRequest,
  EventListQuery,
  EventPage,
  MoveToQuery,
  EventResponse,
  RoomPage,
  RoomResponse,
  StaffPage,
  StaffResponse,
  UpdateEventRequest,
  UpdateRoomRequest,
  UpdateVenueRequest,
  VenuePage,
  VenueResponse,
  VenueTablesResponse,
} from './events.dto';

@ApiTags('events')
@Authenticated()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an event (platform organizers); you become its first organizer' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: EventResponse, headers: REPLAYED_HEADER })
  @ApiErrors(400, 403, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateEventRequest, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) response: Response) {
    return replay(response, await this.events.create(actor, { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) }, key));
  }

  @Get()
  @ApiOperation({ summary: 'Events you can see (drafts only for their staff)' })
  @ApiOkResponse({ type: EventPage })
  list(@CurrentActor() actor: Actor, @Query() query: EventListQuery) {
    return this.events.list(actor, { status: query.status, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event' })
  @ApiOkResponse({ type: EventResponse })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.events.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an event or move its status: draft → registration_open → live → closed (organizers)',
    description: 'The dates cannot change while meetings are booked (409 IN_USE with `meetings`); the sides only in a draft without registrations (409 SIDES_FROZEN).',
  })
  @ApiOkResponse({ type: EventResponse })
  @ApiErrors(400, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateEventRequest) {
    return this.events.update(actor, id, {
      ...body,
      startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
      endsAt: body.endsAt ? new Date(body.endsAt) : undefined,
    });
  }

  @Post(':id/staff')
  @ApiOperation({ summary: 'Add an organizer or moderator to the event (organizers)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: StaffResponse, headers: REPLAYED_HEADER })
  @ApiErrors(400, 403, 404, 409, 422)
  async addStaff(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AddStaffRequest,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replay(response, await this.events.addStaff(actor, id, body.email, body.role, key));
  }

  @Get(':id/staff')
  @ApiOperation({ summary: "The event's staff (staff only)" })
  @ApiOkResponse({ type: StaffPage })
  @ApiErrors(400, 403, 404)
  listStaff(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.events.listStaff(actor, id).then((all) => slice(all, page));
  }

  @Delete(':id/staff/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a staff member (organizers); the last organizer stays' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 403, 404, 409)
  async removeStaff(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('userId') userId: string): Promise<void> {
    await this.events.removeStaff(actor, id, userId);
  }

  @Post(':id/venues')
  @ApiOperation({ summary: 'Add a venue (bridge point): main, satellite or online (organizers)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: VenueResponse, headers: REPLAYED_HEADER })
  @ApiErrors(400, 403, 404, 409, 422)
  async addVenue(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateVenueRequest,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replay(response, await this.events.addVenue(actor, id, body, key));
  }

  @Patch(':id/venues/:venueId')
  @ApiOperation({
    summary: 'Correct a venue (organizers)',
    description:
      'Fewer tables than a booked meeting uses, or going online while enterprises are registered on site there: 409 IN_USE with the counts (`registrations`, `meetings`, `connections`, `announcements`).',
  })
  @ApiOkResponse({ type: VenueResponse })
  @ApiErrors(400, 403, 404, 409)
  updateVenue(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('venueId') venueId: string, @Body() body: UpdateVenueRequest) {
    return this.events.updateVenue(actor, id, venueId, body);
  }

  @Delete(':id/venues/:venueId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an unused venue (organizers); one in use: 409 IN_USE with what uses it',
    description:
      '`?moveTo=<venueId>` moves its registrations, cancelled meetings and announcements to another venue of the same kind first (409 VENUE_FULL past its capacity). Booked meetings are moved or cancelled one by one first (409 IN_USE).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  async deleteVenue(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('venueId') venueId: string, @Query() query: MoveToQuery): Promise<void> {
    await this.events.deleteVenue(actor, id, venueId, query.moveTo);
  }

  @Get(':id/venues')
  @ApiOperation({ summary: "The event's venues" })
  @ApiOkResponse({ type: VenuePage })
  @ApiErrors(400, 404)
  listVenues(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.events.listVenues(actor, id).then((all) => slice(all, page));
  }

  @Get(':id/venues/:venueId/tables')
  @ApiOperation({ summary: "A venue's meeting tables with the code for each table's QR sign (staff); codes are issued on first listing and never change" })
  @ApiOkResponse({ type: VenueTablesResponse })
  @ApiErrors(400, 403, 404)
  tableCodes(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('venueId') venueId: string) {
    return this.events.tableCodes(actor, id, venueId);
  }

  @Post(':id/rooms')
  @ApiOperation({ summary: 'Add a sector trade room (organizers)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: RoomResponse, headers: REPLAYED_HEADER })
  @ApiErrors(400, 403, 404, 409, 422)
  async addRoom(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateRoomRequest,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replay(response, await this.events.addRoom(actor, id, body, key));
  }

  @Patch(':id/rooms/:roomId')
  @ApiOperation({ summary: "Correct a sector room's name, sectors or capacity (organizers)" })
  @ApiOkResponse({ type: RoomResponse })
  @ApiErrors(400, 403, 404, 409)
  updateRoom(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('roomId') roomId: string, @Body() body: UpdateRoomRequest) {
    return this.events.updateRoom(actor, id, roomId, body);
  }

  @Delete(':id/rooms/:roomId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an unused sector room (organizers); one with registrations, connections or announcements: 409 IN_USE with the counts',
    description: '`?moveTo=<roomId>` moves its registrations, connections and announcements to another room first (409 ROOM_FULL past its capacity).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  async deleteRoom(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('roomId') roomId: string, @Query() query: MoveToQuery): Promise<void> {
    await this.events.deleteRoom(actor, id, roomId, query.moveTo);
  }

  @Get(':id/rooms')
  @ApiOperation({ summary: "The event's sector rooms" })
  @ApiOkResponse({ type: RoomPage })
  @ApiErrors(400, 404)
  listRooms(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.events.listRooms(actor, id).then((all) => slice(all, page));
  }
}

/** Venues, rooms and staff are a handful per event: read whole, then paged. */
function slice<T>(all: { items: T[]; total: number }, page: PageQuery): { items: T[]; total: number } {
  const offset = page.offset ?? 0;
  return { items: all.items.slice(offset, offset + (page.limit ?? 50)), total: all.total };
}
