import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, DomainError } from '@tradebridge/core';
import { EventAccess, EventsRepository } from '@tradebridge/events';
import type { AttendanceNowView } from '@tradebridge/contracts';
import { evidenceOpensMinutes } from './attendance';
import { currentSlot, slotAttendance } from './attendance-now';
import { AttendanceNowRepository } from './attendance-now.repository';
import { slotGrid } from './slot-grid';

/** The current slot's meetings per place, for the event's staff (the dashboard's "This slot"). */
@Injectable()
export class AttendanceNowService {
  constructor(
    private readonly repository: AttendanceNowRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async now(actor: Actor, eventId: string): Promise<AttendanceNowView> {
    await this.access.require(actor, eventId);
    const event = await this.events.findById(eventId);
    if (!event) throw DomainError.notFound('Event', eventId);
    const now = this.clock.now();
    const current = currentSlot(slotGrid(event.startsAt, event.endsAt, event.slotMinutes), now);
    const rows = current
      ? await this.repository.slotCounts(eventId, { startsAt: new Date(current.slot.startsAt), endsAt: new Date(current.slot.endsAt) }, evidenceOpensMinutes(this.config.attendance))
      : [];
    return {
      eventId,
      now: now.toISOString(),
      slot: current
        ? { index: current.slot.index, startsAt: new Date(current.slot.startsAt).toISOString(), endsAt: new Date(current.slot.endsAt).toISOString(), state: current.state }
        : null,
      ...slotAttendance(rows),
    };
  }
}
