import { Injectable } from '@nestjs/common';
import { Actor, DomainError, ErrorCode, isAdmin } from '@tradebridge/core';
import { EventAccess, EventsRepository } from '@tradebridge/events';
import { EnterprisesRepository, sectorFilter } from '@tradebridge/enterprises';
import { RegistrationsRepository } from '@tradebridge/registrations';
import { hasRegionData, resolveRegion } from '@tradebridge/reference';
import type { DirectoryEntryView, DirectoryPage, DirectorySettingsView } from '@tradebridge/contracts';
import { DirectoryFilter, DirectoryRepository, EntryRow } from './directory.repository';

export type DirectoryQuery = Omit<DirectoryFilter, 'sides' | 'viewerRegistrationId' | 'sector' | 'registrationId'> & {
  side?: string;
  sector?: string;
  /** The viewer's registration, when its members have several in the event. */
  as?: string;
};

interface Viewer {
  userId: string;
  staff: boolean;
  /** The approved registration browsed as (null: staff browsing as themselves). */
  registration: { id: string; side: string } | null;
  sides: string[];
}

/**
 * Who is coming: the approved participants of an event, for its approved
 * participants and its staff. An enterprise sees the other side, and its own
 * only if the organizers open it (`directory_settings.own_side`). Contact
 * details follow the enterprises' privacy rule.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly registrations: RegistrationsRepository,
    private readonly enterprises: EnterprisesRepository,
  ) {}

  async list(actor: Actor, eventId: string, query: DirectoryQuery): Promise<DirectoryPage> {
    const viewer = await this.viewer(actor, eventId, query.as);
    const { side, sector, as: _, ...rest } = query;
    if (side && !viewer.sides.includes(side)) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'side', message: `must be one of ${viewer.sides.join(', ')} (the sides you may browse)` }]);
    }
    if (query.favourites && !viewer.registration) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'favourites', message: 'favourites are kept per registration; staff have none' }]);
    }
    const region = query.region ? regionFilter(query.region) : undefined;
    const { items, total } = await this.directory.list(eventId, {
      ...rest,
      region,
      sector: sector ? sectorFilter(sector) : undefined,
      sides: side ? [side] : viewer.sides,
      viewerRegistrationId: viewer.registration?.id ?? null,
    });
    return { items: await this.withContacts(actor, items), total, sides: viewer.sides };
  }

  /** One participant's profile, on the same terms as the list (404 if the viewer may not see it). */
  async get(actor: Actor, eventId: string, registrationId: string, as?: string): Promise<DirectoryEntryView> {
    const viewer = await this.viewer(actor, eventId, as);
    const { items } = await this.directory.list(eventId, {
      sides: viewer.sides,
      viewerRegistrationId: viewer.registration?.id ?? null,
      registrationId,
      limit: 1,
      offset: 0,
    });
    if (!items.length) throw DomainError.notFound('Participant', registrationId);
    const [entry] = await this.withContacts(actor, items);
    return entry;
  }

  async setFavourite(actor: Actor, eventId: string, registrationId: string, favourite: boolean, as?: string): Promise<void> {
    const viewer = await this.viewer(actor, eventId, as);
    if (!viewer.registration) throw DomainError.forbidden('Favourites are kept per enterprise registration; staff have none');
    if (favourite) {
      await this.get(actor, eventId, registrationId, as);
      await this.directory.addFavourite(eventId, viewer.registration.id, registrationId);
    } else {
      // Not checked against what the viewer may see: a favourite stays removable after the organizers close its side.
      await this.directory.removeFavourite(eventId, viewer.registration.id, registrationId);
    }
  }

  async settings(actor: Actor, eventId: string): Promise<DirectorySettingsView> {
    await this.requireEvent(eventId);
    await this.access.require(actor, eventId);
    return { ownSide: await this.directory.ownSide(eventId) };
  }

  async updateSettings(actor: Actor, eventId: string, settings: DirectorySettingsView): Promise<DirectorySettingsView> {
    await this.requireEvent(eventId);
    await this.access.require(actor, eventId, ['organizer']);
    await this.directory.setOwnSide(eventId, settings.ownSide, actor.userId);
    return { ownSide: settings.ownSide };
  }

  private async requireEvent(eventId: string) {
    const event = await this.events.findById(eventId);
    if (!event) throw DomainError.notFound('Event', eventId);
    return event;
  }

  private async viewer(actor: Actor, eventId: string, as?: string): Promise<Viewer> {
    const [event, role] = await Promise.all([this.requireEvent(eventId), this.access.roleOf(actor, eventId)]);
    const staff = role !== null;
    let registration: { id: string; side: string; status: string } | null = null;
    if (as) {
      const found = await this.registrations.find(eventId, as);
      if (!found || (!staff && !(await this.registrations.isMember(found.enterpriseId, actor.userId)))) {
        throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'as', message: 'is not one of your registrations for this event' }]);
      }
      registration = found;
    } else {
      const mine = (await Promise.all((await this.registrations.idsOfMember(eventId, actor.userId)).map((id) => this.registrations.find(eventId, id)))).filter((r) => r !== null);
      const approved = mine.filter((r) => r.status === 'approved');
      if (approved.length > 1) {
        throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'as', message: 'you have several registrations in this event: say which one you browse as' }]);
      }
      registration = approved[0] ?? mine[0] ?? null;
    }
    if (registration && registration.status !== 'approved') {
      if (!staff) throw new DomainError(ErrorCode.NOT_APPROVED, `The directory opens once your registration is approved; it is ${registration.status}`);
      registration = null;
    }
    if (!registration && !staff) throw new DomainError(ErrorCode.NOT_A_PARTICIPANT, 'The directory is for the approved participants and the staff of this event');
    const ownSide = registration ? await this.directory.ownSide(eventId) : true;
    const side = registration?.side;
    const sides = event.sides.filter((s) => s !== side || ownSide);
    return { userId: actor.userId, staff, registration, sides };
  }

  private async withContacts(actor: Actor, rows: EntryRow[]): Promise<DirectoryEntryView[]> {
    const ids = rows.map((r) => r.enterprise.id);
    const visible = isAdmin(actor) ? new Set(ids) : await this.enterprises.contactVisibleTo(actor.userId, ids);
    return rows.map(({ contact, enterprise: { website, size, ...enterprise }, ...entry }) => ({
      ...entry,
      enterprise: {
        ...enterprise,
        ...(website ? { website } : {}),
        ...(size ? { size } : {}),
        ...(contact && visible.has(enterprise.id) ? { contact } : {}),
      },
    }));
  }
}

/** A known region's current code (a pre-2025 VN province finds its province now); a country we ship no regions for passes as typed. */
function regionFilter(code: string): string {
  const country = code.slice(0, 2);
  if (!hasRegionData(country)) return code;
  const region = resolveRegion(country, code);
  if (!region) throw DomainError.invalidFields(ErrorCode.UNKNOWN_REGION, [{ field: 'region', message: `is not a region of ${country}` }]);
  return region.code;
}
