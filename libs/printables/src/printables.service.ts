import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { Actor, Clock, DomainError, ErrorCode } from '@tradebridge/core';
import { EventAccess, EventsRepository, EventsService, TradeEvent } from '@tradebridge/events';
import type { Locale } from '@tradebridge/contracts';
import { byName, localeOfSide, zoneOr } from './format';
import { PrintablesRepository, type Scope } from './printables.repository';
import { writeBadges, writeCheckInList, writeSchedules, writeTablePlan, type BadgeLayout, type EventFacts, type ScheduleSheet } from './pdf';

export interface PrintOptions extends Scope {
  locale?: Locale;
  /** Schedules only: print in this zone rather than each owner's own. */
  timezone?: string;
}

/**
 * The organizer's printables (PDF, in vi, zh or en): badges, personal schedules, a
 * venue's table plan with its table signs, and its check-in list. Staff print any;
 * an enterprise's member prints its own badge and schedule. Each writer streams to
 * `out`, after `ready` (where the caller sets the headers) once the inputs are read,
 * so an error before that still gets the JSON error body.
 */
@Injectable()
export class PrintablesService {
  constructor(
    private readonly printables: PrintablesRepository,
    private readonly events: EventsRepository,
    private readonly eventsService: EventsService,
    private readonly access: EventAccess,
    private readonly clock: Clock,
  ) {}

  async badges(actor: Actor, eventId: string, layout: BadgeLayout, options: PrintOptions, out: Writable, ready: () => void): Promise<void> {
    const event = await this.authorize(actor, eventId, options);
    await this.checkVenue(eventId, options.venueId);
    const locale = options.locale ?? 'en';
    const rows = byName(await this.printables.badges(eventId, options), (r) => r.name, locale).sort((a, b) => event.sides.indexOf(a.side) - event.sides.indexOf(b.side));
    ready();
    await writeBadges(out, facts(event), rows, layout, locale);
  }

  async schedules(actor: Actor, eventId: string, options: PrintOptions, out: Writable, ready: () => void): Promise<void> {
    const event = await this.authorize(actor, eventId, options);
    await this.checkVenue(eventId, options.venueId);
    const owners = await this.printables.scheduleOwners(eventId, options);
    const meetings = await this.printables.meetingsOf(
      eventId,
      owners.map((o) => o.registrationId),
    );
    const byOwner = new Map<string, typeof meetings>();
    for (const m of meetings) byOwner.set(m.registrationId, [...(byOwner.get(m.registrationId) ?? []), m]);
    const sheets: ScheduleSheet[] = owners.map((owner) => ({
      owner,
      // Before its owner has claimed the account: its side's language.
      locale: options.locale ?? owner.locale ?? localeOfSide(owner.side) ?? 'en',
      timezone: zoneOr(options.timezone ?? owner.timezone, owner.venueTimezone ?? event.timezone),
      meetings: byOwner.get(owner.registrationId) ?? [],
    }));
    ready();
    await writeSchedules(out, facts(event), sheets, options.locale ?? 'en', this.clock.now());
  }

  async tablePlan(actor: Actor, eventId: string, venueId: string, locale: Locale, out: Writable, ready: () => void): Promise<void> {
    const event = await this.requireEvent(eventId);
    // Staff only; issues the tables' QR codes on first use, as the signs page does.
    const { venue, tables } = await this.eventsService.tableCodes(actor, eventId, venueId);
    const meetings = await this.printables.tableMeetings(eventId, venueId);
    ready();
    await writeTablePlan(out, facts(event), { name: venue.name, city: venue.city, timezone: venue.timezone, tables }, meetings, locale, this.clock.now());
  }

  async checkInList(actor: Actor, eventId: string, venueId: string, locale: Locale, out: Writable, ready: () => void): Promise<void> {
    const event = await this.requireEvent(eventId);
    await this.access.require(actor, eventId);
    const venue = await this.events.findVenue(eventId, venueId);
    if (!venue) throw DomainError.notFound('Venue', venueId);
    const rows = byName(await this.printables.checkIn(eventId, venueId), (r) => r.name, locale);
    ready();
    await writeCheckInList(out, facts(event), venue, rows, locale, this.clock.now());
  }

  private async requireEvent(eventId: string): Promise<TradeEvent> {
    const event = await this.events.findById(eventId);
    if (!event) throw DomainError.notFound('Event', eventId);
    return event;
  }

  /** Staff print for anyone; a member of the enterprise for its own approved registration only. */
  private async authorize(actor: Actor, eventId: string, scope: Scope): Promise<TradeEvent> {
    const event = await this.requireEvent(eventId);
    if (await this.access.roleOf(actor, eventId)) {
      if (scope.registrationId) await this.checkRegistration(eventId, scope.registrationId);
      return event;
    }
    if (!scope.registrationId) throw DomainError.forbidden('Only staff of this event may print for more than their own enterprise');
    const registration = await this.printables.registrationOf(eventId, scope.registrationId);
    if (!registration || !(await this.printables.isMember(registration.enterpriseId, actor.userId))) throw DomainError.notFound('Registration', scope.registrationId);
    await this.checkRegistration(eventId, scope.registrationId);
    return event;
  }

  private async checkRegistration(eventId: string, registrationId: string): Promise<void> {
    const registration = await this.printables.registrationOf(eventId, registrationId);
    if (!registration) throw DomainError.notFound('Registration', registrationId);
    if (registration.status !== 'approved')
      throw new DomainError(ErrorCode.NOT_APPROVED, `This registration is ${registration.status}: only approved registrations have a badge and a schedule`);
  }

  private async checkVenue(eventId: string, venueId: string | undefined): Promise<void> {
    if (venueId && !(await this.events.findVenue(eventId, venueId))) throw DomainError.notFound('Venue', venueId);
  }
}

function facts(event: TradeEvent): EventFacts {
  return { name: event.name, timezone: event.timezone, sides: event.sides };
}
