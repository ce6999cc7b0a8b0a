export * from './connection.entity';
export * from './outcome.entity';
export * from './connections.repository';
export { ConnectionsService, toView as toConnectionView } from './connections.service';
export type { ConnectionRequest, ConnectionQuery, CreatedConnection } from './connections.service';
export { OutcomesService } from './outcomes.service';
export type { OutcomeInput } from './outcomes.service';
export * from './outcomes.repository';
export * from './connection-expiry';
export * from './connections.module';

import { Connection } from './connection.entity';
import { Outcome } from './outcome.entity';
export const CONNECTIONS_ENTITIES = [Connection, Outcome];
