export * from './report.repository';
export * from './report.service';
export * from './reporting.module';
