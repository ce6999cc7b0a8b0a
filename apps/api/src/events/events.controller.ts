import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsService } from '@tradebridge/events';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
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
  EventResponse,
  RoomPage,
  RoomResponse,
  StaffPage,
  StaffResponse,
  UpdateEventRequest,
  VenuePage,
  VenueResponse,
} from './events.dto';

@ApiTags('events')
@Authenticated()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an event (platform organizers); you become its first organizer' })
  @ApiCreatedResponse({ type: EventResponse })
  @ApiErrors(400, 403)
  create(@CurrentActor() actor: Actor, @Body() body: CreateEventRequest) {
    return this.events.create(actor, { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) });
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
  @ApiOperation({ summary: 'Edit an event or move its status: draft → registration_open → live → closed (organizers)' })
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
  @ApiCreatedResponse({ type: StaffResponse })
  @ApiErrors(400, 403, 404, 409)
  addStaff(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AddStaffRequest) {
    return this.events.addStaff(actor, id, body.email, body.role);
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
  @ApiCreatedResponse({ type: VenueResponse })
  @ApiErrors(400, 403, 404, 409)
  addVenue(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CreateVenueRequest) {
    return this.events.addVenue(actor, id, body);
  }

  @Get(':id/venues')
  @ApiOperation({ summary: "The event's venues" })
  @ApiOkResponse({ type: VenuePage })
  @ApiErrors(400, 404)
  listVenues(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.events.listVenues(actor, id).then((all) => slice(all, page));
  }

  @Post(':id/rooms')
  @ApiOperation({ summary: 'Add a sector trade room (organizers)' })
  @ApiCreatedResponse({ type: RoomResponse })
  @ApiErrors(400, 403, 404, 409)
  addRoom(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CreateRoomRequest) {
    return this.events.addRoom(actor, id, body);
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
