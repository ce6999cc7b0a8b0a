/**
 * The whole persistent schema: every entity of every feature and every
 * migration, for the processes (API, gateway, migrate command, tests) that open
 * the database.
 */
import { EventLogEntry } from '@tradebridge/core';
import { ACCOUNTS_ENTITIES } from '@tradebridge/accounts';
import { ENTERPRISES_ENTITIES } from '@tradebridge/enterprises';
import { EVENTS_ENTITIES } from '@tradebridge/events';
import { REGISTRATIONS_ENTITIES } from '@tradebridge/registrations';
import { CONNECTIONS_ENTITIES } from '@tradebridge/connections';
import { MEETINGS_ENTITIES } from '@tradebridge/meetings';
import { MIGRATIONS } from '../../../migrations';

export const ENTITIES = [EventLogEntry, ...ACCOUNTS_ENTITIES, ...ENTERPRISES_ENTITIES, ...EVENTS_ENTITIES, ...REGISTRATIONS_ENTITIES, ...CONNECTIONS_ENTITIES, ...MEETINGS_ENTITIES];
export { MIGRATIONS };
