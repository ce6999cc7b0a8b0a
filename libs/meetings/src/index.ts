export * from './schedule';
export * from './slot-grid';
export * from './local-time';
export * from './attendance';
export * from './meeting.entity';
export * from './meetings.repository';
export * from './meetings.service';
export * from './meetings.module';
export * from './attendance.repository';
export * from './attendance.service';
export * from './attendance-sweeper';
export * from './reschedule.repository';
export * from './attendance-now';
export * from './attendance-now.service';

import { Meeting } from './meeting.entity';
export const MEETINGS_ENTITIES = [Meeting];
