export * from './printables.module';
export * from './printables.service';
export type { BadgeLayout } from './pdf';
