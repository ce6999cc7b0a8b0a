export * from './due';
export * from './reminders.repository';
export * from './reminders.service';
export * from './reminder-sweeper';
export * from './reminders.module';
