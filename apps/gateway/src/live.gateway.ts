import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type {
  ConnectionView,
  LiveAckData,
  MeetingCallRequest,
  MeetingJoinResult,
  NotificationsSubscribeResult,
  PitchState,
  RoomJoinResult,
  RoomRequest,
  SubscribeResult,
} from '@tradebridge/contracts';
import { AccountsService } from '@tradebridge/accounts';
import { Actor, APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@tradebridge/core';
import { EventAccess, EventsRepository } from '@tradebridge/events';
import { ConnectionsService } from '@tradebridge/connections';
import { LiveRegistration, LiveRepository, LiveViewer, PitchService, PresentSocket, TokenBucket } from '@tradebridge/live';
import { Ack, errorAck } from './acks';
import { LiveNamespace, LiveSocket } from './live-socket';
import { LogRelay } from './log-relay';
import { PresenceService } from './presence.service';
import { StatsService } from './stats.service';
import { NotificationRelay } from './notification-relay';
import { MeetingCalls } from './meeting-calls';
import {
  ConnectionRequestPayload,
  ConnectionRespondPayload,
  MAX_SIGNAL_BYTES,
  MeetingCallPayload,
  MeetingSignalPayload,
  NotificationsSubscribePayload,
  parsePayload,
  RoomPayload,
  SubscribePayload,
} from './socket-payloads';

/** Per-socket state kept on this node (socket.data holds only what other nodes may read). */
interface SocketState {
  actor: Actor;
  bucket: TokenBucket;
  /** room id → event id, for the rooms this socket joined. */
  rooms: Map<string, string>;
  /** What the socket may see of each event it subscribed to (refreshed by the relay). */
  views: Map<string, { staff: boolean; registrations: LiveRegistration[] }>;
}

/** Client events: 20 a second on average, bursts of 40; 100 refusals within a minute disconnect. */
const RATE = { rate: 20, burst: 40, abuseLimit: 100 };

/**
 * The `/live` namespace (docs/realtime.md). The JWT is checked in the
 * handshake; every client event answers with an acknowledgement; domain
 * changes go through the same services as REST and reach clients through the
 * event log (LogRelay), whichever node or path made them.
 */
// CORS is set where the server is built (RealtimeAdapter), from CORS_ORIGINS.
@WebSocketGateway({ namespace: '/live', pingInterval: 10_000, pingTimeout: 5_000 })
export class LiveGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger('LiveGateway');
  private readonly states = new Map<string, SocketState>();
  @WebSocketServer() server: LiveNamespace;

  constructor(
    private readonly accounts: AccountsService,
    private readonly relay: LogRelay,
    private readonly presence: PresenceService,
    private readonly stats: StatsService,
    private readonly live: LiveRepository,
    private readonly access: EventAccess,
    private readonly events: EventsRepository,
    private readonly connections: ConnectionsService,
    private readonly pitch: PitchService,
    private readonly notifications: NotificationRelay,
    private readonly calls: MeetingCalls,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: LiveNamespace): void {
    this.presence.attach(server, Boolean(this.config.redisUrl));
    this.stats.attach(server);
    this.calls.attach(server);
    this.relay.onDelivered = (eventId) => this.stats.markDirty(eventId);
    this.presence.onChanged = (eventId) => this.stats.markDirty(eventId);
    // Authentication happens in the handshake: a refused socket never connects.
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0) {
        return next(refusal(ErrorCode.UNAUTHENTICATED, 'Send the access token in the handshake (auth.token): io(url, { auth: { token } })'));
      }
      this.accounts.authenticate(token).then(
        (actor) => {
          const state: SocketState = { actor, bucket: new TokenBucket(RATE, Date.now()), rooms: new Map(), views: new Map() };
          this.states.set(socket.id, state);
          socket.data = { userId: actor.userId, presence: {} };
          // Every packet passes the rate limit before any handler sees it, whatever its name.
          socket.use((packet, admit) => this.limit(socket, state, packet, admit));
          // Which node holds whose socket, for tracing a user across nodes (LOG_LEVEL=debug).
          this.logger.debug(`socket ${socket.id} connected for user ${actor.userId}`);
          // The user's own notifications arrive from the moment it connects (notifications.subscribe replays older ones).
          this.notifications.follow(socket, actor.userId).then(
            () => next(),
            (error: unknown) => {
              const ack = errorAck(error);
              next(ack.ok ? undefined : refusal(ack.error.code, ack.error.message));
            },
          );
        },
        // The socket mapping decides the code (e.g. DATABASE_UNAVAILABLE while PostgreSQL restarts: retry).
        (error: unknown) => {
          const ack = errorAck(error);
          next(ack.ok ? undefined : refusal(ack.error.code, ack.error.message));
        },
      );
    });
  }

  handleDisconnect(socket: LiveSocket): void {
    const state = this.states.get(socket.id);
    this.states.delete(socket.id);
    this.relay.unsubscribe(socket);
    this.calls.disconnected(socket.id);
    if (!state) return;
    this.notifications.unfollow(socket, state.actor.userId);
    const presence = (socket.data as { presence?: Record<string, PresentSocket> }).presence ?? {};
    for (const [roomId, eventId] of state.rooms) {
      const identity = presence[roomId];
      if (identity) this.presence.linger(roomId, eventId, identity);
    }
  }

  @SubscribeMessage('event.subscribe')
  subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<SubscribeResult>> {
    return this.run(socket, async (actor, state) => {
      const { eventId, afterSeq } = await parsePayload(SubscribePayload, body);
      const viewer = await this.viewer(actor, eventId, state);
      await socket.join(`event:${eventId}`);
      if (viewer.staff) await socket.join(`event:${eventId}:staff`);
      const lastSeq = await this.relay.subscribe(socket, eventId, viewer, afterSeq, () => this.viewer(actor, eventId, state));
      if (viewer.staff) this.stats.markDirty(eventId);
      return { eventId, lastSeq, staff: viewer.staff };
    });
  }

  @SubscribeMessage('notifications.subscribe')
  subscribeNotifications(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<NotificationsSubscribeResult>> {
    return this.run(socket, async (actor) => {
      const { afterId } = await parsePayload(NotificationsSubscribePayload, body ?? {});
      return { lastId: await this.notifications.replay(socket, actor.userId, afterId) };
    });
  }

  @SubscribeMessage('room.join')
  joinRoom(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<RoomJoinResult>> {
    return this.run(socket, async (actor, state) => {
      const { roomId } = await parsePayload(RoomPayload, body);
      const room = await this.live.room(roomId);
      if (!room) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'roomId', message: 'no such room' }]);
      // Closing an event closes its rooms (same transaction): nobody enters one afterwards.
      if (room.status === 'closed') throw new DomainError(ErrorCode.EVENT_CLOSED, 'This event is closed, and so are its rooms');
      const eventId = room.eventId;
      // What event.subscribe learned (kept fresh by the relay); read it now if the client did not subscribe.
      const view = state.views.get(eventId) ?? {
        staff: (await this.access.roleOf(actor, eventId)) !== null,
        registrations: await this.live.registrationsOf(eventId, actor.userId),
      };
      const staff = view.staff;
      const mine = view.registrations.find((r) => r.status === 'approved' && r.roomId === roomId);
      if (!staff && !mine) throw DomainError.forbidden('You may join the room your registration is placed in');
      const identity: PresentSocket = mine
        ? { userId: actor.userId, registrationId: mine.registrationId, enterpriseName: mine.enterpriseName, venueId: mine.venueId, side: mine.side, staff }
        : { userId: actor.userId, registrationId: null, enterpriseName: {}, venueId: null, side: null, staff: true };
      (socket.data as { presence: Record<string, PresentSocket> }).presence[roomId] = identity;
      state.rooms.set(roomId, eventId);
      await socket.join([`room:${roomId}`, `event:${eventId}:present`]);
      this.presence.schedule(roomId, eventId);
      return { presence: await this.presence.snapshotOrLocal(roomId), pitch: await this.pitch.state(roomId) };
    });
  }

  @SubscribeMessage('room.leave')
  leaveRoom(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<RoomRequest>> {
    return this.run(socket, async (_actor, state) => {
      const { roomId } = await parsePayload(RoomPayload, body);
      const eventId = state.rooms.get(roomId);
      if (!eventId) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'roomId', message: 'you are not in this room' }]);
      delete (socket.data as { presence: Record<string, PresentSocket> }).presence[roomId];
      state.rooms.delete(roomId);
      await socket.leave(`room:${roomId}`);
      if (![...state.rooms.values()].includes(eventId)) await socket.leave(`event:${eventId}:present`);
      this.presence.schedule(roomId, eventId);
      return { roomId };
    });
  }

  @SubscribeMessage('pitch.enqueue')
  enqueue(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<PitchState>> {
    return this.run(socket, async (actor) => this.pitch.enqueue(actor, (await parsePayload(RoomPayload, body)).roomId));
  }

  @SubscribeMessage('pitch.next')
  next(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<PitchState>> {
    return this.run(socket, async (actor) => this.pitch.next(actor, (await parsePayload(RoomPayload, body)).roomId));
  }

  @SubscribeMessage('connection.request')
  requestConnection(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<ConnectionView>> {
    return this.run(socket, async (actor) => {
      const input = await parsePayload(ConnectionRequestPayload, body);
      const eventId = await this.live.registrationEvent(input.toRegistrationId);
      if (!eventId) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'toRegistrationId', message: 'no such registration' }]);
      let from = input.fromRegistrationId;
      if (!from) {
        const mine = (await this.live.registrationsOf(eventId, actor.userId)).filter((r) => r.status === 'approved');
        if (mine.length === 0) throw DomainError.forbidden('You have no approved registration in this event');
        if (mine.length > 1) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'fromRegistrationId', message: 'is needed: you have several registrations here' }]);
        from = mine[0].registrationId;
      }
      const result = await this.connections.request(actor, eventId, { fromRegistrationId: from, toRegistrationId: input.toRegistrationId, message: input.message });
      return result.body;
    });
  }

  @SubscribeMessage('connection.respond')
  respond(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<LiveAckData<'connection.respond'>>> {
    return this.run(socket, async (actor) => {
      const { connectionId, accept } = await parsePayload(ConnectionRespondPayload, body);
      return accept ? this.connections.accept(actor, connectionId) : this.connections.decline(actor, connectionId);
    });
  }

  @SubscribeMessage('meeting.join')
  joinMeeting(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<MeetingJoinResult>> {
    return this.run(socket, async (actor) => this.calls.join(socket, actor, (await parsePayload(MeetingCallPayload, body)).meetingId));
  }

  @SubscribeMessage('meeting.signal')
  signal(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<{ to: string }>> {
    return this.run(socket, async () => {
      const { meetingId, to, data } = await parsePayload(MeetingSignalPayload, body);
      if (JSON.stringify(data).length > MAX_SIGNAL_BYTES)
        throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'data', message: `must be at most ${MAX_SIGNAL_BYTES} bytes of JSON` }]);
      return this.calls.signal(socket, meetingId, to, data);
    });
  }

  @SubscribeMessage('meeting.leave')
  leaveMeeting(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<Ack<MeetingCallRequest>> {
    return this.run(socket, async () => this.calls.leave(socket, (await parsePayload(MeetingCallPayload, body)).meetingId));
  }

  /** Tells this node's clients to reconnect elsewhere, then lets them go (graceful shutdown). */
  farewell(): void {
    this.server.local.emit('shutdown', { reconnect: true, message: 'This server is restarting; reconnect (another node will take you)' });
    this.presence.clear();
  }

  /**
   * The rate limit, as each packet arrives (before its handler is even queued). A refused
   * event is answered RATE_LIMITED and not run. Abuse is decided once: one log line, and the
   * socket goes once the answers given so far are out; what it sent after the decision is
   * dropped, neither run nor answered.
   */
  private limit(socket: LiveSocket, state: SocketState, packet: unknown[], admit: (error?: Error) => void): void {
    const decision = state.bucket.take(Date.now());
    if (decision === 'allow') return admit();
    if (decision === 'dropped') return;
    if (decision === 'disconnect') {
      this.logger.warn(`disconnecting ${socket.id} (user ${state.actor.userId}) for flooding`);
      setImmediate(() => socket.disconnect(true));
    }
    const answer = packet[packet.length - 1];
    if (typeof answer === 'function') (answer as (ack: ReturnType<typeof errorAck>) => void)(errorAck(new DomainError(ErrorCode.RATE_LIMITED, 'Too many messages; slow down')));
  }

  /** Run and answer with an acknowledgement; errors never disconnect (abuse does, see limit). */
  private async run<T>(socket: LiveSocket, work: (actor: Actor, state: SocketState) => Promise<T>): Promise<Ack<T>> {
    const state = this.states.get(socket.id);
    if (!state) return errorAck(new DomainError(ErrorCode.UNAUTHENTICATED, 'Not authenticated'));
    try {
      return { ok: true, data: await work(state.actor, state) };
    } catch (error) {
      return errorAck(error);
    }
  }

  /** What an actor may see of an event: all as staff, else its own registrations' share (remembered for room.join). */
  private async viewer(actor: Actor, eventId: string, state: SocketState): Promise<LiveViewer> {
    const event = await this.events.findById(eventId);
    if (!event) throw DomainError.invalidFields(ErrorCode.NOT_FOUND, [{ field: 'eventId', message: 'no such event' }]);
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    const registrations = await this.live.registrationsOf(eventId, actor.userId);
    if (!staff && registrations.length === 0) throw DomainError.forbidden('You are not registered for this event');
    state.views.set(eventId, { staff, registrations });
    return {
      staff,
      registrationIds: new Set(registrations.map((r) => r.registrationId)),
      roomIds: new Set(registrations.filter((r) => r.status === 'approved' && r.roomId).map((r) => r.roomId!)),
    };
  }
}

/** A handshake refusal the client reads as `connect_error`: `err.message`, `err.data.code`. */
function refusal(code: string, message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}
