/**
 * When a meeting's video call may be joined: from `opensMinutes` before its
 * start until `closesMinutes` after its end (MEETING_ROOM_OPENS_MINUTES,
 * MEETING_ROOM_CLOSES_MINUTES). Only joining is gated: a call under way is not
 * cut at the close.
 */
export interface CallWindow {
  opensAt: Date;
  closesAt: Date;
}

export function callWindow(meeting: { startsAt: Date; endsAt: Date }, rules: { opensMinutes: number; closesMinutes: number }): CallWindow {
  return {
    opensAt: new Date(meeting.startsAt.getTime() - rules.opensMinutes * 60_000),
    closesAt: new Date(meeting.endsAt.getTime() + rules.closesMinutes * 60_000),
  };
}

/** `early` before it opens, `late` once it closed (the close itself is late). */
export function windowState(window: CallWindow, now: Date): 'early' | 'open' | 'late' {
  if (now < window.opensAt) return 'early';
  if (now >= window.closesAt) return 'late';
  return 'open';
}

/** At most this many peers in one call: the two parties, an interpreter and one staff member (a mesh of 4 is 3 uplinks each). */
export const MEETING_CALL_CAPACITY = 4;
