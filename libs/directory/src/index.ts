/** The participant directory of an event: who is coming, their public profiles, each registration's favourites. */
export * from './directory.repository';
export * from './directory.service';
export * from './directory.module';
