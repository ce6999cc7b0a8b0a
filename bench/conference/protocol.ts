/**
 * Messages between the conference benchmark (bench/conference.ts) and its
 * socket holder (./clients.ts). Times are wall-clock milliseconds comparable
 * across the processes of one machine (`now()` of bench/gateway/protocol).
 */
import type { Summary } from '../gateway/protocol';

/** A member (registrationId and roomId set) or a staff dashboard (neither). */
export interface ConferenceClientSpec {
  eventId: string;
  token: string;
  registrationId?: string;
  roomId?: string;
}

/** [connection id, status (or log type after `connection.`), receiving registration id or 'staff', time]. */
export type Receipt = [string, string, string, number];

export interface PresenceFigures {
  changes: number;
  /** Room members that should have seen a change (summed over changes), and how many never did. */
  expectedDeliveries: number;
  missing: number;
  ackErrors: number;
  firstAckError?: string;
  /** From the changing client's acknowledgement to each room member's `presence` (clamped at 0). */
  fromAck: Summary;
  /** From the changing client's emit. */
  fromEmit: Summary;
}

export type ToConferenceClients =
  | { t: 'connect'; url: string; specs: ConferenceClientSpec[]; concurrency: number; timeoutMs: number }
  /**
   * Churns presence for `warmupMs + ms`, recording only after the warm-up; then keeps recording
   * until `stop` (the driver sends it once every change it made has had `drainMs` to arrive) and answers.
   */
  | { t: 'run'; warmupMs: number; ms: number; drainMs: number; changesPerSec: number; holdMs: number }
  | { t: 'stop' }
  | { t: 'close' };

/** A socket that closed while recording: which registration (or 'staff') and when. */
export interface Drop {
  who: string;
  at: number;
  reason: string;
}

export type FromConferenceClients =
  /** `members`: the registrations whose socket connected, subscribed and joined (the driver picks partners among them only). */
  | { t: 'connected'; ok: number; failed: number; errors: string[]; ms: number; members: string[] }
  | {
      t: 'result';
      windowMs: number;
      /** Messages received by all sockets during the run, by event name. */
      counts: Record<string, number>;
      presence: PresenceFigures;
      connectionReceipts: Receipt[];
      logReceipts: Receipt[];
      /** `notification`s about a connection: [connection id, kind after `connection.`, receiver, time]. */
      notificationReceipts: Receipt[];
      /** When recording stopped, and the sockets that closed before that (they are not reopened). */
      stoppedAt: number;
      drops: Drop[];
    }
  | { t: 'closed' }
  | { t: 'fatal'; message: string };
