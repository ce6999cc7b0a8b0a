export * from './score';
export * from './profiles.repository';
export * from './recommendations.repository';
export * from './recommendations.service';
export * from './matchmaking.module';
