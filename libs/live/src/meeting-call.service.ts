import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, Database, DomainError, ErrorCode } from '@tradebridge/core';
import { EventAccess } from '@tradebridge/events';
import type { CallParticipant, IceServer, MeetingJoinResult } from '@tradebridge/contracts';
import { callWindow, MEETING_CALL_CAPACITY, windowState } from './call-window';
import { MeetingCallRepository } from './meeting-call.repository';
import { turnCredentials } from './turn-credentials';

/** How often a gateway refreshes `seen_at` of its sockets' open sessions. */
export const CALL_SEEN_SECONDS = 20;
/** An open session not seen for this long (its node died) no longer takes a place in the call. */
export const CALL_FRESH_SECONDS = 3 * CALL_SEEN_SECONDS;

/**
 * Who may be in an online meeting's video call, and when. Members of the two
 * parties' enterprises join for their registration, the event's staff as
 * staff; anyone else: 403 NOT_A_PARTICIPANT. Only an online meeting that is
 * not cancelled has a call (409 NOT_AN_ONLINE_MEETING), joined within its
 * window (409 MEETING_ROOM_CLOSED, saying when it opens) by at most
 * MEETING_CALL_CAPACITY sockets (409 MEETING_CALL_FULL). The session row is
 * written in the same transaction as the capacity check.
 */
@Injectable()
export class MeetingCallService {
  constructor(
    private readonly db: Database,
    private readonly calls: MeetingCallRepository,
    private readonly access: EventAccess,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async join(actor: Actor, meetingId: string, socketId: string): Promise<MeetingJoinResult> {
    const meeting = await this.calls.meeting(meetingId, actor.userId);
    if (!meeting) throw DomainError.notFound('Meeting', meetingId);
    const party = meeting.parties.find((p) => p.mine);
    const staff = party ? false : (await this.access.roleOf(actor, meeting.eventId)) !== null;
    // The meeting's interpreter (interpreters issue, not built yet) joins here as role 'interpreter', registrationId null.
    if (!party && !staff) throw new DomainError(ErrorCode.NOT_A_PARTICIPANT, 'Only the two parties of this meeting and the event’s staff may join its call');
    if (meeting.mode !== 'online' || meeting.status === 'cancelled') {
      throw new DomainError(
        ErrorCode.NOT_AN_ONLINE_MEETING,
        meeting.status === 'cancelled' ? 'This meeting was cancelled' : 'This meeting is held on site, at its table: it has no video call',
      );
    }
    const window = callWindow(meeting, this.config.calls);
    const state = windowState(window, this.clock.now());
    if (state !== 'open') {
      const when = { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() };
      throw new DomainError(
        ErrorCode.MEETING_ROOM_CLOSED,
        state === 'early' ? `The call opens at ${when.opensAt}, ${this.config.calls.opensMinutes} minutes before the meeting` : `The call closed at ${when.closesAt}`,
        when,
      );
    }
    const role: CallParticipant['role'] = party ? 'party' : 'staff';
    const everyone = await this.db.transaction(async (tx) => {
      await this.calls.lockMeeting(tx, meetingId);
      const present = await this.calls.participants(meetingId, CALL_FRESH_SECONDS, tx);
      if (present.some((p) => p.peerId === socketId)) return present;
      if (present.length >= MEETING_CALL_CAPACITY) throw new DomainError(ErrorCode.MEETING_CALL_FULL, `This call already has ${MEETING_CALL_CAPACITY} participants`);
      await this.calls.open(tx, { meetingId, userId: actor.userId, registrationId: party?.registrationId ?? null, role, socketId });
      return this.calls.participants(meetingId, CALL_FRESH_SECONDS, tx);
    });
    const self = everyone.find((p) => p.peerId === socketId)!;
    return {
      meetingId,
      eventId: meeting.eventId,
      self,
      participants: everyone.filter((p) => p.peerId !== socketId),
      iceServers: this.iceServers(actor.userId),
      opensAt: window.opensAt.toISOString(),
      closesAt: window.closesAt.toISOString(),
    };
  }

  /** ICE_SERVERS as configured, plus TURN with credentials of this user's own (participants only: called after the checks). */
  private iceServers(userId: string): IceServer[] {
    const turn = this.config.calls.turn;
    return [...this.config.calls.iceServers, ...(turn ? [turnCredentials(turn, userId, this.clock.now())] : [])];
  }

  leave(meetingId: string, socketId: string): Promise<void> {
    return this.calls.close(meetingId, socketId);
  }

  seen(socketIds: string[]): Promise<void> {
    return this.calls.seen(socketIds);
  }
}
