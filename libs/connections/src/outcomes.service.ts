import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Database, DomainError, ErrorCode, EventLogRepository, isConstraintViolation } from '@tradebridge/core';
import { EventsRepository } from '@tradebridge/events';
import { isIsoCurrency } from '@tradebridge/reference';
import type { OutcomeKind, OutcomeView, Page } from '@tradebridge/contracts';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { Outcome } from './outcome.entity';
import { OutcomesRepository } from './outcomes.repository';

export interface OutcomeInput {
  kind: OutcomeKind;
  value?: { amount: string; currency: string };
  note?: string;
  /** Records a correction of this earlier outcome (which stays, as history). */
  correctsOutcomeId?: string;
}

/**
 * Outcomes of accepted connections, recorded by either party or by staff —
 * during the event and for a follow-up period after it closes.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly db: Database,
    private readonly outcomes: OutcomesRepository,
    private readonly connections: ConnectionsRepository,
    private readonly connectionsService: ConnectionsService,
    private readonly events: EventsRepository,
    private readonly log: EventLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Actor, connectionId: string, input: OutcomeInput): Promise<OutcomeView> {
    const currency = input.value?.currency.toUpperCase();
    if (currency && !isIsoCurrency(currency)) {
      throw DomainError.invalidFields(ErrorCode.UNKNOWN_CURRENCY, [{ field: 'value.currency', message: `"${input.value!.currency}" is not an ISO 4217 currency` }]);
    }
    try {
      return await this.db.transaction(async (tx) => {
        const connection = await this.connections.find(connectionId, tx);
        if (!connection || !(await this.connectionsService.canSee(actor, connection, tx))) throw DomainError.notFound('Connection', connectionId);
        if (connection.status !== 'accepted') throw new DomainError(ErrorCode.NOT_ACCEPTED, `Outcomes are recorded on accepted connections; this one is ${connection.status}`);
        const event = await this.events.findById(connection.eventId, tx);
        if (event?.closedAt && Date.now() > event.closedAt.getTime() + this.config.outcomeFollowUpSeconds * 1000) {
          throw new DomainError(ErrorCode.FOLLOW_UP_CLOSED, 'The follow-up period of this event has ended; outcomes can no longer be recorded');
        }
        if (input.correctsOutcomeId) {
          const corrected = await this.outcomes.lockOfConnection(tx, connectionId, input.correctsOutcomeId);
          if (!corrected) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'correctsOutcomeId', message: 'is not an outcome of this connection' }]);
          if (corrected.superseded) throw supersededAlready();
        }
        const outcome = await this.outcomes.insert(tx, {
          eventId: connection.eventId,
          connectionId,
          kind: input.kind,
          amount: input.value ? input.value.amount : null,
          currency: currency ?? null,
          note: input.note?.trim() || null,
          supersedesId: input.correctsOutcomeId ?? null,
          recordedBy: actor.userId,
        });
        const view = toView(outcome, true);
        await this.log.append(tx, connection.eventId, {
          type: input.correctsOutcomeId ? 'outcome.corrected' : 'outcome.recorded',
          data: { outcome: view },
          actorUserId: actor.userId,
          registrationIds: [connection.fromRegistrationId, connection.toRegistrationId],
        });
        return view;
      });
    } catch (error) {
      if (isConstraintViolation(error, 'outcomes_supersedes_key')) throw supersededAlready();
      throw error;
    }
  }

  async list(actor: Actor, connectionId: string): Promise<Page<OutcomeView>> {
    const connection = await this.connections.find(connectionId);
    if (!connection || !(await this.connectionsService.canSee(actor, connection))) throw DomainError.notFound('Connection', connectionId);
    const { outcomes, supersededIds } = await this.outcomes.listOfConnection(connectionId);
    return { items: outcomes.map((o) => toView(o, !supersededIds.has(o.id))), total: outcomes.length };
  }
}

function supersededAlready(): DomainError {
  return DomainError.invalidFields(ErrorCode.CONFLICT, [{ field: 'correctsOutcomeId', message: 'was already corrected; correct the latest version' }]);
}

export function toView(o: Outcome, current: boolean): OutcomeView {
  return {
    id: o.id,
    connectionId: o.connectionId,
    kind: o.kind,
    ...(o.amount !== null && o.currency ? { value: { amount: o.amount, currency: o.currency } } : {}),
    ...(o.note ? { note: o.note } : {}),
    recordedBy: o.recordedBy,
    recordedAt: o.recordedAt.toISOString(),
    supersedesId: o.supersedesId,
    current,
  };
}
