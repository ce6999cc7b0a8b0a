import { Injectable } from '@nestjs/common';
import { Actor, DomainError, ErrorCode } from '@tradebridge/core';
import { EventAccess, EventsRepository } from '@tradebridge/events';
import { RegistrationsRepository } from '@tradebridge/registrations';
import { hsName } from '@tradebridge/reference';
import type { Locale, Page, RecommendationView } from '@tradebridge/contracts';
import { ProfilesRepository } from './profiles.repository';
import { RecommendationsRepository } from './recommendations.repository';
import { scoreMatch } from './score';

/**
 * Explained recommendations for one registration: ranked in the database,
 * then each result of the page scored by the pure function for its reasons.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly profiles: ProfilesRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
  ) {}

  async list(actor: Actor, eventId: string, registrationId: string, locale: Locale, limit: number, offset: number): Promise<Page<RecommendationView>> {
    // Everything that does not depend on the ranking is read at once; the viewer's profile and the
    // venues are only used once access is settled below.
    const [registration, role, viewerProfile, venues] = await Promise.all([
      this.registrations.find(eventId, registrationId),
      this.access.roleOf(actor, eventId),
      this.profiles.load(eventId, [registrationId]),
      this.events.listVenues(eventId),
    ]);
    const staff = role !== null;
    if (!registration || (!staff && !(await this.registrations.isMember(registration.enterpriseId, actor.userId)))) {
      throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'registrationId', message: 'is not one of your registrations for this event' }]);
    }
    if (registration.status !== 'approved') {
      throw new DomainError(ErrorCode.NOT_APPROVED, `Recommendations come once the registration is approved; it is ${registration.status}`);
    }
    const viewer = viewerProfile.get(registrationId)!;
    const ranked = await this.recommendations.rank(eventId, viewer, limit, offset);
    const ids = ranked.items.map((r) => r.id);
    const [profiles, summaries] = await Promise.all([this.profiles.load(eventId, ids), this.recommendations.summaries(eventId, ids)]);
    const cityOf = new Map(venues.map((v) => [v.id, v.city]));
    const context = { locale, hsName, venueCity: (venueId: string) => cityOf.get(venueId) ?? '' };
    const items = ranked.items.map((r) => {
      const scored = scoreMatch(viewer, profiles.get(r.id)!, context);
      const { registrationId: _, ...enterprise } = summaries.get(r.id)!;
      return { registrationId: r.id, enterprise, score: scored.score, reasons: scored.reasons };
    });
    return { items, total: ranked.total };
  }
}
