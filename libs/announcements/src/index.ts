export * from './announcements.repository';
export * from './announcements.service';
export * from './announcements.module';
