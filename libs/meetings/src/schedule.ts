/**
 * The meeting scheduler: a pure function (no Nest, no database, no I/O).
 *
 * Given the slot grid, the accepted connections that still lack a meeting, each
 * registration's availability, each venue's tables, what earlier runs already
 * booked and the instant before which no slot may start (`notBefore`: now plus
 * the lead time, supplied by the caller so this stays pure), it books as many meetings as it can (ties: more total recommendation
 * weight) and reports the result against a proven upper bound.
 *
 * Algorithm
 * 1. Greedy: pairs by weight desc, then fewest feasible slots, then connection id;
 *    each takes the free slot its two parties' other pending pairs need least.
 * 2. Repair (ejection chains): for every unscheduled pair, try each slot; if one
 *    meeting blocks it (a party's meeting, or a table at the venue) eject that
 *    meeting, book the pair, then compensate: re-place the ejected meeting
 *    elsewhere (recursively, bounded depth) or book another pending pair that can
 *    use what it freed. Only chains that add a meeting are kept, so this only
 *    ever increases the count. Passes repeat with growing depth until a pass
 *    finds nothing or the work budget is spent.
 * 3. Weight: a pending pair takes the slot of a single lighter blocking meeting
 *    (count unchanged, weight up), and the evicted one is tried again.
 * Tables of a venue are interchangeable, so the search only counts them per
 * (venue, slot); numbers are handed out at the end.
 *
 * Interpreters (optional): a pair whose parties share no language names the language
 * key it needs (`interpreting`, e.g. `vi-zh`) and is booked only together with an
 * interpreter in the same slot: one that covers the key, is available and not busy
 * there, and sits at the meeting's venue (or is remote, for an online meeting, or for
 * an on-site one when `remoteInterpretersOnSite`). Interpreters are not interchangeable,
 * so each slot holds a bipartite matching of its interpreted meetings to interpreters;
 * a placement fits when an augmenting path reaches a free interpreter (the others in
 * the slot may swap), and a slot blocked only by interpreters offers the meetings
 * whose interpreters that path reaches as ejection candidates, like a full venue
 * offers its tables' meetings. Who may serve a pair depends only on its class
 * (key, venue or online), so eligibility is precomputed per (class, slot).
 *
 * Deterministic: every input array is sorted by ids first and the search uses a
 * seeded PRNG and a work budget (a count of steps, not wall time). The wall-time
 * cap is only a safety net; when it, rather than the work budget, ends the
 * search the output may vary between runs.
 */

export interface ScheduleSlot {
  index: number;
  startsAt: number;
  endsAt: number;
}

export interface SchedulePair {
  connectionId: string;
  a: string;
  b: string;
  /** > 0, the pair's recommendation score: higher = more valuable. */
  weight: number;
  /** Both on site at this venue → needs one of its tables; null → online meeting. */
  venueId: string | null;
  /**
   * The language key the meeting needs an interpreter for: the two ISO codes sorted and
   * joined by `-` (`vi-zh`); null, absent or empty → the parties share a language.
   */
  interpreting?: string | null;
}

export interface ScheduleInterpreter {
  id: string;
  /** Language keys like `vi-zh` (order of the two codes does not matter). */
  languagePairs: string[];
  /** The venue the interpreter sits at; null → remote. */
  venueId: string | null;
  /** Slot indices the interpreter is available in; missing → every slot. */
  slots?: number[];
}

export interface ScheduleInput {
  slots: ScheduleSlot[];
  /** Accepted connections that have no meeting yet. */
  pairs: SchedulePair[];
  /** Registration id → slot indices it is available in; missing → every slot. */
  availability: Record<string, number[]>;
  /** Venue id → number of meeting tables, numbered 1..n. */
  tables: Record<string, number>;
  /** Slots taken by meetings already booked (never moved). */
  busy: { registrationId: string; slot: number }[];
  /** Tables taken by meetings already booked. */
  tablesInUse: { venueId: string; table: number; slot: number }[];
  /**
   * Epoch ms: slots starting before it are never used (the past, plus the lead
   * time parties need to learn of a meeting). The service passes now + lead;
   * omitted → every slot. The bound is computed on the same usable slots.
   */
  notBefore?: number;
  /** The event's interpreters; omitted → none (then no pair needing one can meet). */
  interpreters?: ScheduleInterpreter[];
  /** Slots in which interpreters are already booked (earlier runs, by hand). */
  interpretersBusy?: { interpreterId: string; slot: number }[];
  /** Whether a remote interpreter may serve an on-site meeting (default false). */
  remoteInterpretersOnSite?: boolean;
}

/** NO_INTERPRETER: the parties and a table could meet, but no interpreter for the pair's key is free with them. */
export type UnscheduledReason = 'NO_COMMON_SLOT' | 'NO_TABLE' | 'CONFLICTS' | 'NO_INTERPRETER';

export interface ScheduledMeeting {
  connectionId: string;
  slot: number;
  venueId: string | null;
  table: number | null;
  /**
   * The interpreter serving the meeting, null when it needs none. Present whenever the
   * input speaks of interpreters (`interpreters` given, or a pair needs one); omitted
   * otherwise, so results without interpreters stay exactly as they were.
   */
  interpreterId?: string | null;
}

export interface ScheduleResult {
  meetings: ScheduledMeeting[];
  unscheduled: { connectionId: string; reason: UnscheduledReason }[];
  /** meetings.length */
  achieved: number;
  /** A proven upper bound on the number of meetings any schedule could book for this input. */
  upperBound: number;
  /** achieved / upperBound (1 when upperBound is 0). */
  ratio: number;
  /** Sum of the booked pairs' weights. */
  totalWeight: number;
  /** Slots of the input left out because they start before `notBefore`. */
  excludedSlots: number;
  /** Present under the same condition as `ScheduledMeeting.interpreterId`. */
  interpreting?: {
    /** Pairs that need an interpreter. */
    needed: number;
    /** Meetings booked with one. */
    booked: number;
    /** A proven upper bound on the meetings with an interpreter any schedule could book. */
    upperBound: number;
  };
}

export interface ScheduleOptions {
  /** Steps the repair phase may spend (deterministic budget). */
  workBudget?: number;
  /** Wall-clock safety cap for the repair and weight phases, ms. */
  timeBudgetMs?: number;
  /** PRNG seed for slot rotation in the repair phase. */
  seed?: number;
}

const DEFAULT_WORK_BUDGET = 10_000_000;
const DEFAULT_TIME_BUDGET_MS = 6_000;
const MAX_DEPTH = 4;
/** Table-blocked slot: how many of the venue's meetings there to try ejecting. */
const TABLE_EJECT_TRIES = 3;

const cmpStr = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function comparePairs(x: SchedulePair, y: SchedulePair): number {
  return (
    cmpStr(x.connectionId, y.connectionId) ||
    cmpStr(x.a, y.a) ||
    cmpStr(x.b, y.b) ||
    cmpStr(x.venueId ?? '', y.venueId ?? '') ||
    (x.venueId === null ? 0 : 1) - (y.venueId === null ? 0 : 1) ||
    x.weight - y.weight
  );
}

/** Small seeded PRNG (mulberry32): repeatable rotations. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The input in index form: registrations 0..R-1, slots 0..S-1 (by index), venues 0..V-1, pairs 0..P-1 (by connection id). */
interface Model {
  S: number;
  R: number;
  V: number;
  P: number;
  slots: ScheduleSlot[];
  venueIds: string[];
  pairs: SchedulePair[];
  pu: Int32Array;
  pv: Int32Array;
  /** Venue index or -1 (online). */
  pven: Int32Array;
  pw: Float64Array;
  /** free0[r*S+s]: r is available in s and not busy there. */
  free0: Uint8Array;
  /** cap[v*S+s]: tables of venue v not in use in slot s. */
  cap: Int32Array;
  freeTableNums: number[][];
  /** CSR of the slots each pair may use before this run books anything (both free; a table and an eligible interpreter exist if needed). */
  feasStart: Int32Array;
  feas: Int32Array;
  /** Slots where both parties are free, tables ignored (NO_COMMON_SLOT when 0). */
  commonFree: Int32Array;
  /** CSR of pairs per registration. */
  incStart: Int32Array;
  inc: Int32Array;
  /** CSR of pairs per venue. */
  venStart: Int32Array;
  venPairs: Int32Array;
  /** Whether the input speaks of interpreters at all (then the output names them). */
  interpreted: boolean;
  /** Interpreters 0..I-1 (by id). */
  I: number;
  interpreterIds: string[];
  /** Classes 0..C-1 of the pairs needing an interpreter: (key, venue or online). */
  C: number;
  /** Venue index of each class, or -1 (online). */
  clsVen: Int32Array;
  /** Class of each pair, or -1 (needs no interpreter). */
  pcls: Int32Array;
  /** CSR per (class c, slot s), k = c*S+s: interpreters eligible for c and free in s, specialists first. */
  eligStart: Int32Array;
  elig: Int32Array;
  /** CSR per interpreter: the classes it may serve. */
  iclsStart: Int32Array;
  icls: Int32Array;
  /** CSR per class: its pairs. */
  clsStart: Int32Array;
  clsPairs: Int32Array;
}

/** `zh-vi`, ` VI-zh ` → `vi-zh`; empty → null. */
function languageKey(key: string | null | undefined): string | null {
  if (typeof key !== 'string' || key.trim() === '') return null;
  return key
    .trim()
    .toLowerCase()
    .split('-')
    .map((x) => x.trim())
    .sort(cmpStr)
    .join('-');
}

function compareInterpreters(x: ScheduleInterpreter, y: ScheduleInterpreter): number {
  const tail = (i: ScheduleInterpreter): string => JSON.stringify([i.venueId, [...i.languagePairs].sort(cmpStr), i.slots === undefined ? null : [...i.slots].sort((a, b) => a - b)]);
  return cmpStr(x.id, y.id) || cmpStr(tail(x), tail(y));
}

function prepare(input: ScheduleInput): Model {
  // Only the usable slots enter the model, so the search and the bound both see exactly them.
  const notBefore = input.notBefore ?? -Infinity;
  const slots = input.slots.filter((sl) => sl.startsAt >= notBefore).sort((x, y) => x.index - y.index || x.startsAt - y.startsAt);
  const S = slots.length;
  const slotPos = new Map<number, number>();
  slots.forEach((sl, i) => {
    if (!slotPos.has(sl.index)) slotPos.set(sl.index, i);
  });
  const pairs = [...input.pairs].sort(comparePairs);
  const P = pairs.length;

  const regSet = new Set<string>();
  const venueSet = new Set<string>();
  for (const p of pairs) {
    regSet.add(p.a);
    regSet.add(p.b);
    if (p.venueId !== null) venueSet.add(p.venueId);
  }
  const regIds = [...regSet].sort(cmpStr);
  const R = regIds.length;
  const regPos = new Map<string, number>(regIds.map((id, i) => [id, i]));
  const venueIds = [...venueSet].sort(cmpStr);
  const V = venueIds.length;
  const venuePos = new Map<string, number>(venueIds.map((id, i) => [id, i]));

  const free0 = new Uint8Array(R * S);
  for (let r = 0; r < R; r++) {
    const id = regIds[r];
    if (!Object.hasOwn(input.availability, id)) {
      free0.fill(1, r * S, (r + 1) * S);
      continue;
    }
    for (const idx of input.availability[id] ?? []) {
      const s = slotPos.get(idx);
      if (s !== undefined) free0[r * S + s] = 1;
    }
  }
  for (const b of input.busy) {
    const r = regPos.get(b.registrationId);
    const s = slotPos.get(b.slot);
    if (r !== undefined && s !== undefined) free0[r * S + s] = 0;
  }

  // Tables: a venue's count, minus the numbers already in use per slot.
  const tableCount = venueIds.map((id) => {
    const n = Object.hasOwn(input.tables, id) ? input.tables[id] : 0;
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  });
  const inUse = venueIds.map((_, v) => new Uint8Array(tableCount[v] * S));
  for (const t of input.tablesInUse) {
    const v = venuePos.get(t.venueId);
    const s = slotPos.get(t.slot);
    if (v === undefined || s === undefined) continue;
    if (Number.isInteger(t.table) && t.table >= 1 && t.table <= tableCount[v]) inUse[v][(t.table - 1) * S + s] = 1;
  }
  const cap = new Int32Array(V * S);
  const freeTableNums: number[][] = [];
  for (let v = 0; v < V; v++) {
    for (let s = 0; s < S; s++) {
      const nums: number[] = [];
      for (let t = 1; t <= tableCount[v]; t++) if (!inUse[v][(t - 1) * S + s]) nums.push(t);
      freeTableNums.push(nums);
      cap[v * S + s] = nums.length;
    }
  }

  // Interpreters: each pair needing one gets a class (key, venue); eligibility per (class, slot).
  const keyOf = pairs.map((p) => languageKey(p.interpreting));
  const interpreted = input.interpreters !== undefined || keyOf.some((k) => k !== null);
  const interpreters: ScheduleInterpreter[] = [];
  for (const it of [...(input.interpreters ?? [])].sort(compareInterpreters)) {
    // A repeated id is one person: the first (in this order) counts.
    if (interpreters.length === 0 || interpreters[interpreters.length - 1].id !== it.id) interpreters.push(it);
  }
  const I = interpreters.length;
  const interpreterIds = interpreters.map((it) => it.id);
  const interpPos = new Map<string, number>(interpreterIds.map((id, i) => [id, i]));
  const ifree0 = new Uint8Array(I * S);
  // -1 remote; -2 a venue none of the pairs meets at (serves no one here).
  const iven = new Int32Array(I);
  const ikeys = interpreters.map((it) => new Set(it.languagePairs.map(languageKey).filter((k): k is string => k !== null)));
  interpreters.forEach((it, i) => {
    iven[i] = it.venueId === null ? -1 : (venuePos.get(it.venueId) ?? -2);
    if (it.slots === undefined) ifree0.fill(1, i * S, (i + 1) * S);
    else
      for (const idx of it.slots) {
        const s = slotPos.get(idx);
        if (s !== undefined) ifree0[i * S + s] = 1;
      }
  });
  for (const b of input.interpretersBusy ?? []) {
    const i = interpPos.get(b.interpreterId);
    const s = slotPos.get(b.slot);
    if (i !== undefined && s !== undefined) ifree0[i * S + s] = 0;
  }
  const remoteOnSite = input.remoteInterpretersOnSite === true;
  const classKey = new Map<string, number>();
  const classList: { key: string; ven: number }[] = [];
  {
    const seenCls = new Map<string, { key: string; ven: number }>();
    pairs.forEach((p, i) => {
      const k = keyOf[i];
      if (k === null) return;
      const ven = p.venueId === null ? -1 : (venuePos.get(p.venueId) ?? -1);
      seenCls.set(`${ven}|${k}`, { key: k, ven });
    });
    for (const c of [...seenCls.values()].sort((x, y) => cmpStr(x.key, y.key) || x.ven - y.ven)) {
      classKey.set(`${c.ven}|${c.key}`, classList.length);
      classList.push(c);
    }
  }
  const C = classList.length;
  const clsVen = Int32Array.from(classList.map((c) => c.ven));
  const serves = (i: number, c: number): boolean => {
    const { key, ven } = classList[c];
    if (!ikeys[i].has(key)) return false;
    return ven < 0 ? iven[i] === -1 : iven[i] === ven || (iven[i] === -1 && remoteOnSite);
  };
  const iclsLists: number[][] = Array.from({ length: I }, () => []);
  const clsInterps: number[][] = Array.from({ length: C }, () => []);
  for (let i = 0; i < I; i++)
    for (let c = 0; c < C; c++)
      if (serves(i, c)) {
        iclsLists[i].push(c);
        clsInterps[c].push(i);
      }
  // Specialists first: an interpreter who can serve few classes is offered before a versatile one.
  for (const list of clsInterps) list.sort((x, y) => iclsLists[x].length - iclsLists[y].length || x - y);
  const eligStart = new Int32Array(C * S + 1);
  const eligList: number[] = [];
  for (let c = 0; c < C; c++)
    for (let s = 0; s < S; s++) {
      for (const i of clsInterps[c]) if (ifree0[i * S + s]) eligList.push(i);
      eligStart[c * S + s + 1] = eligList.length;
    }
  const iclsStart = new Int32Array(I + 1);
  for (let i = 0; i < I; i++) iclsStart[i + 1] = iclsStart[i] + iclsLists[i].length;
  const icls = Int32Array.from(iclsLists.flat());
  const pcls = new Int32Array(P).fill(-1);
  pairs.forEach((p, i) => {
    const k = keyOf[i];
    if (k === null) return;
    const ven = p.venueId === null ? -1 : (venuePos.get(p.venueId) ?? -1);
    pcls[i] = classKey.get(`${ven}|${k}`) ?? -1;
  });
  const clsStart = new Int32Array(C + 1);
  for (let p = 0; p < P; p++) if (pcls[p] >= 0) clsStart[pcls[p] + 1]++;
  for (let c = 0; c < C; c++) clsStart[c + 1] += clsStart[c];
  const cfill = clsStart.slice(0, C);
  const clsPairs = new Int32Array(clsStart[C]);
  for (let p = 0; p < P; p++) if (pcls[p] >= 0) clsPairs[cfill[pcls[p]]++] = p;

  const pu = new Int32Array(P);
  const pv = new Int32Array(P);
  const pven = new Int32Array(P);
  const pw = new Float64Array(P);
  const commonFree = new Int32Array(P);
  const feasStart = new Int32Array(P + 1);
  const feasList: number[] = [];
  const deg = new Int32Array(R + 1);
  for (let p = 0; p < P; p++) {
    const pr = pairs[p];
    const u = regPos.get(pr.a) ?? 0;
    const v = regPos.get(pr.b) ?? 0;
    pu[p] = u;
    pv[p] = v;
    pven[p] = pr.venueId === null ? -1 : (venuePos.get(pr.venueId) ?? -1);
    pw[p] = pr.weight;
    feasStart[p] = feasList.length;
    // A registration cannot meet itself: such a pair has no common slot.
    if (u !== v) {
      for (let s = 0; s < S; s++) {
        if (!free0[u * S + s] || !free0[v * S + s]) continue;
        commonFree[p]++;
        const interpreterOk = pcls[p] < 0 || eligStart[pcls[p] * S + s + 1] > eligStart[pcls[p] * S + s];
        if ((pven[p] < 0 || cap[pven[p] * S + s] > 0) && interpreterOk) feasList.push(s);
      }
    }
    deg[u]++;
    if (v !== u) deg[v]++;
  }
  feasStart[P] = feasList.length;

  const incStart = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) incStart[r + 1] = incStart[r] + deg[r];
  const fill = incStart.slice(0, R);
  const inc = new Int32Array(incStart[R]);
  for (let p = 0; p < P; p++) {
    inc[fill[pu[p]]++] = p;
    if (pv[p] !== pu[p]) inc[fill[pv[p]]++] = p;
  }

  const venStart = new Int32Array(V + 1);
  for (let p = 0; p < P; p++) if (pven[p] >= 0) venStart[pven[p] + 1]++;
  for (let v = 0; v < V; v++) venStart[v + 1] += venStart[v];
  const vfill = venStart.slice(0, V);
  const venPairs = new Int32Array(venStart[V]);
  for (let p = 0; p < P; p++) if (pven[p] >= 0) venPairs[vfill[pven[p]]++] = p;

  return {
    S,
    R,
    V,
    P,
    slots,
    venueIds,
    pairs,
    pu,
    pv,
    pven,
    pw,
    free0,
    cap,
    freeTableNums,
    feasStart,
    feas: Int32Array.from(feasList),
    commonFree,
    incStart,
    inc,
    venStart,
    venPairs,
    interpreted,
    I,
    interpreterIds,
    C,
    clsVen,
    pcls,
    eligStart,
    elig: Int32Array.from(eligList),
    iclsStart,
    icls,
    clsStart,
    clsPairs,
  };
}

/** The mutable schedule plus the search. */
class Engine {
  private readonly S: number;
  /** occ[r*S+s]: pair booked for r in s by this run, or -1. */
  private readonly occ: Int32Array;
  /** at[p]: slot of pair p, or -1. */
  readonly at: Int32Array;
  /** used[v*S+s]: tables of venue v this run books in slot s. */
  readonly used: Int32Array;
  /** Pairs booked at each (venue, slot) k: members[memStart[k] .. memStart[k]+used[k]). */
  private readonly members: Int32Array;
  private readonly memStart: Int32Array;
  private readonly memPos: Int32Array;
  /** Table-slots of each venue still free. */
  private readonly venueLeft: Int32Array;
  /** Pairs already touched by the current chain search (visit === stamp). */
  private readonly visit: Int32Array;
  private stamp = 0;
  /** Undo log of the current chain: +(p+1) assigned, -(p+1) unassigned (slot in logSlot). */
  private readonly log: number[] = [];
  private readonly logSlot: number[] = [];
  private readonly rng: () => number;
  /** iOcc[i*S+s]: pair interpreter i serves in s, or -1. */
  private readonly iOcc: Int32Array;
  /** pint[p]: interpreter of booked pair p, or -1. */
  readonly pint: Int32Array;
  /** Interpreters seen by the current augmenting-path search (iVisit === iStamp), and in which order. */
  private readonly iVisit: Int32Array;
  private iStamp = 0;
  private readonly reached: number[] = [];
  /** Pending pairs in greedy order (weight desc, fewest options, id). */
  private order: number[] = [];
  count = 0;
  weight = 0;
  private work = 0;
  private checks = 0;
  private workLimit = Infinity;
  private deadline = Infinity;
  private stopped = false;

  constructor(
    private readonly m: Model,
    seed: number,
  ) {
    const { R, S, V, P, cap } = m;
    this.S = S;
    this.occ = new Int32Array(R * S).fill(-1);
    this.at = new Int32Array(P).fill(-1);
    this.used = new Int32Array(V * S);
    this.memStart = new Int32Array(V * S + 1);
    for (let k = 0; k < V * S; k++) this.memStart[k + 1] = this.memStart[k] + cap[k];
    this.members = new Int32Array(this.memStart[V * S]);
    this.memPos = new Int32Array(P);
    this.venueLeft = new Int32Array(V);
    for (let k = 0; k < V * S; k++) this.venueLeft[Math.floor(k / S)] += cap[k];
    this.visit = new Int32Array(P);
    this.rng = mulberry32(seed);
    this.iOcc = new Int32Array(m.I * S).fill(-1);
    this.pint = new Int32Array(P).fill(-1);
    this.iVisit = new Int32Array(m.I);
  }

  /**
   * Whether pair p (needing an interpreter) can have one in slot s, the others booked
   * there possibly swapping: an augmenting path from p to a free interpreter. Meeting
   * `ignore` counts as gone. When there is none, `reached` lists every interpreter the
   * search reached: removing exactly the meetings they serve would make room.
   */
  interpreterFits(p: number, s: number, ignore = -1): boolean {
    this.iStamp++;
    this.reached.length = 0;
    return this.reach(p, s, ignore);
  }

  private reach(q: number, s: number, ignore: number): boolean {
    const { eligStart, elig, pcls } = this.m;
    const S = this.S;
    const k = pcls[q] * S + s;
    for (let j = eligStart[k]; j < eligStart[k + 1]; j++) {
      const i = elig[j];
      if (this.iVisit[i] === this.iStamp) continue;
      this.iVisit[i] = this.iStamp;
      this.reached.push(i);
      this.work++;
      const o = this.iOcc[i * S + s];
      if (o < 0 || o === ignore || this.reach(o, s, ignore)) return true;
    }
    return false;
  }

  /** Give q an interpreter in s along an augmenting path (re-matching those on it). */
  private augment(q: number, s: number): boolean {
    const { eligStart, elig, pcls } = this.m;
    const S = this.S;
    const k = pcls[q] * S + s;
    for (let j = eligStart[k]; j < eligStart[k + 1]; j++) {
      const i = elig[j];
      if (this.iVisit[i] === this.iStamp) continue;
      this.iVisit[i] = this.iStamp;
      const o = this.iOcc[i * S + s];
      if (o < 0 || this.augment(o, s)) {
        this.iOcc[i * S + s] = q;
        this.pint[q] = i;
        return true;
      }
    }
    return false;
  }

  private fits(p: number, s: number): boolean {
    const { pu, pv, pven, cap } = this.m;
    const S = this.S;
    if (this.occ[pu[p] * S + s] >= 0 || this.occ[pv[p] * S + s] >= 0) return false;
    const ven = pven[p];
    if (ven >= 0 && this.used[ven * S + s] >= cap[ven * S + s]) return false;
    return this.m.pcls[p] < 0 || this.interpreterFits(p, s);
  }

  private assign(p: number, s: number, logged = true): void {
    const { pu, pv, pven, pw } = this.m;
    const S = this.S;
    if (this.m.pcls[p] >= 0) {
      // Callers check first; a rollback re-books a slot's earlier set, which had a matching,
      // so an augmenting path from p exists (Berge) and this never fails.
      this.iStamp++;
      if (!this.augment(p, s)) throw new Error('schedule: no interpreter for a placement that was checked to fit');
    }
    this.occ[pu[p] * S + s] = p;
    this.occ[pv[p] * S + s] = p;
    this.at[p] = s;
    const ven = pven[p];
    if (ven >= 0) {
      const k = ven * S + s;
      this.memPos[p] = this.used[k];
      this.members[this.memStart[k] + this.used[k]] = p;
      this.used[k]++;
      this.venueLeft[ven]--;
    }
    this.count++;
    this.weight += pw[p];
    if (logged) {
      this.log.push(p + 1);
      this.logSlot.push(s);
    }
  }

  private unassign(p: number, logged = true): void {
    const { pu, pv, pven, pw } = this.m;
    const S = this.S;
    const s = this.at[p];
    this.occ[pu[p] * S + s] = -1;
    this.occ[pv[p] * S + s] = -1;
    this.at[p] = -1;
    if (this.pint[p] >= 0) {
      this.iOcc[this.pint[p] * S + s] = -1;
      this.pint[p] = -1;
    }
    const ven = pven[p];
    if (ven >= 0) {
      const k = ven * S + s;
      const last = this.members[this.memStart[k] + this.used[k] - 1];
      this.members[this.memStart[k] + this.memPos[p]] = last;
      this.memPos[last] = this.memPos[p];
      this.used[k]--;
      this.venueLeft[ven]++;
    }
    this.count--;
    this.weight -= pw[p];
    if (logged) {
      this.log.push(-(p + 1));
      this.logSlot.push(s);
    }
  }

  private rollback(mark: number): void {
    while (this.log.length > mark) {
      const e = this.log.pop() ?? 0;
      const s = this.logSlot.pop() ?? 0;
      if (e > 0) this.unassign(e - 1, false);
      else this.assign(-e - 1, s, false);
    }
  }

  private commit(): void {
    this.log.length = 0;
    this.logSlot.length = 0;
  }

  private exhausted(): boolean {
    if (this.stopped) return true;
    // The clock is read rarely; the work count is what normally ends the search.
    if (this.work > this.workLimit || (++this.checks % 1024 === 0 && Date.now() > this.deadline)) this.stopped = true;
    return this.stopped;
  }

  /** How many of r's other pairs, not yet handled by the greedy, could still use slot s. */
  private demand(r: number, s: number, self: number, done: Uint8Array): number {
    const { incStart, inc, pu, pv, free0 } = this.m;
    const S = this.S;
    let n = 0;
    for (let i = incStart[r]; i < incStart[r + 1]; i++) {
      const q = inc[i];
      if (q === self || done[q]) continue;
      const o = pu[q] === r ? pv[q] : pu[q];
      if (free0[o * S + s] && this.occ[o * S + s] < 0) n++;
    }
    return n;
  }

  greedy(): void {
    const { P, pw, feasStart, feas, pu, pv } = this.m;
    const nFeas = (p: number): number => feasStart[p + 1] - feasStart[p];
    this.order = Array.from({ length: P }, (_, i) => i).sort((x, y) => pw[y] - pw[x] || nFeas(x) - nFeas(y) || x - y);
    const done = new Uint8Array(P);
    for (const p of this.order) {
      done[p] = 1;
      let best = -1;
      let bestScore = Infinity;
      for (let i = feasStart[p]; i < feasStart[p + 1]; i++) {
        const s = feas[i];
        if (!this.fits(p, s)) continue;
        // The slot the parties' other pending pairs need least keeps their options open.
        const score = this.demand(pu[p], s, p, done) + this.demand(pv[p], s, p, done);
        if (score < bestScore) {
          bestScore = score;
          best = s;
        }
      }
      if (best >= 0) this.assign(p, best, false);
    }
  }

  /** Repair: ejection-chain passes of growing depth; each success adds one meeting. */
  improveCount(workBudget: number, deadline: number): void {
    const { feasStart, pven } = this.m;
    this.workLimit = this.work + workBudget;
    this.deadline = deadline;
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      for (let improved = true; improved;) {
        improved = false;
        for (const p of this.order) {
          if (this.at[p] >= 0 || feasStart[p + 1] === feasStart[p]) continue;
          // A pair needing a table of a full venue cannot add a meeting by itself; the
          // chain that would help is found from the other end (a pair using what it frees).
          if (pven[p] >= 0 && this.venueLeft[pven[p]] === 0) continue;
          if (this.exhausted()) return;
          this.stamp++;
          if (this.tryPlace(p, depth)) improved = true;
          this.commit();
        }
      }
    }
  }

  /**
   * Book pending pair p so that the count rises by one: directly, or by ejecting one
   * blocking meeting per level (up to depth levels) that is then compensated.
   */
  private tryPlace(p: number, depth: number): boolean {
    const m = this.m;
    const S = this.S;
    this.visit[p] = this.stamp;
    this.work++;
    const fs = m.feasStart[p];
    const n = m.feasStart[p + 1] - fs;
    if (n === 0) return false;
    // A rotating start spreads the chains over the slots across passes.
    const off = Math.floor(this.rng() * n);
    for (let i = 0; i < n; i++) {
      const s = m.feas[fs + ((i + off) % n)];
      if (this.fits(p, s)) {
        this.assign(p, s);
        return true;
      }
    }
    if (depth <= 0 || this.exhausted()) return false;
    const u = m.pu[p];
    const v = m.pv[p];
    const ven = m.pven[p];
    for (let i = 0; i < n; i++) {
      const s = m.feas[fs + ((i + off) % n)];
      const cu = this.occ[u * S + s];
      const cv = this.occ[v * S + s];
      if (cu >= 0 && cv >= 0 && cu !== cv) continue; // two blockers: branching too wide
      const c = cu >= 0 ? cu : cv;
      const k = ven * S + s;
      const tableBlocked = ven >= 0 && this.used[k] - (c >= 0 && m.pven[c] === ven ? 1 : 0) >= m.cap[k];
      const needsInterpreter = m.pcls[p] >= 0;
      if (c >= 0) {
        if (tableBlocked || this.visit[c] === this.stamp) continue;
        // Ejecting c must also leave p an interpreter (c's own, or one a swap frees).
        if (needsInterpreter && !this.interpreterFits(p, s, c)) continue;
        if (this.ejectAndPlace(p, s, c, depth)) return true;
      } else if (tableBlocked) {
        const cnt = this.used[k];
        const start = this.memStart[k];
        const o2 = Math.floor(this.rng() * cnt);
        for (let j = 0, tries = 0; j < cnt && tries < TABLE_EJECT_TRIES; j++) {
          const c2 = this.members[start + ((j + o2) % cnt)];
          if (this.visit[c2] === this.stamp) continue;
          if (needsInterpreter && !this.interpreterFits(p, s, c2)) continue;
          tries++;
          if (this.ejectAndPlace(p, s, c2, depth)) return true;
        }
      } else if (needsInterpreter && !this.interpreterFits(p, s)) {
        // Only interpreters block s: eject a meeting whose interpreter the path reaches.
        const cands = this.reached.map((i) => this.iOcc[i * S + s]);
        const cnt = cands.length;
        const o2 = Math.floor(this.rng() * cnt);
        for (let j = 0, tries = 0; j < cnt && tries < TABLE_EJECT_TRIES; j++) {
          const c2 = cands[(j + o2) % cnt];
          if (this.visit[c2] === this.stamp) continue;
          tries++;
          if (this.ejectAndPlace(p, s, c2, depth)) return true;
        }
      }
      if (this.exhausted()) return false;
    }
    return false;
  }

  private ejectAndPlace(p: number, s: number, c: number, depth: number): boolean {
    const mark = this.log.length;
    const cs = this.at[c];
    const ci = this.pint[c];
    this.unassign(c);
    this.assign(p, s);
    if (this.compensate(c, cs, depth - 1, ci)) return true;
    this.rollback(mark);
    return false;
  }

  /** Make up for ejected meeting c (was in slot s, served by interpreter ci or -1): re-place it, or book another pending pair instead. */
  private compensate(c: number, s: number, depth: number, ci: number): boolean {
    const m = this.m;
    if (this.tryPlace(c, depth)) return true;
    // Another pending pair of c's parties may now fit (they are free in s).
    for (const r of [m.pu[c], m.pv[c]]) {
      for (let i = m.incStart[r]; i < m.incStart[r + 1]; i++) {
        const q = m.inc[i];
        if (this.at[q] >= 0 || this.visit[q] === this.stamp) continue;
        if (this.tryPlace(q, depth)) return true;
        if (this.exhausted()) return false;
      }
    }
    // Or a pending pair of c's venue may take the table c left in s.
    const ven = m.pven[c];
    if (ven >= 0) {
      for (let i = m.venStart[ven]; i < m.venStart[ven + 1]; i++) {
        const q = m.venPairs[i];
        if (this.at[q] >= 0 || this.visit[q] === this.stamp || m.feasStart[q + 1] === m.feasStart[q]) continue;
        // s must be one of q's own slots (both parties available, not busy), not just c's.
        if (m.free0[m.pu[q] * this.S + s] && m.free0[m.pv[q] * this.S + s] && this.fits(q, s)) {
          this.assign(q, s);
          return true;
        }
      }
      this.work += (m.venStart[ven + 1] - m.venStart[ven]) >> 4;
    }
    // Or a pending pair that interpreter ci may serve takes it in s.
    if (ci >= 0) {
      for (let x = m.iclsStart[ci]; x < m.iclsStart[ci + 1]; x++) {
        const cl = m.icls[x];
        for (let i = m.clsStart[cl]; i < m.clsStart[cl + 1]; i++) {
          const q = m.clsPairs[i];
          if (this.at[q] >= 0 || this.visit[q] === this.stamp || m.feasStart[q + 1] === m.feasStart[q]) continue;
          if (m.free0[m.pu[q] * this.S + s] && m.free0[m.pv[q] * this.S + s] && this.fits(q, s)) {
            this.assign(q, s);
            return true;
          }
        }
        this.work += (m.clsStart[cl + 1] - m.clsStart[cl]) >> 4;
      }
    }
    return false;
  }

  /**
   * Weight: a pending pair takes the slot of a single lighter blocking meeting (count
   * unchanged, total weight up; the evicted pair is tried again). Strictly increasing
   * total weight guarantees termination; the pass cap and clock bound the time.
   */
  improveWeight(deadline: number): void {
    const m = this.m;
    const S = this.S;
    this.deadline = deadline;
    this.workLimit = Infinity;
    this.stopped = false;
    for (let pass = 0, changed = true; changed && pass < 20; pass++) {
      changed = false;
      for (const p of this.order) {
        if (this.at[p] >= 0) continue;
        if (this.exhausted()) return;
        this.work++;
        const u = m.pu[p];
        const v = m.pv[p];
        const ven = m.pven[p];
        let bestS = -1;
        let bestC = -1;
        for (let i = m.feasStart[p]; i < m.feasStart[p + 1]; i++) {
          const s = m.feas[i];
          const cu = this.occ[u * S + s];
          const cv = this.occ[v * S + s];
          if (cu >= 0 && cv >= 0 && cu !== cv) continue;
          let c = cu >= 0 ? cu : cv;
          const k = ven * S + s;
          const tableBlocked = ven >= 0 && this.used[k] - (c >= 0 && m.pven[c] === ven ? 1 : 0) >= m.cap[k];
          if (c >= 0 && tableBlocked) continue;
          const needsInterpreter = m.pcls[p] >= 0;
          if (c >= 0 && needsInterpreter && !this.interpreterFits(p, s, c)) continue;
          if (c < 0 && !tableBlocked) {
            if (!needsInterpreter || this.interpreterFits(p, s)) {
              bestS = s; // free after all (an earlier swap freed it)
              bestC = -1;
              break;
            }
            // Only interpreters block s: the lightest meeting whose interpreter the path reaches.
            for (const it of this.reached) {
              const x = this.iOcc[it * S + s];
              if (c < 0 || m.pw[x] < m.pw[c] || (m.pw[x] === m.pw[c] && x > c)) c = x;
            }
          } else if (c < 0) {
            for (let j = this.memStart[k]; j < this.memStart[k] + this.used[k]; j++) {
              const x = this.members[j];
              if (needsInterpreter && m.pw[x] < m.pw[p] && !this.interpreterFits(p, s, x)) continue;
              if (c < 0 || m.pw[x] < m.pw[c] || (m.pw[x] === m.pw[c] && x > c)) c = x;
            }
            if (c < 0) continue;
          }
          if (m.pw[c] < m.pw[p] && (bestC < 0 || m.pw[c] < m.pw[bestC] || (m.pw[c] === m.pw[bestC] && c > bestC))) {
            bestS = s;
            bestC = c;
          }
        }
        if (bestS < 0) continue;
        if (bestC >= 0) this.unassign(bestC, false);
        this.assign(p, bestS, false);
        changed = true;
        if (bestC >= 0) {
          this.stamp++;
          this.visit[p] = this.stamp;
          this.tryPlace(bestC, 1);
          this.commit();
        }
      }
    }
  }
}

/** Dinic max flow on small integer capacities (the bound's relaxations). */
class FlowNet {
  private readonly head: Int32Array;
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];

  constructor(private readonly n: number) {
    this.head = new Int32Array(n).fill(-1);
  }

  add(x: number, y: number, c: number): void {
    if (c <= 0) return;
    this.to.push(y, x);
    this.cap.push(c, 0);
    this.next.push(this.head[x], this.head[y]);
    this.head[x] = this.to.length - 2;
    this.head[y] = this.to.length - 1;
  }

  maxFlow(src: number, sink: number): number {
    const n = this.n;
    const head = this.head;
    const to = Int32Array.from(this.to);
    const cap = Int32Array.from(this.cap);
    const next = Int32Array.from(this.next);
    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    const path = new Int32Array(n);
    let flow = 0;
    for (;;) {
      level.fill(-1);
      level[src] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = src;
      while (qh < qt) {
        const x = queue[qh++];
        for (let e = head[x]; e >= 0; e = next[e]) {
          if (cap[e] > 0 && level[to[e]] < 0) {
            level[to[e]] = level[x] + 1;
            queue[qt++] = to[e];
          }
        }
      }
      if (level[sink] < 0) return flow;
      it.set(head);
      let depth = 0;
      let x = src;
      for (;;) {
        if (x === sink) {
          let f = Infinity;
          for (let i = 0; i < depth; i++) f = Math.min(f, cap[path[i]]);
          for (let i = 0; i < depth; i++) {
            cap[path[i]] -= f;
            cap[path[i] ^ 1] += f;
          }
          flow += f;
          let k = 0;
          while (k < depth && cap[path[k]] > 0) k++;
          depth = k; // retreat to the tail of the first saturated arc
          x = depth === 0 ? src : to[path[depth - 1]];
          continue;
        }
        let e = it[x];
        while (e >= 0 && !(cap[e] > 0 && level[to[e]] === level[x] + 1)) e = next[e];
        it[x] = e;
        if (e >= 0) {
          path[depth++] = e;
          x = to[e];
        } else {
          if (x === src) break;
          depth--;
          x = to[path[depth] ^ 1];
          it[x] = next[it[x]];
        }
      }
    }
  }
}

/**
 * A proven upper bound on the meetings any valid schedule can book. Every quantity
 * below is an upper bound by itself, so their minimum is one too. "Feasible pair":
 * a slot exists where both parties are available and not busy (and, for an on-site
 * pair, its venue has a table not in use in that slot) — no other pair can ever meet.
 *
 * (a) the number of feasible pairs: at most one meeting per pair.
 * (b) each registration r meets at most min(feasibleDegree(r), freeSlots(r)) times and
 *     every meeting has two parties, so total ≤ floor(Σ_r min(...) / 2). Tightened by a
 *     per-vertex matching: r's meetings sit in distinct slots, each in a slot both parties
 *     of that pair are free (table there if needed), so meetings(r) ≤ b(r) := maximum
 *     matching between r's feasible pairs and its free slots (≤ both terms above).
 * (c) on-site meetings at venue V ≤ T(V) := Σ_s min(free tables of V in s, V-pairs
 *     feasible in s, ⌊registrations with a V-pair feasible in s / 2⌋); online meetings ≤
 *     the feasible online pairs; so total ≤ online feasible + Σ_V min(T(V), V's feasible pairs).
 * (d) flow relaxation, which combines (b) and (c) soundly. Network: source → r_L (cap
 *     b(r)), r_R → sink (cap b(r)). An online pair {x,y}: arcs x_L→y_R and y_L→x_R of
 *     cap 1. A venue V is modelled in one of two ways (chosen per venue, see below):
 *     - "edge": like an online pair (its table limit is ignored: a relaxation);
 *     - "node": x_L → V_in (cap = x's feasible V-pairs), V_in → V_out (cap 2·T(V)),
 *       V_out → y_R (cap = y's feasible V-pairs). This forgets which pairs may meet
 *       at V (any two of V's registrations may): again only a relaxation.
 *     Any valid schedule maps to a flow of value 2·meetings: meeting {x,y} sends one
 *     unit x_L→…→y_R and one y_L→…→x_R (through V for a table meeting). It respects
 *     every capacity: r's units out of r_L and into r_R each number meetings(r) ≤ b(r);
 *     a pair arc carries ≤ 1; x's units into V_in are its meetings at V ≤ its V-pairs;
 *     units through V are 2·(meetings at V) ≤ 2·T(V). Hence meetings ≤ ⌊maxflow / 2⌋
 *     for every choice of modes. The registrations' (bipartite) double cover keeps this
 *     exact for the degree part: without tables it equals the fractional b-matching LP.
 *     We try all venues as "node", then switch venues to "edge" one by one, keeping
 *     each switch that lowers the value.
 *
 * With interpreters, "feasible" also asks for an interpreter eligible for the pair and
 * free in the slot (every bound above only uses that a meeting sits in a feasible slot,
 * so they all stay valid), and:
 * (e) interpreter capacity. J(Q) := max flow of source → pair p ∈ Q (cap 1) → (class of
 *     p, s) for each feasible slot s of p → (i, s) for each interpreter i eligible for
 *     the class and free in s → sink (cap 1). A schedule's interpreted meetings in Q are
 *     such a flow (one unit each: its pair, slot and interpreter; an interpreter serves
 *     one meeting per slot), so they number ≤ J(Q). This holds per language key and
 *     per (interpreter, slot) jointly, which is what sums of per-key capacities miss.
 *     Let J = J(all interpreted pairs), J_V = J(those at venue V), J_0 = J(online ones).
 *     Total ≤ (uninterpreted feasible pairs) + J, and ≤ (online: uninterpreted feasible
 *     + min(J_0, interpreted feasible)) + Σ_V min(T(V), V's uninterpreted feasible + J_V).
 * (f) (d) with an interpreter pool: interpreted pairs leave the pair arcs and the venue
 *     entries; x_L → P_in (cap = x's feasible interpreted pairs), P_in → P_out (cap 2·J),
 *     P_out → V_in (cap 2·J_V) for a "node" venue, P_out → P_x (cap 2·(J_0 + Σ J_V over
 *     "edge" venues)), P_x → y_R (cap = y's feasible interpreted pairs online or at
 *     "edge" venues); a "node" venue's V_out → y_R keeps all of y's V-pairs, x_L → V_in
 *     only x's uninterpreted ones. An interpreted meeting {x,y} at a "node" venue sends
 *     x_L → P_in → P_out → V_in → V_out → y_R (and back the other way), otherwise
 *     x_L → P_in → P_out → P_x → y_R; each arc then carries at most its cap (the pool
 *     2·interpreted meetings ≤ 2·J, into V_in 2·(interpreted at V) ≤ 2·J_V, through V
 *     2·(all at V) ≤ 2·T(V)), so again meetings ≤ ⌊maxflow / 2⌋. Units may enter as one
 *     pair's and leave as another's: only a relaxation. (d) itself stays as well (the
 *     interpreted pairs as plain pairs); the bound is the minimum of all.
 * Without interpreted pairs (e) and (f) add nothing, and the bound is as before.
 */
function computeUpperBound(m: Model): { upperBound: number; interpreterBound: number } {
  const { S, R, V, P, feasStart, feas, pu, pv, pven, free0, cap, incStart, inc } = m;
  const feasible = (p: number): boolean => feasStart[p + 1] > feasStart[p];

  let boundA = 0;
  let onlineFeasible = 0;
  const venueFeasible = new Int32Array(V);
  const fdeg = new Int32Array(R);
  for (let p = 0; p < P; p++) {
    if (!feasible(p)) continue;
    boundA++;
    fdeg[pu[p]]++;
    fdeg[pv[p]]++;
    if (pven[p] < 0) onlineFeasible++;
    else venueFeasible[pven[p]]++;
  }

  let sumMin = 0;
  for (let r = 0; r < R; r++) {
    let free = 0;
    for (let s = 0; s < S; s++) free += free0[r * S + s];
    sumMin += Math.min(fdeg[r], free);
  }
  const boundB = Math.floor(sumMin / 2);

  // b(r): maximum matching between r's feasible pairs and slots (Kuhn's algorithm, ≤ S augmentations).
  const b = new Int32Array(R);
  const slotOwner = new Int32Array(S);
  const seen = new Int32Array(S);
  let seenStamp = 0;
  for (let r = 0; r < R; r++) {
    const mine: number[] = [];
    for (let i = incStart[r]; i < incStart[r + 1]; i++) if (feasible(inc[i])) mine.push(inc[i]);
    slotOwner.fill(-1);
    const augment = (j: number): boolean => {
      const q = mine[j];
      for (let i = feasStart[q]; i < feasStart[q + 1]; i++) {
        const s = feas[i];
        if (seen[s] === seenStamp) continue;
        seen[s] = seenStamp;
        if (slotOwner[s] < 0 || augment(slotOwner[s])) {
          slotOwner[s] = j;
          return true;
        }
      }
      return false;
    };
    let size = 0;
    for (let j = 0; j < mine.length && size < S; j++) {
      seenStamp++;
      if (augment(j)) size++;
    }
    b[r] = size;
  }
  let sumB = 0;
  for (let r = 0; r < R; r++) sumB += b[r];
  const boundB2 = Math.floor(sumB / 2);

  // T(V) and each registration's feasible pairs per venue.
  const T = new Int32Array(V);
  const vdeg: Map<number, number>[] = Array.from({ length: V }, () => new Map<number, number>());
  {
    const pairsAt = new Int32Array(V * S);
    const regsAt = new Int32Array(V * S);
    // mark[r*S+s] = venue + 1 once r is counted for (venue, s); venues are walked one by one.
    const mark = new Int32Array(R * S);
    for (let ven = 0; ven < V; ven++) {
      for (let i = m.venStart[ven]; i < m.venStart[ven + 1]; i++) {
        const p = m.venPairs[i];
        if (!feasible(p)) continue;
        vdeg[ven].set(pu[p], (vdeg[ven].get(pu[p]) ?? 0) + 1);
        vdeg[ven].set(pv[p], (vdeg[ven].get(pv[p]) ?? 0) + 1);
        for (let j = feasStart[p]; j < feasStart[p + 1]; j++) {
          const s = feas[j];
          pairsAt[ven * S + s]++;
          for (const r of [pu[p], pv[p]]) {
            if (mark[r * S + s] !== ven + 1) {
              mark[r * S + s] = ven + 1;
              regsAt[ven * S + s]++;
            }
          }
        }
      }
      for (let s = 0; s < S; s++) {
        const k = ven * S + s;
        T[ven] += Math.min(cap[k], pairsAt[k], Math.floor(regsAt[k] / 2));
      }
    }
  }
  let boundC = onlineFeasible;
  for (let ven = 0; ven < V; ven++) boundC += Math.min(T[ven], venueFeasible[ven]);

  // (e) J(Q): interpreted meetings among Q, by interpreter-slot capacity.
  const { I, C, pcls, eligStart, elig } = m;
  const interpretedFeasible = (p: number): boolean => pcls[p] >= 0 && feasible(p);
  const capacityFlow = (inQ: (p: number) => boolean): number => {
    const chosen: number[] = [];
    for (let p = 0; p < P; p++) if (interpretedFeasible(p) && inQ(p)) chosen.push(p);
    if (chosen.length === 0) return 0;
    const SRC = 0;
    const SINK = 1;
    const clsNode = (c: number, s: number): number => 2 + c * S + s;
    const itNode = (i: number, s: number): number => 2 + C * S + i * S + s;
    const pairNode = (j: number): number => 2 + C * S + I * S + j;
    const net = new FlowNet(2 + C * S + I * S + chosen.length);
    const usedCls = new Uint8Array(C * S);
    chosen.forEach((p, j) => {
      net.add(SRC, pairNode(j), 1);
      for (let x = feasStart[p]; x < feasStart[p + 1]; x++) {
        net.add(pairNode(j), clsNode(pcls[p], feas[x]), 1);
        usedCls[pcls[p] * S + feas[x]] = 1;
      }
    });
    const usedIt = new Uint8Array(I * S);
    for (let k = 0; k < C * S; k++) {
      if (!usedCls[k]) continue;
      const s = k % S;
      for (let x = eligStart[k]; x < eligStart[k + 1]; x++) {
        net.add(clsNode(Math.floor(k / S), s), itNode(elig[x], s), 1);
        usedIt[elig[x] * S + s] = 1;
      }
    }
    for (let k = 0; k < I * S; k++) if (usedIt[k]) net.add(itNode(Math.floor(k / S), k % S), SINK, 1);
    return net.maxFlow(SRC, SINK);
  };
  let interpretedCount = 0;
  for (let p = 0; p < P; p++) if (interpretedFeasible(p)) interpretedCount++;
  const J = capacityFlow(() => true);
  const JV = new Int32Array(V);
  let J0 = 0;
  let boundE = Infinity;
  if (interpretedCount > 0) {
    for (let ven = 0; ven < V; ven++) JV[ven] = capacityFlow((p) => pven[p] === ven);
    J0 = capacityFlow((p) => pven[p] < 0);
    let plainOnline = 0;
    let interpretedOnline = 0;
    const plainAt = new Int32Array(V);
    for (let p = 0; p < P; p++) {
      if (!feasible(p)) continue;
      if (pcls[p] >= 0) {
        if (pven[p] < 0) interpretedOnline++;
      } else if (pven[p] < 0) plainOnline++;
      else plainAt[pven[p]]++;
    }
    boundE = boundA - interpretedCount + J;
    let perVenue = plainOnline + Math.min(J0, interpretedOnline);
    for (let ven = 0; ven < V; ven++) perVenue += Math.min(T[ven], plainAt[ven] + JV[ven]);
    boundE = Math.min(boundE, perVenue);
  }

  // (d), and (f) when `pool`.
  const flowBound = (nodeMode: boolean[], pool: boolean): number => {
    const SRC = 0;
    const SINK = 1;
    const L = (r: number): number => 2 + r;
    const Rt = (r: number): number => 2 + R + r;
    const vin = (ven: number): number => 2 + 2 * R + 2 * ven;
    const PIN = 2 + 2 * R + 2 * V;
    const POUT = PIN + 1;
    const PX = PIN + 2;
    const net = new FlowNet(2 + 2 * R + 2 * V + (pool ? 3 : 0));
    for (let r = 0; r < R; r++) {
      net.add(SRC, L(r), b[r]);
      net.add(Rt(r), SINK, b[r]);
    }
    const pooled = (p: number): boolean => pool && pcls[p] >= 0;
    for (let p = 0; p < P; p++) {
      if (!feasible(p) || pooled(p) || (pven[p] >= 0 && nodeMode[pven[p]])) continue;
      net.add(L(pu[p]), Rt(pv[p]), 1);
      net.add(L(pv[p]), Rt(pu[p]), 1);
    }
    // Per registration: interpreted pairs entering the pool, leaving it directly, entering a venue.
    const poolIn = pool ? new Int32Array(R) : null;
    const poolOut = pool ? new Int32Array(R) : null;
    const venueIn: Map<number, number>[] = Array.from({ length: V }, () => new Map<number, number>());
    for (let p = 0; p < P; p++) {
      if (!feasible(p)) continue;
      if (pooled(p) && poolIn && poolOut) {
        poolIn[pu[p]]++;
        poolIn[pv[p]]++;
        if (pven[p] < 0 || !nodeMode[pven[p]]) {
          poolOut[pu[p]]++;
          poolOut[pv[p]]++;
        }
      } else if (pven[p] >= 0 && pool) {
        const vi = venueIn[pven[p]];
        vi.set(pu[p], (vi.get(pu[p]) ?? 0) + 1);
        vi.set(pv[p], (vi.get(pv[p]) ?? 0) + 1);
      }
    }
    for (let ven = 0; ven < V; ven++) {
      if (!nodeMode[ven]) continue;
      net.add(vin(ven), vin(ven) + 1, 2 * Math.min(T[ven], venueFeasible[ven]));
      for (const [r, d] of [...vdeg[ven].entries()].sort((x, y) => x[0] - y[0])) {
        net.add(L(r), vin(ven), pool ? (venueIn[ven].get(r) ?? 0) : d);
        net.add(vin(ven) + 1, Rt(r), d);
      }
    }
    if (poolIn && poolOut) {
      net.add(PIN, POUT, 2 * J);
      let rest = J0;
      for (let ven = 0; ven < V; ven++) {
        if (nodeMode[ven]) net.add(POUT, vin(ven), 2 * JV[ven]);
        else rest += JV[ven];
      }
      net.add(POUT, PX, 2 * Math.min(J, rest));
      for (let r = 0; r < R; r++) {
        net.add(L(r), PIN, poolIn[r]);
        net.add(PX, Rt(r), poolOut[r]);
      }
    }
    return Math.floor(net.maxFlow(SRC, SINK) / 2);
  };
  const bestModes = (pool: boolean): number => {
    const modes = new Array<boolean>(V).fill(true);
    let bound = flowBound(modes, pool);
    // Few venues in practice; with many, one uniform alternative keeps this cheap.
    if (V <= 12) {
      for (let ven = 0; ven < V; ven++) {
        modes[ven] = false;
        const f = flowBound(modes, pool);
        if (f < bound) bound = f;
        else modes[ven] = true;
      }
    } else {
      bound = Math.min(bound, flowBound(new Array<boolean>(V).fill(false), pool));
    }
    return bound;
  };
  const boundD = bestModes(false);
  const boundF = interpretedCount > 0 ? bestModes(true) : Infinity;

  const upperBound = Math.min(boundA, boundB, boundB2, boundC, boundD, boundE, boundF);
  return { upperBound, interpreterBound: Math.min(J, interpretedCount, upperBound) };
}

export function schedule(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const started = Date.now();
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const m = prepare(input);
  const engine = new Engine(m, options.seed ?? 0x5eed);
  engine.greedy();
  // The weight phase keeps a fifth of the time even if the repair runs into the cap.
  engine.improveCount(options.workBudget ?? DEFAULT_WORK_BUDGET, started + budgetMs * 0.8);
  engine.improveWeight(started + budgetMs);
  const { upperBound, interpreterBound } = computeUpperBound(m);

  const { S, P, pairs, pu, pv, pven, pcls, free0, cap, commonFree, freeTableNums, slots, venueIds, interpreterIds } = m;
  const nextTable = new Int32Array(m.V * S);
  const meetings: ScheduledMeeting[] = [];
  const unscheduled: { connectionId: string; reason: UnscheduledReason }[] = [];
  let totalWeight = 0;
  let interpretedBooked = 0;
  for (let p = 0; p < P; p++) {
    const s = engine.at[p];
    const ven = pven[p];
    if (s >= 0) {
      // Table numbers go out in connection-id order per (venue, slot): deterministic.
      const table = ven >= 0 ? freeTableNums[ven * S + s][nextTable[ven * S + s]++] : null;
      const meeting: ScheduledMeeting = { connectionId: pairs[p].connectionId, slot: slots[s].index, venueId: ven >= 0 ? venueIds[ven] : null, table };
      if (m.interpreted) {
        meeting.interpreterId = engine.pint[p] >= 0 ? interpreterIds[engine.pint[p]] : null;
        if (engine.pint[p] >= 0) interpretedBooked++;
      }
      meetings.push(meeting);
      totalWeight += pairs[p].weight;
      continue;
    }
    let reason: UnscheduledReason = 'CONFLICTS';
    if (commonFree[p] === 0) reason = 'NO_COMMON_SLOT';
    else if (ven >= 0) {
      // Every slot both parties have free has no table left at the venue.
      let tableFree = false;
      for (let t = 0; t < S && !tableFree; t++) {
        const k = ven * S + t;
        tableFree = free0[pu[p] * S + t] === 1 && free0[pv[p] * S + t] === 1 && engine.used[k] < cap[k];
      }
      if (!tableFree) reason = 'NO_TABLE';
    }
    if (reason === 'CONFLICTS' && pcls[p] >= 0) {
      // Where both parties are free and a table is left, no interpreter can be had (even by swapping).
      let interpreterFree = false;
      for (let t = 0; t < S && !interpreterFree; t++) {
        const k = ven * S + t;
        if (!free0[pu[p] * S + t] || !free0[pv[p] * S + t] || (ven >= 0 && engine.used[k] >= cap[k])) continue;
        interpreterFree = engine.interpreterFits(p, t);
      }
      if (!interpreterFree) reason = 'NO_INTERPRETER';
    }
    unscheduled.push({ connectionId: pairs[p].connectionId, reason });
  }
  const achieved = meetings.length;
  const excludedSlots = input.slots.length - slots.length;
  const result: ScheduleResult = { meetings, unscheduled, achieved, upperBound, ratio: upperBound === 0 ? 1 : achieved / upperBound, totalWeight, excludedSlots };
  if (m.interpreted) {
    let needed = 0;
    for (let p = 0; p < P; p++) if (pcls[p] >= 0) needed++;
    result.interpreting = { needed, booked: interpretedBooked, upperBound: interpreterBound };
  }
  return result;
}
