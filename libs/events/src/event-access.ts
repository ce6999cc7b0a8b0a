import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, DomainError, isAdmin } from '@tradebridge/core';
import { STAFF_ROLES, type StaffRole } from '@tradebridge/contracts';
import { EventsRepository } from './events.repository';

/** Who may do what on an event: platform admins everything; event staff by role. */
@Injectable()
export class EventAccess {
  constructor(private readonly events: EventsRepository) {}

  /** The actor's staff role on the event (admins count as organizers), or null. */
  async roleOf(actor: Actor, eventId: string, tx?: EntityManager): Promise<StaffRole | null> {
    if (isAdmin(actor)) return 'organizer';
    return this.events.staffRole(eventId, actor.userId, tx);
  }

  /** Throws 403 unless the actor is staff with one of `roles` (default: any staff). */
  async require(actor: Actor, eventId: string, roles: readonly StaffRole[] = STAFF_ROLES, tx?: EntityManager): Promise<StaffRole> {
    const role = await this.roleOf(actor, eventId, tx);
    if (!role || !roles.includes(role)) {
      throw DomainError.forbidden(roles.length === 1 && roles[0] === 'organizer' ? 'Only organizers of this event may do this' : 'Only staff of this event may do this');
    }
    return role;
  }
}
