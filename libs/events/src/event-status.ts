import type { EventStatus } from '@tradebridge/contracts';

/**
 * The event lifecycle: draft → registration_open → live → closed. Registration
 * may be paused (back to draft) before the event goes live; closed is final.
 */
const NEXT: Record<EventStatus, EventStatus[]> = {
  draft: ['registration_open'],
  registration_open: ['draft', 'live'],
  live: ['closed'],
  closed: [],
};

export function canTransition(from: EventStatus, to: EventStatus): boolean {
  return NEXT[from].includes(to);
}

export function allowedTransitions(from: EventStatus): EventStatus[] {
  return NEXT[from];
}

/** When enterprises may register (shared with the web app, which offers "Register" only then). */
export { registrationOpen } from '@tradebridge/contracts';
