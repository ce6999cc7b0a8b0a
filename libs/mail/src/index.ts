export * from './outbound-mail';
