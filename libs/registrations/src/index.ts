export * from './registration.entity';
export * from './assign-rooms';
export * from './registrations.repository';
export * from './registrations.service';
export * from './registrations.module';

import { Registration } from './registration.entity';
export const REGISTRATIONS_ENTITIES = [Registration];
