export * from './visibility';
export * from './presence';
export * from './rate-limit';
export * from './live.repository';
export * from './pitch.service';
export * from './live.module';
