import type { ConnectionView, FieldProblemBody, Localized, NotificationView } from './index';

/**
 * The socket protocol of `/live` (docs/realtime.md): what each client → server
 * event sends and its acknowledgement answers, and what the server pushes.
 * `ClientToServerEvents` and `ServerToClientEvents` type the gateway's
 * namespace (`Namespace<ClientToServerEvents, ServerToClientEvents>`) and the
 * web app's socket alike, so the two cannot drift apart.
 */

/** A refusal: `code` from the error table, `fields` naming bad payload fields. */
export interface AckError {
  code: string;
  message: string;
  fields?: FieldProblemBody[];
  /** MEETING_ROOM_CLOSED: the window a meeting's call may be joined in. */
  opensAt?: string;
  closesAt?: string;
}

/** Every client → server event answers `{ ok: true, data } | { ok: false, error }` (realtime.md §3). */
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: AckError };

// ---- client → server payloads and ack data (realtime.md §4) ----

export interface SubscribeRequest {
  eventId: string;
  /** Replay the entries after this seq before going live. */
  afterSeq?: number;
}

export interface SubscribeResult {
  eventId: string;
  /** The seq the subscription stands at: every later entry arrives live. */
  lastSeq: number;
  /** The socket receives everything (staff of the event). */
  staff: boolean;
}

export interface RoomRequest {
  roomId: string;
}

export interface RoomJoinResult {
  presence: Presence;
  pitch: PitchState;
}

export interface LiveConnectionRequest {
  toRegistrationId: string;
  /** Needed only when the user has several approved registrations in the event. */
  fromRegistrationId?: string;
  message?: string;
}

export interface LiveConnectionResponse {
  connectionId: string;
  accept: boolean;
}

export interface NotificationsSubscribeRequest {
  /** Replay the user's notifications after this id (the last one the client saw) before going on live. */
  afterId?: number;
}

export interface NotificationsSubscribeResult {
  /** The last notification id sent to this socket: every later one arrives live. */
  lastId: number;
}

// ---- a meeting's video call (realtime.md §4.5, §5.8) ----

export interface MeetingCallRequest {
  meetingId: string;
}

/** An ICE server for `RTCPeerConnection({ iceServers })`: STUN/TURN from ICE_SERVERS, or TURN with time-limited credentials. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * Who is in a call: one socket (a person with two tabs is two peers). `peerId`
 * addresses `meeting.signal`. A party joins for its registration (`side`,
 * `enterpriseName`); staff and the interpreter have none.
 */
export interface CallParticipant {
  peerId: string;
  userId: string;
  role: 'party' | 'interpreter' | 'staff';
  registrationId: string | null;
  side: string | null;
  enterpriseName: Localized | null;
  displayName: string | null;
  joinedAt: string;
}

export interface MeetingJoinResult {
  meetingId: string;
  eventId: string;
  /** This socket as the others see it. */
  self: CallParticipant;
  /** The others already in the call (at most MEETING_CALL_CAPACITY − 1), oldest first. */
  participants: CallParticipant[];
  iceServers: IceServer[];
  /** The window joining is allowed in (realtime.md §4.5). */
  opensAt: string;
  closesAt: string;
}

/** SDP or ICE, relayed untouched to one peer of the same call. */
export interface MeetingSignalData {
  description?: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string };
  candidate?: { candidate?: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null } | null;
}

export interface MeetingSignalRequest {
  meetingId: string;
  /** The peer's `peerId`. */
  to: string;
  data: MeetingSignalData;
}

/** A signal from another peer of the call (§5.8). */
export interface MeetingSignal {
  meetingId: string;
  from: string;
  data: MeetingSignalData;
}

/** A party joined a meeting's call (§5.9): to the event's staff, so the dashboard's slot counts refresh. */
export interface MeetingCallJoined {
  eventId: string;
  meetingId: string;
  registrationId: string;
}

/** Someone joined or left the call (§5.8); not sent to the peer itself. */
export interface MeetingPeerChange {
  meetingId: string;
  change: 'joined' | 'left';
  peer: CallParticipant;
}

// ---- server → client payloads (realtime.md §5) ----

/** An event-log entry as a subscriber may see it (§5.1). */
export interface LogEntry {
  eventId: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

export interface PresenceParticipant {
  registrationId: string;
  enterpriseName: Localized;
  venueId: string;
  side: string;
}

/** A room's presence: a full snapshot, replace it (§5.4). */
export interface Presence {
  roomId: string;
  /** Sorted by registration id; an enterprise counts once. */
  participants: PresenceParticipant[];
  byVenue: Record<string, number>;
  bySide: Record<string, number>;
  /** Distinct staff users watching without a registration in the room. */
  staff: number;
}

export interface PitchEntry {
  registrationId: string;
  enterpriseName: Localized;
  side: string;
  venueId: string;
  enqueuedAt: string;
  startedAt: string | null;
}

/** A room's presentation queue after a change (§5.3). */
export interface PitchState {
  roomId: string;
  current: PitchEntry | null;
  /** In order. */
  queue: PitchEntry[];
}

/** The staff dashboard's figures (§5.5). */
export interface LiveStats {
  eventId: string;
  at: string;
  present: { total: number; byRoom: Record<string, number>; byVenue: Record<string, number>; bySide: Record<string, number> };
  connections: { requested: number; made: number; byRoom: { roomId: string | null; requested: number; made: number }[] };
  timeline: { minute: string; made: number }[];
}

/** Sent by a node that is shutting down (§5.6). */
export interface LiveShutdown {
  reconnect: boolean;
  message: string;
}

type Call<Payload, Data> = (payload: Payload, ack: (answer: Ack<Data>) => void) => void;

/** Client → server events, each acknowledged (§4). */
export interface ClientToServerEvents {
  'event.subscribe': Call<SubscribeRequest, SubscribeResult>;
  'room.join': Call<RoomRequest, RoomJoinResult>;
  'room.leave': Call<RoomRequest, RoomRequest>;
  'pitch.enqueue': Call<RoomRequest, PitchState>;
  'pitch.next': Call<RoomRequest, PitchState>;
  'connection.request': Call<LiveConnectionRequest, ConnectionView>;
  'connection.respond': Call<LiveConnectionResponse, ConnectionView>;
  'notifications.subscribe': Call<NotificationsSubscribeRequest, NotificationsSubscribeResult>;
  'meeting.join': Call<MeetingCallRequest, MeetingJoinResult>;
  'meeting.signal': Call<MeetingSignalRequest, { to: string }>;
  'meeting.leave': Call<MeetingCallRequest, MeetingCallRequest>;
}

/** Server → client events (§5). */
export interface ServerToClientEvents {
  log: (entry: LogEntry) => void;
  connection: (connection: ConnectionView) => void;
  pitch: (state: PitchState) => void;
  presence: (presence: Presence) => void;
  stats: (stats: LiveStats) => void;
  shutdown: (farewell: LiveShutdown) => void;
  /** One of the user's own notifications, in their language and zone (§5.7). */
  notification: (notification: NotificationView) => void;
  'meeting.signal': (signal: MeetingSignal) => void;
  'meeting.peer': (change: MeetingPeerChange) => void;
  'meeting.call': (joined: MeetingCallJoined) => void;
}

export type LiveCall = keyof ClientToServerEvents;
/** What a client → server event sends. */
export type LivePayload<E extends LiveCall> = Parameters<ClientToServerEvents[E]>[0];
/** What its acknowledgement's `data` holds. */
export type LiveAckData<E extends LiveCall> = Parameters<ClientToServerEvents[E]>[1] extends (answer: Ack<infer T>) => void ? T : never;
