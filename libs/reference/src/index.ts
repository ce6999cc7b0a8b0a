export * from './hs';
export * from './regions';
export * from './text';
export * from './timezones';
export * from './currencies';
export * from './countries';
export * from './phrasebook';
