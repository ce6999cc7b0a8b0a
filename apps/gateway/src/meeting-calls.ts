import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { CallParticipant, MeetingJoinResult, MeetingSignalData } from '@tradebridge/contracts';
import { Actor, DomainError, ErrorCode } from '@tradebridge/core';
import { CALL_SEEN_SECONDS, MeetingCallService } from '@tradebridge/live';
import { LiveNamespace, LiveSocket } from './live-socket';

/** The Socket.IO room of a meeting's call, and each peer's own room in it (what `meeting.signal` is sent to). */
const callRoom = (meetingId: string) => `meeting:${meetingId}`;
const peerRoom = (meetingId: string, peerId: string) => `meeting:${meetingId}:peer:${peerId}`;

/**
 * Signalling of online meetings' video calls (docs/realtime.md §4.5). Rooms do
 * the routing, so it works across gateway nodes through the Redis adapter: the
 * call's room carries `meeting.peer`, and a peer's own room in the call carries
 * the signals addressed to it, so a signal reaches only a socket that joined
 * that call. This node keeps which of its sockets are in which call, writes
 * their sessions, and refreshes `seen_at` of all of them in one statement.
 */
@Injectable()
export class MeetingCalls implements OnModuleDestroy {
  private readonly logger = new Logger('MeetingCalls');
  /** socket id → meeting id → the socket as the call sees it. */
  private readonly inCall = new Map<string, Map<string, CallParticipant>>();
  private timer: NodeJS.Timeout | null = null;
  private server: LiveNamespace | null = null;

  constructor(private readonly calls: MeetingCallService) {}

  attach(server: LiveNamespace): void {
    this.server = server;
    this.timer = setInterval(() => void this.refresh(), CALL_SEEN_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async join(socket: LiveSocket, actor: Actor, meetingId: string): Promise<MeetingJoinResult> {
    const result = await this.calls.join(actor, meetingId, socket.id);
    const mine = this.inCall.get(socket.id) ?? new Map<string, CallParticipant>();
    const again = mine.has(meetingId);
    mine.set(meetingId, result.self);
    this.inCall.set(socket.id, mine);
    // In both rooms before the answer: whatever the others send from now on reaches this socket.
    await socket.join([callRoom(meetingId), peerRoom(meetingId, socket.id)]);
    if (!again) socket.to(callRoom(meetingId)).emit('meeting.peer', { meetingId, change: 'joined', peer: result.self });
    // The event's staff see the slot's meetings under way (the dashboard refetches its counts).
    if (!again && result.self.registrationId) {
      this.server?.to(`event:${result.eventId}:staff`).emit('meeting.call', { eventId: result.eventId, meetingId, registrationId: result.self.registrationId });
    }
    return result;
  }

  signal(socket: LiveSocket, meetingId: string, to: string, data: MeetingSignalData): { to: string } {
    if (!this.inCall.get(socket.id)?.has(meetingId)) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'meetingId', message: 'join this call first (meeting.join)' }]);
    if (to === socket.id) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'to', message: 'is yourself' }]);
    // A peer that is not (or no longer) in the call is in no such room: the signal goes nowhere.
    this.server!.to(peerRoom(meetingId, to)).emit('meeting.signal', { meetingId, from: socket.id, data });
    return { to };
  }

  async leave(socket: LiveSocket, meetingId: string): Promise<{ meetingId: string }> {
    const self = this.inCall.get(socket.id)?.get(meetingId);
    if (!self) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'meetingId', message: 'you are not in this call' }]);
    this.forget(socket.id, meetingId);
    await socket.leave(callRoom(meetingId));
    await socket.leave(peerRoom(meetingId, socket.id));
    await this.calls.leave(meetingId, socket.id);
    this.server!.to(callRoom(meetingId)).emit('meeting.peer', { meetingId, change: 'left', peer: self });
    return { meetingId };
  }

  /** The socket is gone (Socket.IO already took it out of its rooms): end its sessions and tell the others. */
  disconnected(socketId: string): void {
    const mine = this.inCall.get(socketId);
    if (!mine) return;
    this.inCall.delete(socketId);
    for (const [meetingId, self] of mine) {
      this.server?.to(callRoom(meetingId)).emit('meeting.peer', { meetingId, change: 'left', peer: self });
      // If this fails (the database is down), the row goes stale and counts only until its seen_at.
      this.calls.leave(meetingId, socketId).catch((error: unknown) => this.logger.warn(`could not end the call session of ${socketId}: ${String(error)}`));
    }
  }

  private forget(socketId: string, meetingId: string): void {
    const mine = this.inCall.get(socketId);
    mine?.delete(meetingId);
    if (mine?.size === 0) this.inCall.delete(socketId);
  }

  private async refresh(): Promise<void> {
    try {
      await this.calls.seen([...this.inCall.keys()]);
    } catch (error) {
      this.logger.warn(`could not refresh call sessions: ${String(error)}`);
    }
  }
}
