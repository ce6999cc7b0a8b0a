export * from './conversations.repository';
export * from './conversations.service';
export * from './conversations.module';
