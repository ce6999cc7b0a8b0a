import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  Database,
  DomainError,
  ErrorCode,
  EventLogRepository,
  IdempotencyRepository,
  IdempotentAnswer,
  isConstraintViolation,
  normalizeBadgeCode,
} from '@tradebridge/core';
import { EventAccess, EventsRepository, RoomAccess } from '@tradebridge/events';
import { Registration, RegistrationsRepository } from '@tradebridge/registrations';
import { ProfilesRepository, scoreMatch } from '@tradebridge/matchmaking';
import { hsName } from '@tradebridge/reference';
import type { ConnectionChannel, ConnectionStatus, ConnectionView, Page, PartnerView } from '@tradebridge/contracts';
import { Connection } from './connection.entity';
import { ConnectionsRepository } from './connections.repository';

export interface ConnectionRequest {
  fromRegistrationId: string;
  toRegistrationId: string;
  message?: string;
  /** `recorded`: a moderator records a connection made off-line (accepted at once). */
  channel?: 'online' | 'recorded';
  /**
   * Recorded only: the registration (one of the two) that asked staff to record it.
   * Needed when the pair's latest answer was a decline: only the declining party
   * may lift its own decline. Kept in the log entry.
   */
  requestedBy?: string;
}

export interface ConnectionQuery {
  status?: ConnectionStatus;
  channel?: ConnectionChannel;
  roomId?: string;
  registrationId?: string;
  limit: number;
  offset: number;
}

/** The answer to POST .../connections: 201 when created now, or the stored first answer on replay. */
export type CreatedConnection = IdempotentAnswer<ConnectionView>;

/**
 * Connections: request, accept, decline, withdraw, expire; on-site by badge QR;
 * recorded by a moderator. Every change is one transaction with its log entry.
 */
/** Connections need an event past its draft: the one lock gate refuses a draft with this. */
const CONNECTIONS_OPEN = { refuseDraft: 'Connections open once registration opens' };

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly db: Database,
    private readonly connections: ConnectionsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly profiles: ProfilesRepository,
    private readonly log: EventLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roomAccess: RoomAccess,
  ) {}

  /**
   * Requests a connection. With an Idempotency-Key the first answer is stored in
   * the same transaction, so a retry (or a concurrent duplicate) gets exactly it.
   */
  async request(actor: Actor, eventId: string, input: ConnectionRequest, idempotencyKey?: string): Promise<CreatedConnection> {
    const scope = `POST /api/events/${eventId}/connections`;
    try {
      return await this.db.transaction((tx) =>
        this.idempotency.once(tx, { userId: actor.userId, key: idempotencyKey, scope, hash: requestHash(input) }, async () => toView(await this.create(tx, actor, eventId, input))),
      );
    } catch (error) {
      throw mapPairViolation(error);
    }
  }

  async accept(actor: Actor, id: string): Promise<ConnectionView> {
    return this.respond(actor, id, 'accepted');
  }

  async decline(actor: Actor, id: string): Promise<ConnectionView> {
    return this.respond(actor, id, 'declined');
  }

  /** The requester takes back a request that has not been answered. */
  async withdraw(actor: Actor, id: string): Promise<ConnectionView> {
    return this.db.transaction(async (tx) => {
      const connection = await this.lockPending(tx, id);
      await this.events.lockOpen(tx, connection.eventId, 'shared', CONNECTIONS_OPEN);
      const from = await this.registrations.find(connection.eventId, connection.fromRegistrationId, tx);
      if (!from || !(await this.registrations.isMember(from.enterpriseId, actor.userId, tx))) {
        throw DomainError.forbidden('Only the requesting enterprise may withdraw its request');
      }
      const updated = await this.connections.update(tx, id, { status: 'withdrawn', respondedAt: new Date(), respondedBy: actor.userId });
      await this.appendChange(tx, updated, 'connection.withdrawn', actor);
      return toView(updated);
    });
  }

  /**
   * On site: a member scans the partner's badge. Both must be checked in at the
   * same venue (a remote pair uses a request); the connection is accepted at once
   * (an open request between them is accepted).
   */
  async scan(actor: Actor, eventId: string, fromRegistrationId: string, badgeCode: string): Promise<ConnectionView> {
    const code = normalizeBadgeCode(badgeCode);
    if (!code) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'badgeCode', message: 'is not a badge code' }]);
    try {
      return await this.db.transaction(async (tx) => {
        const event = await this.events.lockOpen(tx, eventId, 'shared', CONNECTIONS_OPEN);
        const partner = await this.registrations.findByBadge(tx, eventId, code);
        if (!partner) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'badgeCode', message: 'no registration of this event has this badge' }]);
        // Both locked, in id order, so two people scanning each other at once cannot deadlock.
        const locked = await this.registrations.lockNoKey(tx, eventId, [fromRegistrationId, partner.id]);
        const from = locked.find((r) => r.id === fromRegistrationId);
        const to = locked.find((r) => r.id === partner.id);
        if (!from) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'fromRegistrationId', message: 'is not a registration of this event' }]);
        await this.requireMember(tx, actor, from, 'Only members of the scanning enterprise may scan for it');
        if (!to || to.id === from.id) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'badgeCode', message: 'is your own badge' }]);
        checkPair(from, to);
        if (!from.checkedInAt || !to.checkedInAt) {
          throw new DomainError(ErrorCode.NOT_CHECKED_IN, 'Both enterprises must be checked in at the venue to connect by badge');
        }
        // Checked in means at the registration's venue (check-in is at the registered venue).
        if (from.venueId !== to.venueId) {
          throw new DomainError(ErrorCode.NOT_SAME_VENUE, 'A badge connects enterprises checked in at the same venue; this one is at another venue: send it a request instead');
        }
        const latest = await this.connections.latestOfPair(tx, eventId, from.id, to.id);
        let connection: Connection;
        if (latest?.status === 'requested') {
          connection = await this.connections.update(tx, latest.id, { status: 'accepted', channel: 'qr', respondedAt: new Date(), respondedBy: actor.userId });
        } else {
          if (latest?.status === 'accepted') throw connectionExists(latest.id);
          connection = await this.connections.insert(tx, {
            eventId,
            fromRegistrationId: from.id,
            fromSide: from.side,
            toRegistrationId: to.id,
            toSide: to.side,
            status: 'accepted',
            channel: 'qr',
            roomId: from.roomId,
            message: null,
            score: await this.pairScore(tx, event.id, from.id, to.id),
            createdBy: actor.userId,
            expiresAt: null,
            respondedAt: new Date(),
            respondedBy: actor.userId,
          });
        }
        await this.appendChange(tx, connection, 'connection.accepted', actor);
        return toView(connection);
      });
    } catch (error) {
      throw mapPairViolation(error);
    }
  }

  /** Staff see every connection of the event; a member sees its own enterprise's. */
  async list(actor: Actor, eventId: string, query: ConnectionQuery): Promise<Page<ConnectionView>> {
    const event = await this.events.findById(eventId);
    if (!event) throw DomainError.notFound('Event', eventId);
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    const { items, total } = await this.connections.list(eventId, { ...query, memberUserId: staff ? undefined : actor.userId });
    return { items: items.map(toView), total };
  }

  async get(actor: Actor, id: string): Promise<ConnectionView> {
    const connection = await this.connections.find(id);
    if (!connection || !(await this.canSee(actor, connection))) throw DomainError.notFound('Connection', id);
    return toView(connection);
  }

  /**
   * Who is at the other end of a registration's connections, so its members can
   * name their partners (registrations are otherwise private). Its members and staff.
   */
  async partners(actor: Actor, eventId: string, registrationId: string): Promise<Page<PartnerView>> {
    const registration = await this.registrations.find(eventId, registrationId);
    if (!registration) throw DomainError.notFound('Registration', registrationId);
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    if (!staff && !(await this.registrations.isMember(registration.enterpriseId, actor.userId))) throw DomainError.notFound('Registration', registrationId);
    const items = await this.connections.partnersOf(eventId, registrationId);
    return { items, total: items.length };
  }

  /** Whether the actor is staff of the connection's event or a member of either end. */
  async canSee(actor: Actor, connection: Connection, tx?: EntityManager): Promise<boolean> {
    if ((await this.access.roleOf(actor, connection.eventId, tx)) !== null) return true;
    return this.isParty(actor, connection, tx);
  }

  async isParty(actor: Actor, connection: Connection, tx?: EntityManager): Promise<boolean> {
    for (const id of [connection.fromRegistrationId, connection.toRegistrationId]) {
      const registration = await this.registrations.find(connection.eventId, id, tx);
      if (registration && (await this.registrations.isMember(registration.enterpriseId, actor.userId, tx))) return true;
    }
    return false;
  }

  /** Expires requests past their time, a batch per transaction; returns how many. */
  async expireOverdue(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.db.transaction(async (tx) => {
        const overdue = await this.connections.claimOverdue(tx, batch);
        for (const connection of overdue) {
          const updated = await this.connections.update(tx, connection.id, { status: 'expired', respondedAt: new Date() });
          await this.appendChange(tx, updated, 'connection.expired', null);
        }
        return overdue.length;
      });
      total += expired;
      if (expired < batch) return total;
    }
  }

  private async create(tx: EntityManager, actor: Actor, eventId: string, input: ConnectionRequest): Promise<Connection> {
    const recorded = input.channel === 'recorded';
    if (input.requestedBy !== undefined && !recorded) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'requestedBy', message: 'is only for channel "recorded"' }]);
    }
    const event = await this.events.lockOpen(tx, eventId, 'shared', CONNECTIONS_OPEN);
    if (recorded && !(await this.access.roleOf(actor, eventId, tx))) throw DomainError.forbidden('Only staff of this event may record connections');
    // Locking the requester serializes its requests, so the pending cap holds under concurrency.
    // Staff lock both ends (in id order, as a scan does), so the decline check below holds for the pair.
    const locked = await this.registrations.lockNoKey(tx, eventId, recorded ? [input.fromRegistrationId, input.toRegistrationId] : [input.fromRegistrationId]);
    const from = locked.find((r) => r.id === input.fromRegistrationId);
    if (!from) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'fromRegistrationId', message: 'is not a registration of this event' }]);
    if (!recorded) await this.requireMember(tx, actor, from, 'Only members of the requesting enterprise may request for it');
    // A moderator records only connections made in a room it runs: either party's room.
    else await this.roomAccess.requireAny(actor, eventId, [from.roomId, locked.find((r) => r.id === input.toRegistrationId)?.roomId ?? null], tx);
    const to = recorded ? locked.find((r) => r.id === input.toRegistrationId) : await this.registrations.find(eventId, input.toRegistrationId, tx);
    if (!to) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'toRegistrationId', message: 'is not a registration of this event' }]);
    checkPair(from, to);
    if (input.requestedBy !== undefined && input.requestedBy !== from.id && input.requestedBy !== to.id) {
      throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'requestedBy', message: 'must be fromRegistrationId or toRegistrationId' }]);
    }

    const latest = await this.connections.latestOfPair(tx, eventId, from.id, to.id);
    if (latest && (latest.status === 'requested' || latest.status === 'accepted')) throw connectionExists(latest.id);
    // A decline blocks the pair for staff too, unless the declining party (the one that received the request) asks for it.
    if (latest?.status === 'declined' && !(recorded && input.requestedBy === latest.toRegistrationId)) {
      throw new DomainError(
        ErrorCode.CONNECTION_DECLINED,
        recorded
          ? 'A connection between these two enterprises was declined at this event; staff may record it only when the declining enterprise asks (requestedBy)'
          : 'A connection between these two enterprises was declined at this event',
      );
    }
    if (!recorded && (await this.connections.countPendingFrom(tx, from.id)) >= this.config.connections.maxPendingPerRegistration) {
      throw new DomainError(
        ErrorCode.TOO_MANY_PENDING_REQUESTS,
        `You have ${this.config.connections.maxPendingPerRegistration} requests waiting for an answer; wait for replies or withdraw some`,
      );
    }
    const now = new Date();
    const connection = await this.connections.insert(tx, {
      eventId,
      fromRegistrationId: from.id,
      fromSide: from.side,
      toRegistrationId: to.id,
      toSide: to.side,
      status: recorded ? 'accepted' : 'requested',
      channel: recorded ? 'recorded' : 'online',
      roomId: from.roomId,
      message: input.message?.trim() || null,
      score: await this.pairScore(tx, event.id, from.id, to.id),
      createdBy: actor.userId,
      expiresAt: recorded ? null : new Date(now.getTime() + this.config.connections.ttlSeconds * 1000),
      respondedAt: recorded ? now : null,
      respondedBy: recorded ? actor.userId : null,
    });
    await this.appendChange(tx, connection, recorded ? 'connection.accepted' : 'connection.requested', actor, input.requestedBy ? { requestedBy: input.requestedBy } : {});
    return connection;
  }

  private async respond(actor: Actor, id: string, status: 'accepted' | 'declined'): Promise<ConnectionView> {
    const outcome = await this.db.transaction(async (tx) => {
      const connection = await this.lockPending(tx, id);
      const to = await this.registrations.find(connection.eventId, connection.toRegistrationId, tx);
      if (!to || !(await this.registrations.isMember(to.enterpriseId, actor.userId, tx))) {
        throw DomainError.forbidden('Only the enterprise that received the request may answer it');
      }
      await this.events.lockOpen(tx, connection.eventId, 'shared', CONNECTIONS_OPEN);
      if (connection.expiresAt && connection.expiresAt.getTime() <= Date.now()) {
        // Record the expiry (it commits), then tell the caller.
        const expired = await this.connections.update(tx, id, { status: 'expired', respondedAt: new Date() });
        await this.appendChange(tx, expired, 'connection.expired', null);
        return { expired: true as const };
      }
      const updated = await this.connections.update(tx, id, { status, respondedAt: new Date(), respondedBy: actor.userId });
      await this.appendChange(tx, updated, status === 'accepted' ? 'connection.accepted' : 'connection.declined', actor);
      return { expired: false as const, view: toView(updated) };
    });
    if (outcome.expired) throw new DomainError(ErrorCode.CONNECTION_EXPIRED, 'This request expired before it was answered');
    return outcome.view;
  }

  private async lockPending(tx: EntityManager, id: string): Promise<Connection> {
    const connection = await this.connections.lock(tx, id);
    if (!connection) throw DomainError.notFound('Connection', id);
    if (connection.status !== 'requested') {
      throw new DomainError(ErrorCode.CONNECTION_NOT_PENDING, `This connection is already ${connection.status}`);
    }
    return connection;
  }

  private async requireMember(tx: EntityManager, actor: Actor, registration: Registration, message: string): Promise<void> {
    if (!(await this.registrations.isMember(registration.enterpriseId, actor.userId, tx))) throw DomainError.forbidden(message);
  }

  /** The pair's recommendation score, stored as the scheduler's weight. */
  private async pairScore(tx: EntityManager, eventId: string, a: string, b: string): Promise<number> {
    const profiles = await this.profiles.load(eventId, [a, b], tx);
    const pa = profiles.get(a);
    const pb = profiles.get(b);
    if (!pa || !pb) return 0;
    return scoreMatch(pa, pb, { locale: 'en', hsName, venueCity: () => '' }).score;
  }

  private async appendChange(tx: EntityManager, connection: Connection, type: string, actor: Actor | null, extra: Record<string, unknown> = {}): Promise<void> {
    await this.log.append(tx, connection.eventId, {
      type,
      data: { connection: toView(connection), ...extra },
      actorUserId: actor?.userId ?? null,
      registrationIds: [connection.fromRegistrationId, connection.toRegistrationId],
    });
  }
}

function checkPair(from: Registration, to: Registration): void {
  if (from.status !== 'approved' || to.status !== 'approved') {
    throw new DomainError(ErrorCode.NOT_APPROVED, 'Both registrations must be approved to connect');
  }
  if (from.side === to.side) {
    throw new DomainError(ErrorCode.SAME_SIDE_CONNECTION, `Connections are made between the two sides of the event; both are ${from.side}`, {
      fields: [{ field: 'toRegistrationId', message: `is on the same side (${to.side})` }],
    });
  }
}

function connectionExists(id: string): DomainError {
  return new DomainError(ErrorCode.CONNECTION_EXISTS, 'These two enterprises already have a live connection at this event', { connectionId: id });
}

/** The database's own rules, in the contract's words, whichever check lost a race. */
function mapPairViolation(error: unknown): unknown {
  if (isConstraintViolation(error, 'connections_live_pair_key')) {
    return new DomainError(ErrorCode.CONNECTION_EXISTS, 'These two enterprises already have a live connection at this event');
  }
  if (isConstraintViolation(error, 'connections_different_sides_check')) {
    return new DomainError(ErrorCode.SAME_SIDE_CONNECTION, 'Connections are made between the two sides of the event');
  }
  return error;
}

/** A stable fingerprint of a request body (key order does not matter). */
function requestHash(input: ConnectionRequest): string {
  const canonical = JSON.stringify({
    fromRegistrationId: input.fromRegistrationId,
    toRegistrationId: input.toRegistrationId,
    message: input.message ?? null,
    channel: input.channel ?? 'online',
    // Only when given, so the hashes of keys stored before this field existed still match.
    ...(input.requestedBy !== undefined ? { requestedBy: input.requestedBy } : {}),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export function toView(c: Connection): ConnectionView {
  return {
    id: c.id,
    eventId: c.eventId,
    fromRegistrationId: c.fromRegistrationId,
    toRegistrationId: c.toRegistrationId,
    status: c.status,
    channel: c.channel,
    roomId: c.roomId,
    message: c.message,
    score: c.score,
    createdAt: c.createdAt.toISOString(),
    expiresAt: c.expiresAt ? c.expiresAt.toISOString() : null,
    respondedAt: c.respondedAt ? c.respondedAt.toISOString() : null,
  };
}
