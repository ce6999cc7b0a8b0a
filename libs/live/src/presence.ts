import type { Presence } from '@tradebridge/contracts';

/** A room's presence (the socket protocol's type, libs/contracts live.ts). */
export type { Presence };

/** One live socket in a room, as the presence view needs it. */
export interface PresentSocket {
  userId: string;
  registrationId: string | null;
  enterpriseName: Record<string, string>;
  venueId: string | null;
  side: string | null;
  staff: boolean;
}

/**
 * Who is in a room: enterprises (a registration counts once however many tabs
 * or members it has open), counted by venue and by side; staff watching are
 * counted apart. Sorted by registration id so snapshots compare equal.
 */
export function presenceOf(roomId: string, sockets: PresentSocket[]): Presence {
  const participants = new Map<string, Presence['participants'][number]>();
  const staffUsers = new Set<string>();
  for (const s of sockets) {
    if (s.staff && !s.registrationId) {
      staffUsers.add(s.userId);
      continue;
    }
    if (s.registrationId && s.venueId && s.side && !participants.has(s.registrationId)) {
      participants.set(s.registrationId, { registrationId: s.registrationId, enterpriseName: s.enterpriseName, venueId: s.venueId, side: s.side });
    }
  }
  const list = [...participants.values()].sort((a, b) => (a.registrationId < b.registrationId ? -1 : 1));
  const byVenue: Record<string, number> = {};
  const bySide: Record<string, number> = {};
  for (const p of list) {
    byVenue[p.venueId] = (byVenue[p.venueId] ?? 0) + 1;
    bySide[p.side] = (bySide[p.side] ?? 0) + 1;
  }
  return { roomId, participants: list, byVenue, bySide, staff: staffUsers.size };
}
