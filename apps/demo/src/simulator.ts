import { io, Socket } from 'socket.io-client';
import type { ConnectionView, Locale, Page, RecommendationView } from '@tradebridge/contracts';
import { ApiClient, ApiError, inParallel, isCode, Session } from './api-client';
import { RoomKey, ROOMS, STAFF } from './conference';
import { GOODS } from './goods';
import { DemoAccounts, emailOf, LoadedConference, Participant } from './loader';
import { ANY_GOODS, fill, RECORDED_NOTES, REQUEST_MESSAGES } from './phrases';
import { SeededRandom } from './seeded-random';

/**
 * Plays the conference live so its dashboard moves: simulated representatives
 * (one Socket.IO client each, on `/live`) join their sector rooms, queue to
 * present, ask their recommended partners for connections and answer the
 * requests they receive; each room's moderator calls the next presenter and
 * records connections made at the tables; on-site pairs at Lào Cai scan each
 * other's badges; people step out and come back.
 *
 * Everything goes through the public surface (REST and `/live`), as people
 * would. Bounded: a fixed cast, a few pending requests each, timers that stop
 * and sockets that close on `stop()`.
 */

/** The pace at speed 1: about four requests a minute in each room, most of them accepted within a minute. */
export const PACE = {
  /** The cast drifts into the rooms over this long. */
  arrivalMs: 30_000,
  /** In each room, a new request about this often. */
  requestEveryMs: 15_000,
  /** How long a representative takes to answer a request. */
  answerMs: [5_000, 45_000] as const,
  /** The rest of the requests stay unanswered (they expire after CONNECTION_TTL). */
  acceptShare: 0.72,
  declineShare: 0.18,
  /** Requests a representative keeps waiting at once (the API allows MAX_PENDING_REQUESTS). */
  pendingPerRepresentative: 3,
  /** Unanswered requests a printed login may collect from the simulation. */
  pendingPerReservedLogin: 3,
  /** A moderator calls the next presenter this often. */
  pitchMs: [20_000, 40_000] as const,
  /** A badge scan between on-site enterprises at Lào Cai about this often. */
  scanEveryMs: 70_000,
  /** In each room, the moderator records a connection made at a table about this often. */
  recordEveryMs: 90_000,
  /** Someone steps out about this often… */
  leaveEveryMs: 20_000,
  /** …and is back after this long. */
  awayMs: [20_000, 90_000] as const,
  /** A progress line this often. */
  reportEveryMs: 60_000,
} as const;

export interface SimulatorOptions {
  apiUrl: string;
  /** Where `/live` is served (the same URL as the API when standalone). */
  liveUrl: string;
  conference: LoadedConference;
  accounts: DemoAccounts;
  /** How many enterprises it plays, one socket each. */
  cast?: number;
  /** Enterprise keys it never plays (their logins are printed); they still receive a few requests. */
  reserved?: string[];
  /** 1 is a believable pace; tests run it many times faster. */
  speed?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** What the simulation has done so far, as the staff stream reported it. */
export interface SimulationTally {
  requested: number;
  accepted: number;
  declined: number;
  scanned: number;
  recorded: number;
  presentations: number;
  errors: number;
}

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
interface PitchState {
  roomId: string;
  current: { registrationId: string } | null;
  queue: { registrationId: string }[];
}

/** A simulated representative of one enterprise. */
interface Representative {
  participant: Participant;
  room: RoomKey;
  locale: Locale;
  session?: Session;
  socket?: Socket;
  present: boolean;
  lastSeq?: number;
  /** My requests still waiting for an answer. */
  waiting: Set<string>;
  /** Requests to me, in the order they arrived, with the latest status seen. */
  received: Map<string, ConnectionView['status']>;
}

/** A room's moderator: runs the presentation queue and records connections made off-line. */
interface Moderator {
  room: RoomKey;
  roomId: string;
  session: Session;
  socket?: Socket;
}

export class ConferenceSimulator {
  readonly tally: SimulationTally = { requested: 0, accepted: 0, declined: 0, scanned: 0, recorded: 0, presentations: 0, errors: 0 };
  private readonly api: ApiClient;
  private readonly aborted = new AbortController();
  private readonly random: SeededRandom;
  private readonly speed: number;
  private readonly log: (line: string) => void;
  private readonly cast: Representative[] = [];
  private readonly byRegistration = new Map<string, Representative>();
  private readonly reserved = new Set<string>();
  private readonly moderators: Moderator[] = [];
  /** Pairs with a live or declined connection (sorted registration ids), so nobody asks twice. */
  private readonly pairs = new Set<string>();
  private readonly reservedWaiting = new Map<string, Set<string>>();
  private readonly connections = new Map<string, ConnectionView['status']>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly madeAt: number[] = [];
  private startSeq = 0;
  private stopped = false;

  constructor(private readonly options: SimulatorOptions) {
    this.api = new ApiClient(options.apiUrl, this.aborted.signal);
    this.random = new SeededRandom(options.seed ?? 19);
    this.speed = options.speed ?? 1;
    this.log = options.log ?? (() => undefined);
  }

  /** Logs everyone in, opens the moderators' sockets, then lets the cast drift in; resolves once the play is running. */
  async start(): Promise<void> {
    const { conference, accounts } = this.options;
    const reservedKeys = new Set(this.options.reserved ?? []);
    for (const p of conference.participants) if (reservedKeys.has(p.enterprise.key)) this.reserved.add(p.registration.id);
    this.chooseCast(conference.participants.filter((p) => !reservedKeys.has(p.enterprise.key) && p.registration.roomId !== null));

    for (const room of Object.keys(ROOMS) as RoomKey[]) {
      const session = await this.api.login(emailOf(STAFF.moderators[room].localPart, accounts), accounts.memberPassword);
      this.moderators.push({ room, roomId: conference.rooms[room].id, session });
    }
    await inParallel(this.cast, 4, async (representative) => {
      const key = representative.participant.enterprise.key;
      representative.session = conference.sessions.get(key) ?? (await this.api.login(representative.participant.email, accounts.memberPassword));
    });
    await Promise.all(this.moderators.map((moderator, i) => this.openModerator(moderator, i === 0)));

    for (const representative of this.cast) this.after(this.random.next() * PACE.arrivalMs, () => this.arrive(representative));
    for (const moderator of this.moderators) {
      this.every(PACE.requestEveryMs, () => this.requestConnection(moderator.room));
      this.every(PACE.recordEveryMs, () => this.recordConnection(moderator));
      const [shortest, longest] = PACE.pitchMs;
      this.every((shortest + longest) / 2, () => this.nextPresenter(moderator), (longest - shortest) / (longest + shortest));
    }
    this.every(PACE.scanEveryMs, () => this.scanBadge());
    this.every(PACE.leaveEveryMs, () => this.stepOut());
    this.every(PACE.reportEveryMs, () => this.report(), 0);
  }

  /**
   * Stops every timer, sends no new request or emit, waits for those already
   * sent to be answered (at most 10 s), then closes every socket, so nothing
   * the simulation did changes the event after `stop()` resolves.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborted.abort();
    // Sockets close only after the answers: an emit already sent (a connection request, say) is
    // still carried out by the gateway, and a socket closed first would stop waiting for it.
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    for (const socket of [...this.cast.map((r) => r.socket), ...this.moderators.map((m) => m.socket)]) socket?.disconnect();
  }

  /** Connections made (accepted, any channel) in the last minute of real time. */
  madeInLastMinute(): number {
    const since = Date.now() - 60_000;
    return this.madeAt.filter((t) => t >= since).length;
  }

  get present(): number {
    return this.cast.filter((r) => r.present).length;
  }

  get castSize(): number {
    return this.cast.length;
  }

  // ---- who plays -----------------------------------------------------------

  /** A cast in the sides' proportions, favouring those checked in at Lào Cai (so badge scans happen). */
  private chooseCast(candidates: Participant[]): void {
    const size = Math.min(this.options.cast ?? 100, candidates.length);
    const mainVenueId = this.options.conference.venues.laoCai.id;
    const weight = (p: Participant) => (p.registration.checkedInAt && p.registration.venueId === mainVenueId ? 3 : 1);
    for (const side of ['VN', 'CN'] as const) {
      const ofSide = candidates.filter((p) => p.registration.side === side);
      const wanted = Math.round((size * ofSide.length) / candidates.length);
      for (let i = 0; i < wanted && ofSide.length > 0; i++) {
        const chosen = this.random.weighted(ofSide, weight);
        ofSide.splice(ofSide.indexOf(chosen), 1);
        const room = (Object.keys(ROOMS) as RoomKey[]).find((key) => this.options.conference.rooms[key].id === chosen.registration.roomId) ?? 'industry';
        const representative: Representative = {
          participant: chosen,
          room,
          locale: side === 'VN' ? 'vi' : 'zh',
          present: false,
          waiting: new Set(),
          received: new Map(),
        };
        this.cast.push(representative);
        this.byRegistration.set(chosen.registration.id, representative);
      }
    }
  }

  // ---- sockets -------------------------------------------------------------

  private socketFor(session: Session): Socket {
    return io(`${this.options.liveUrl}/live`, { auth: { token: session.token }, transports: ['websocket'], forceNew: true, reconnectionDelayMax: 5_000 });
  }

  /**
   * An acknowledged emit that never throws. `OFFLINE` when the socket is not
   * connected, or lost its connection before the answer came (someone stepped
   * out mid-request): part of the play, not a failure.
   */
  private async emit<T>(socket: Socket | undefined, event: string, payload: object): Promise<Ack<T>> {
    const offline = { ok: false as const, error: { code: 'OFFLINE', message: 'not connected' } };
    if (!socket?.connected || this.stopped) return offline; // a stopping simulation sends nothing new
    try {
      return (await socket.timeout(5_000).emitWithAck(event, payload)) as Ack<T>;
    } catch (error) {
      return socket.connected ? { ok: false, error: { code: 'NO_ACK', message: `${event}: ${String(error)}` } } : offline;
    }
  }

  /** Moderators watch the whole event (the first one also keeps the tally) and sit in their room. */
  private async openModerator(moderator: Moderator, watchesTally: boolean): Promise<void> {
    const socket = this.socketFor(moderator.session);
    moderator.socket = socket;
    if (watchesTally) socket.on('connection', (connection: ConnectionView) => this.observe(connection));
    // Resolves once the first subscription is acknowledged: its lastSeq is where the cast's replays start.
    await new Promise<void>((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.on('connect', () =>
        this.track(async () => {
          if (watchesTally) {
            const subscribed = await this.emit<{ lastSeq: number }>(socket, 'event.subscribe', { eventId: this.options.conference.eventId });
            if (subscribed.ok) this.startSeq = Math.max(this.startSeq, subscribed.data.lastSeq);
          }
          await this.emit(socket, 'room.join', { roomId: moderator.roomId });
          resolve();
        }),
      );
    });
  }

  /** A representative joins: subscribes to what concerns it, sits in its room, maybe queues to present. */
  private arrive(representative: Representative): void {
    if (this.stopped || !representative.session) return;
    if (representative.socket) {
      representative.socket.connect();
      return;
    }
    const socket = this.socketFor(representative.session);
    representative.socket = socket;
    socket.on('log', (entry: { seq: number }) => {
      representative.lastSeq = Math.max(representative.lastSeq ?? 0, entry.seq);
    });
    socket.on('connection', (connection: ConnectionView) => this.onConnection(representative, connection));
    socket.on('disconnect', () => {
      representative.present = false;
    });
    socket.on('connect', () => this.track(() => this.sitDown(representative)));
  }

  private async sitDown(representative: Representative): Promise<void> {
    const { socket, participant } = representative;
    const subscribed = await this.emit<{ lastSeq: number }>(socket, 'event.subscribe', {
      eventId: this.options.conference.eventId,
      afterSeq: representative.lastSeq ?? this.startSeq,
    });
    if (subscribed.ok) representative.lastSeq = Math.max(representative.lastSeq ?? 0, subscribed.data.lastSeq);
    const joined = await this.emit<{ pitch: PitchState }>(socket, 'room.join', { roomId: participant.registration.roomId });
    if (!joined.ok) return joined.error.code === 'OFFLINE' ? undefined : this.failed('room.join', joined.error);
    representative.present = true;
    if (this.random.chance(0.25)) await this.emit(socket, 'pitch.enqueue', { roomId: participant.registration.roomId });
    // Requests that came while it was away get their answer now.
    for (const [connectionId, status] of representative.received) {
      if (status === 'requested') this.answerLater(representative, connectionId);
    }
  }

  // ---- connections ---------------------------------------------------------

  /** A representative picks one of its recommendations and asks for a connection. */
  private async requestConnection(room: RoomKey): Promise<void> {
    const requesters = this.cast.filter((r) => r.room === room && r.present && r.waiting.size < PACE.pendingPerRepresentative);
    if (requesters.length === 0) return;
    const requester = this.random.pick(requesters);
    const { eventId } = this.options.conference;
    const page = await this.api.get<Page<RecommendationView>>(
      `/events/${eventId}/recommendations?registrationId=${requester.participant.registration.id}&limit=40&locale=${requester.locale}`,
      requester.session,
    );
    const from = requester.participant.registration.id;
    const eligible = page.items
      .filter((r) => !this.pairs.has(pairKey(from, r.registrationId)))
      .filter(
        (r) => this.byRegistration.has(r.registrationId) || (this.reserved.has(r.registrationId) && (this.reservedWaiting.get(r.registrationId)?.size ?? 0) < PACE.pendingPerReservedLogin),
      )
      .slice(0, 6);
    if (eligible.length === 0) return;
    // Better matches get asked more often, but not always.
    const target = this.random.weighted(eligible, (r) => r.score);
    const message = fill(this.random.pick(REQUEST_MESSAGES[requester.locale]), { goods: goodsInCommon(requester, target) });
    const answer = await this.emit<ConnectionView>(requester.socket, 'connection.request', { toRegistrationId: target.registrationId, message });
    if (answer.ok) {
      requester.waiting.add(answer.data.id);
      this.pairs.add(pairKey(from, target.registrationId));
    } else if (!['CONNECTION_EXISTS', 'CONNECTION_DECLINED', 'OFFLINE'].includes(answer.error.code)) {
      this.failed('connection.request', answer.error);
    }
  }

  /** What every socket of a party hears about a connection. */
  private onConnection(representative: Representative, connection: ConnectionView): void {
    const mine = representative.participant.registration.id;
    if (connection.fromRegistrationId === mine && connection.status !== 'requested') representative.waiting.delete(connection.id);
    if (connection.toRegistrationId !== mine) return;
    const known = representative.received.has(connection.id);
    representative.received.set(connection.id, connection.status);
    if (!known && connection.status === 'requested') this.answerLater(representative, connection.id);
  }

  /** After a while (reading the profile, asking a colleague) the representative accepts, declines, or lets it wait. */
  private answerLater(representative: Representative, connectionId: string): void {
    this.after(this.random.int(PACE.answerMs[0], PACE.answerMs[1]), async () => {
      if (representative.received.get(connectionId) !== 'requested') return;
      if (!representative.present) return; // answered when it is back (sitDown)
      const roll = this.random.next();
      if (roll >= PACE.acceptShare + PACE.declineShare) {
        representative.received.set(connectionId, 'expired'); // left unanswered on purpose
        return;
      }
      const answer = await this.emit<ConnectionView>(representative.socket, 'connection.respond', { connectionId, accept: roll < PACE.acceptShare });
      if (answer.ok) representative.received.set(connectionId, answer.data.status);
      else if (!['CONNECTION_NOT_PENDING', 'CONNECTION_EXPIRED', 'OFFLINE'].includes(answer.error.code)) this.failed('connection.respond', answer.error);
    });
  }

  /** Two on-site enterprises at Lào Cai meet in the hall and one scans the other's badge. */
  private async scanBadge(): Promise<void> {
    const atLaoCai = this.cast.filter((r) => r.present && r.participant.registration.checkedInAt && r.participant.registration.venueId === this.options.conference.venues.laoCai.id);
    const vietnamese = atLaoCai.filter((r) => r.participant.registration.side === 'VN');
    const chinese = atLaoCai.filter((r) => r.participant.registration.side === 'CN');
    for (let attempt = 0; attempt < 5 && vietnamese.length && chinese.length; attempt++) {
      const [scanner, partner] = this.random.chance(0.5) ? [this.random.pick(vietnamese), this.random.pick(chinese)] : [this.random.pick(chinese), this.random.pick(vietnamese)];
      const key = pairKey(scanner.participant.registration.id, partner.participant.registration.id);
      if (this.pairs.has(key)) continue;
      this.pairs.add(key);
      try {
        await this.api.post(`/events/${this.options.conference.eventId}/connections/scan`, scanner.session, {
          fromRegistrationId: scanner.participant.registration.id,
          badgeCode: partner.participant.registration.badgeCode,
        });
      } catch (error) {
        if (!isCode(error, 'CONNECTION_EXISTS')) throw error;
      }
      return;
    }
  }

  /** The moderator notes a connection two enterprises of its room made at a table or by phone. */
  private async recordConnection(moderator: Moderator): Promise<void> {
    const inRoom = this.cast.filter((r) => r.room === moderator.room && r.present);
    const vietnamese = inRoom.filter((r) => r.participant.registration.side === 'VN');
    const chinese = inRoom.filter((r) => r.participant.registration.side === 'CN');
    for (let attempt = 0; attempt < 5 && vietnamese.length && chinese.length; attempt++) {
      const a = this.random.pick(vietnamese).participant.registration;
      const b = this.random.pick(chinese).participant.registration;
      if (this.pairs.has(pairKey(a.id, b.id))) continue;
      this.pairs.add(pairKey(a.id, b.id));
      const venue = Object.values(this.options.conference.venues).find((v) => v.id === a.venueId);
      const sameTable = a.venueId === b.venueId && a.attendance === 'onsite' && b.attendance === 'onsite' && venue !== undefined && venue.tables > 0;
      const message = sameTable ? fill(RECORDED_NOTES.atTable, { table: this.random.int(1, venue.tables), venue: venue.name }) : RECORDED_NOTES.byPhone;
      try {
        await this.api.post(`/events/${this.options.conference.eventId}/connections`, moderator.session, { fromRegistrationId: a.id, toRegistrationId: b.id, channel: 'recorded', message });
      } catch (error) {
        // A request between the two may have just been made: then it is theirs to answer.
        // One of them may have declined the other (before this run): staff then do not override it.
        if (!isCode(error, 'CONNECTION_EXISTS') && !isCode(error, 'CONNECTION_DECLINED')) throw error;
      }
      return;
    }
  }

  /** The staff stream: keeps the tally and the pairs already connected, whoever made them. */
  private observe(connection: ConnectionView): void {
    const previous = this.connections.get(connection.id);
    if (previous === connection.status) return;
    this.connections.set(connection.id, connection.status);
    const key = pairKey(connection.fromRegistrationId, connection.toRegistrationId);
    if (connection.status === 'withdrawn' || connection.status === 'expired') this.pairs.delete(key);
    else this.pairs.add(key);
    if (this.reserved.has(connection.toRegistrationId)) {
      const waiting = this.reservedWaiting.get(connection.toRegistrationId) ?? new Set<string>();
      if (connection.status === 'requested') waiting.add(connection.id);
      else waiting.delete(connection.id);
      this.reservedWaiting.set(connection.toRegistrationId, waiting);
    }
    if (connection.status === 'requested') this.tally.requested++;
    if (connection.status === 'declined') this.tally.declined++;
    if (connection.status === 'accepted') {
      this.madeAt.push(Date.now());
      if (this.madeAt.length > 10_000) this.madeAt.splice(0, 5_000);
      if (connection.channel === 'qr') this.tally.scanned++;
      else if (connection.channel === 'recorded') this.tally.recorded++;
      else this.tally.accepted++;
    }
  }

  // ---- the room's rhythm ---------------------------------------------------

  /** The moderator thanks the presenter and calls the next; a few more raise their hands when the queue runs short. */
  private async nextPresenter(moderator: Moderator): Promise<void> {
    const answer = await this.emit<PitchState>(moderator.socket, 'pitch.next', { roomId: moderator.roomId });
    if (!answer.ok) return answer.error.code === 'OFFLINE' ? undefined : this.failed('pitch.next', answer.error);
    if (answer.data.current) this.tally.presentations++;
    if (answer.data.queue.length >= 3) return;
    const queued = new Set([answer.data.current, ...answer.data.queue].filter((e) => e !== null).map((e) => e.registrationId));
    const hands = this.cast.filter((r) => r.room === moderator.room && r.present && !queued.has(r.participant.registration.id));
    for (const representative of this.random.sample(hands, 2)) {
      const queuedNow = await this.emit(representative.socket, 'pitch.enqueue', { roomId: moderator.roomId });
      if (!queuedNow.ok && !['CONFLICT', 'OFFLINE'].includes(queuedNow.error.code)) this.failed('pitch.enqueue', queuedNow.error);
    }
  }

  /** Someone steps out of the room (a call, a coffee, a dropped connection) and comes back later. */
  private async stepOut(): Promise<void> {
    const present = this.cast.filter((r) => r.present);
    if (present.length === 0) return;
    const representative = this.random.pick(present);
    if (this.random.chance(0.5)) await this.emit(representative.socket, 'room.leave', { roomId: representative.participant.registration.roomId });
    representative.socket?.disconnect();
    representative.present = false;
    this.after(this.random.int(PACE.awayMs[0], PACE.awayMs[1]), () => this.arrive(representative));
  }

  private report(): void {
    const made = this.tally.accepted + this.tally.scanned + this.tally.recorded;
    this.log(
      `${this.madeInLastMinute()} connections made in the last minute, ${made} since the start ` +
        `(${this.tally.accepted} accepted requests, ${this.tally.recorded} recorded, ${this.tally.scanned} badge scans; ${this.tally.declined} declined); ` +
        `${this.present} of ${this.cast.length} simulated enterprises in their rooms`,
    );
  }

  // ---- timing --------------------------------------------------------------

  /** Runs `work` once after `ms` (at speed 1). */
  private after(ms: number, work: () => Promise<void> | void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(async () => work());
    }, ms / this.speed);
    this.timers.add(timer);
  }

  /**
   * Runs `work` again and again, about every `meanMs` (±`spread`, 50 % unless given), never overlapping
   * itself; a failed round is logged (by `track`) and the next one still comes.
   */
  private every(meanMs: number, work: () => Promise<void> | void, spread = 0.5): void {
    const loop = async () => {
      try {
        await work();
      } finally {
        this.after(this.random.around(meanMs, spread), loop);
      }
    };
    this.after(this.random.around(meanMs, spread), loop);
  }

  /** Keeps a task's promise until it settles; a failure is counted and logged, never thrown. */
  private track(work: () => Promise<void>): void {
    const task = work().catch((error: unknown) => {
      if (this.stopped) return;
      this.failed('step', { code: error instanceof ApiError ? error.code : 'ERROR', message: error instanceof Error ? error.message : String(error) });
    });
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  private failed(step: string, error: { code: string; message: string }): void {
    this.tally.errors++;
    // The first few say what went wrong; after that only the tally grows.
    if (this.tally.errors <= 5) this.log(`simulation ${step} failed: ${error.code} ${error.message}`);
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The product two companies have in common, named in the requester's language. */
function goodsInCommon(requester: Representative, target: RecommendationView): string {
  const mine = requester.participant.enterprise.profile;
  const headings = (codes: string[]) => new Set(codes.map((c) => c.slice(0, 4)));
  const theyOffer = target.enterprise.offers.map((o) => o.hsCode);
  const iNeed = headings(mine.needs.map((n) => n.hsCode));
  const iOffer = mine.offers.map((o) => o.hsCode);
  const theyNeed = headings(target.enterprise.needs.map((n) => n.hsCode));
  const code = theyOffer.find((c) => iNeed.has(c.slice(0, 4))) ?? iOffer.find((c) => theyNeed.has(c.slice(0, 4))) ?? theyOffer[0];
  const good = Object.values(GOODS).find((g) => g.hsCode === code);
  if (!good) return ANY_GOODS[requester.locale];
  // Mid-sentence, a Vietnamese product name loses its capital ("quan tâm đến chanh leo").
  return requester.locale === 'vi' ? good.vi.charAt(0).toLocaleLowerCase('vi') + good.vi.slice(1) : good[requester.locale];
}
