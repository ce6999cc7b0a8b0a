export * from './schedule';
export * from './slot-grid';
export * from './local-time';
export * from './attendance';
export * from './meeting.entity';
export * from './meetings.repository';
export * from './meetings.service';
export * from './meetings.module';

import { Meeting } from './meeting.entity';
export const MEETINGS_ENTITIES = [Meeting];
