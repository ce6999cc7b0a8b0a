export * from './notification-writer';
export * from './notifications.repository';
export * from './notifications.module';
export * from './interim-mail-outbox';
export * from './messages/template';
export * from './messages/format';
export * from './messages/render';
export * from './messages/registry';
