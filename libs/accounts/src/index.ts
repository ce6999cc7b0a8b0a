export * from './user.entity';
export * from './users.repository';
export * from './accounts.service';
export * from './accounts.module';
export * from './password-reset.service';
export * from './password-reset.module';

import { User } from './user.entity';
export const ACCOUNTS_ENTITIES = [User];
