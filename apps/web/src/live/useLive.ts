import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ack, ConnectionView, LiveAckData, LiveCall, LivePayload, LiveStats, LogEntry, MeetingCallJoined, PitchState, Presence } from '@tradebridge/contracts';
import { ApiError } from '../api/client';
import { acquireLiveSocket, listen, LiveSocket, releaseLiveSocket } from './socket';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** Subscribe errors that retrying cannot fix. */
const REFUSALS = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED']);

export interface LiveHandlers {
  onLog?: (entry: LogEntry) => void;
  onConnection?: (connection: ConnectionView) => void;
  /** A party joined one of the event's meeting calls (staff subscriptions only). */
  onMeetingCall?: (joined: MeetingCallJoined) => void;
}

export interface Live {
  status: LiveStatus;
  /** The subscription sees everything (the user is staff of the event). */
  staff: boolean;
  presence: Record<string, Presence>;
  pitch: Record<string, PitchState>;
  stats: LiveStats | null;
  /** A client → server event; resolves with the ack's data, rejects with an ApiError. */
  call<E extends LiveCall>(name: E, payload: LivePayload<E>): Promise<LiveAckData<E>>;
}

/** One acknowledged emit, its answer typed by the protocol's map. */
function emitAck<E extends LiveCall>(socket: LiveSocket, name: E, payload: LivePayload<E>): Promise<Ack<LiveAckData<E>>> {
  // Socket.IO's typings cannot follow a generic event name to its payload and ack: the map's types, restated.
  const timed = socket.timeout(8_000) as unknown as { emitWithAck(name: E, payload: LivePayload<E>): Promise<Ack<LiveAckData<E>>> };
  return timed.emitWithAck(name, payload);
}

/**
 * An event on the tab's socket of `/live` (shared with the bell), following
 * docs/realtime.md §7: subscribe on every connect with the last seq seen, re-join
 * the rooms, take presence and pitch from the join acks, upsert connections.
 */
export function useLive(eventId: string | null, rooms: string[], handlers: LiveHandlers = {}): Live {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [staff, setStaff] = useState(false);
  const [presence, setPresence] = useState<Record<string, Presence>>({});
  const [pitch, setPitch] = useState<Record<string, PitchState>>({});
  const [stats, setStats] = useState<LiveStats | null>(null);
  const socketRef = useRef<LiveSocket | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const wanted = useRef<Set<string>>(new Set());
  const joined = useRef<Set<string>>(new Set());
  const roomKey = [...rooms].sort().join(',');

  const emit = useCallback(async <E extends LiveCall>(socket: LiveSocket, name: E, payload: LivePayload<E>): Promise<LiveAckData<E>> => {
    let answer: Ack<LiveAckData<E>>;
    try {
      answer = await emitAck(socket, name, payload);
    } catch {
      throw new ApiError(0, 'NETWORK', 'The live server did not answer');
    }
    if (!answer.ok) throw new ApiError(0, answer.error.code, answer.error.message, answer.error.fields ?? []);
    return answer.data;
  }, []);

  const join = useCallback(
    async (socket: LiveSocket, roomId: string) => {
      const data = await emit(socket, 'room.join', { roomId });
      joined.current.add(roomId);
      setPresence((prev) => ({ ...prev, [roomId]: data.presence }));
      setPitch((prev) => ({ ...prev, [roomId]: data.pitch }));
    },
    [emit],
  );

  useEffect(() => {
    if (!eventId) return;
    let lastSeq: number | undefined;
    const socket = acquireLiveSocket();
    socketRef.current = socket;
    setStatus('connecting');

    const onLog = (entry: LogEntry) => {
      if (entry.eventId !== eventId) return;
      if (lastSeq !== undefined && entry.seq <= lastSeq) return;
      lastSeq = entry.seq;
      handlersRef.current.onLog?.(entry);
    };
    const onConnection = (connection: ConnectionView) => {
      if (connection.eventId === eventId) handlersRef.current.onConnection?.(connection);
    };
    const onMeetingCall = (joined: MeetingCallJoined) => {
      if (joined.eventId === eventId) handlersRef.current.onMeetingCall?.(joined);
    };
    const onPitch = (state: PitchState) => setPitch((prev) => ({ ...prev, [state.roomId]: state }));
    const onPresence = (snapshot: Presence) => setPresence((prev) => ({ ...prev, [snapshot.roomId]: snapshot }));
    const onStats = (next: LiveStats) => {
      if (next.eventId === eventId) setStats(next);
    };
    const onConnect = async () => {
      joined.current.clear();
      try {
        const sub = await emit(socket, 'event.subscribe', lastSeq === undefined ? { eventId } : { eventId, afterSeq: lastSeq });
        lastSeq = Math.max(lastSeq ?? 0, sub.lastSeq);
        setStaff(sub.staff);
        // Live as soon as the log flows; the rooms' presence arrives as each join is answered.
        setStatus('live');
        await Promise.all([...wanted.current].map((roomId) => join(socket, roomId).catch(() => undefined)));
      } catch (error) {
        // Refused for good only when the server says so; a slow or failed answer is tried again.
        if (error instanceof ApiError && REFUSALS.has(error.code)) {
          setStatus('refused');
          return;
        }
        setStatus('reconnecting');
        setTimeout(() => {
          if (socketRef.current === socket && socket.connected) socket.disconnect().connect();
        }, 1_000);
      }
    };
    const unlisten = listen(socket, {
      log: onLog,
      connection: onConnection,
      'meeting.call': onMeetingCall,
      pitch: onPitch,
      presence: onPresence,
      stats: onStats,
      connect: () => void onConnect(),
      disconnect: () => setStatus('reconnecting'),
      connect_error: () => setStatus(socket.active ? 'reconnecting' : 'refused'),
    });
    // The bell may have connected the shared socket already.
    if (socket.connected) void onConnect();
    return () => {
      unlisten();
      socketRef.current = null;
      joined.current.clear();
      // The event's subscription and rooms end with the page: the server forgets them on a reconnect.
      releaseLiveSocket(socket, { reset: true });
    };
  }, [eventId, emit, join]);

  // Join the rooms asked for, leave the ones no longer wanted.
  useEffect(() => {
    const next = new Set(roomKey ? roomKey.split(',') : []);
    const socket = socketRef.current;
    const before = wanted.current;
    wanted.current = next;
    if (!socket?.connected) return;
    for (const roomId of next) if (!joined.current.has(roomId)) join(socket, roomId).catch(() => undefined);
    for (const roomId of before) {
      if (next.has(roomId) || !joined.current.has(roomId)) continue;
      joined.current.delete(roomId);
      emit(socket, 'room.leave', { roomId }).catch(() => undefined);
    }
  }, [roomKey, join, emit]);

  const call = useCallback(
    <E extends LiveCall>(name: E, payload: LivePayload<E>): Promise<LiveAckData<E>> => {
      const socket = socketRef.current;
      if (!socket?.connected) return Promise.reject(new ApiError(0, 'NETWORK', 'Not connected to the live server'));
      return emit(socket, name, payload);
    },
    [emit],
  );

  return { status, staff, presence, pitch, stats, call };
}
