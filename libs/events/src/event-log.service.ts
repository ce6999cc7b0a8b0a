import { Injectable } from '@nestjs/common';
import { Actor, DomainError, EventLogRepository } from '@tradebridge/core';
import type { LogEntryView } from '@tradebridge/contracts';
import { EventsRepository } from './events.repository';
import { EventAccess } from './event-access';

/** Reading an event's log: staff only (entries name enterprises and decisions). */
@Injectable()
export class EventLogService {
  constructor(
    private readonly log: EventLogRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
  ) {}

  async read(actor: Actor, eventId: string, afterSeq: number, limit: number): Promise<{ items: LogEntryView[]; lastSeq: number }> {
    if (!(await this.events.findById(eventId))) throw DomainError.notFound('Event', eventId);
    await this.access.require(actor, eventId);
    const [entries, lastSeq] = await Promise.all([this.log.listAfter(eventId, afterSeq, limit), this.log.lastSeq(eventId)]);
    return {
      items: entries.map((e) => ({ seq: e.seq, type: e.type, data: e.data, actorUserId: e.actorUserId, createdAt: e.createdAt.toISOString() })),
      lastSeq,
    };
  }
}
