import type { Localized } from '@tradebridge/contracts';

/** Socket payloads of `/live` (docs/realtime.md §5); not yet exported by libs/contracts. */

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: { field: string; message: string }[] } };

export interface LogEntry {
  eventId: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

export interface Presence {
  roomId: string;
  participants: { registrationId: string; enterpriseName: Localized; venueId: string; side: string }[];
  byVenue: Record<string, number>;
  bySide: Record<string, number>;
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

export interface PitchState {
  roomId: string;
  current: PitchEntry | null;
  queue: PitchEntry[];
}

export interface LiveStats {
  eventId: string;
  at: string;
  present: { total: number; byRoom: Record<string, number>; byVenue: Record<string, number>; bySide: Record<string, number> };
  connections: { requested: number; made: number; byRoom: { roomId: string | null; requested: number; made: number }[] };
  timeline: { minute: string; made: number }[];
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';
