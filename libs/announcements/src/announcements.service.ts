import { Injectable } from '@nestjs/common';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository } from '@tradebridge/core';
import { EventAccess, EventsRepository } from '@tradebridge/events';
import { LOCALES } from '@tradebridge/contracts';
import type { AnnouncementView, Localized, Page } from '@tradebridge/contracts';
import { AnnouncementAudience, AnnouncementRecord, AnnouncementsRepository } from './announcements.repository';

export interface AnnouncementInput {
  text: Localized;
  audience?: { venueId?: string; roomId?: string; side?: string };
}

export const ANNOUNCEMENT_MAX_LENGTH = 1000;

/**
 * Organizers' short messages to the participants of an event, or of one
 * venue, room or side. Sending appends `announcement.sent` with the approved
 * registrations in the audience (resolved now); the notifier turns that entry
 * into an `announcement` notification for each member of their enterprises,
 * each in the language they prefer or the next one written.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly db: Database,
    private readonly announcements: AnnouncementsRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly log: EventLogRepository,
  ) {}

  async send(actor: Actor, eventId: string, input: AnnouncementInput): Promise<{ id: string; registrations: number; recipients: number }> {
    await this.access.require(actor, eventId, ['organizer']);
    const text = cleanText(input.text);
    const audience = checkAudience(input.audience ?? {});
    const sent = await this.db.transaction(async (tx) => {
      const event = await this.events.lockOpen(tx, eventId, 'shared');
      if (audience.venueId && !(await this.events.findVenue(eventId, audience.venueId, tx))) {
        throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'audience.venueId', message: 'is not a venue of this event' }]);
      }
      if (audience.roomId && !(await this.events.findRoom(eventId, audience.roomId, tx))) {
        throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'audience.roomId', message: 'is not a room of this event' }]);
      }
      if (audience.side && !event.sides.includes(audience.side)) {
        throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'audience.side', message: `must be one of this event's sides (${event.sides.join(', ')})` }]);
      }
      const { registrationIds, people } = await this.announcements.audience(tx, eventId, audience);
      const created = await this.announcements.insert(tx, { eventId, text, ...audience, registrations: registrationIds.length, recipients: people, createdBy: actor.userId });
      await this.log.append(tx, eventId, { type: 'announcement.sent', data: { announcement: toAnnouncementView(created) }, actorUserId: actor.userId, registrationIds });
      return created;
    });
    return { id: sent.id, registrations: sent.registrations, recipients: sent.recipients };
  }

  async list(actor: Actor, eventId: string, page: { limit: number; offset: number }): Promise<Page<AnnouncementView>> {
    await this.access.require(actor, eventId);
    const { items, total } = await this.announcements.list(eventId, page);
    return { items: items.map(toAnnouncementView), total };
  }
}

/** Trimmed, empty languages dropped; at least one left. */
function cleanText(text: Localized): Localized {
  const clean: Localized = {};
  for (const locale of LOCALES) {
    const value = text[locale]?.trim();
    if (value) clean[locale] = value;
  }
  if (!Object.keys(clean).length) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'text', message: 'needs at least one of vi, zh, en that is not blank' }]);
  const long = LOCALES.filter((l) => (clean[l]?.length ?? 0) > ANNOUNCEMENT_MAX_LENGTH);
  if (long.length)
    throw DomainError.invalidFields(
      ErrorCode.VALIDATION_FAILED,
      long.map((l) => ({ field: `text.${l}`, message: `must be at most ${ANNOUNCEMENT_MAX_LENGTH} characters` })),
    );
  return clean;
}

function checkAudience(audience: { venueId?: string; roomId?: string; side?: string }): AnnouncementAudience {
  const given = (['venueId', 'roomId', 'side'] as const).filter((k) => audience[k] !== undefined);
  if (given.length > 1) {
    throw DomainError.invalidFields(
      ErrorCode.VALIDATION_FAILED,
      given.map((k) => ({ field: `audience.${k}`, message: 'give at most one of venueId, roomId, side' })),
    );
  }
  return { venueId: audience.venueId ?? null, roomId: audience.roomId ?? null, side: audience.side ?? null };
}

export function toAnnouncementView(a: AnnouncementRecord): AnnouncementView {
  return {
    id: a.id,
    eventId: a.eventId,
    text: a.text,
    audience: { venueId: a.venueId, roomId: a.roomId, side: a.side },
    registrations: a.registrations,
    recipients: a.recipients,
    createdBy: a.createdBy,
    createdAt: new Date(a.createdAt).toISOString(),
  };
}
