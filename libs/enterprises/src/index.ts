export * from './enterprise.entity';
export * from './enterprises.repository';
export * from './enterprises.service';
export * from './enterprise-rules';
export * from './match-vectors';
export * from './enterprises.module';

import { Enterprise, EnterpriseMember, EnterpriseProduct } from './enterprise.entity';
export const ENTERPRISES_ENTITIES = [Enterprise, EnterpriseProduct, EnterpriseMember];
