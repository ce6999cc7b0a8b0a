export * from './columns';
export * from './row-problems';
export * from './check-row';
export * from './plan';
export * from './spreadsheet';
export * from './imports.repository';
export * from './imports.service';
export * from './imports.module';
