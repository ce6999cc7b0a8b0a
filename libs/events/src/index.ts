export * from './event.entity';
export * from './event-status';
export * from './events.repository';
export * from './event-access';
export * from './events.service';
export * from './event-log.service';
export * from './staff-rooms';
export * from './events.module';

import { EventStaff, Room, TradeEvent, Venue } from './event.entity';
export const EVENTS_ENTITIES = [TradeEvent, EventStaff, Venue, Room];
