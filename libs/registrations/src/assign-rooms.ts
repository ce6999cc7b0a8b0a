/**
 * Room assignment (SPEC "Room assignment"): places approved registrations of an event into its
 * sector trade rooms. Pure and deterministic: plain data in, plain data out, no I/O, and the
 * result does not depend on the order of any input array (rooms, registrations, codes).
 *
 * Priorities, highest first:
 *   1. capacity is never exceeded (kept registrations count against it);
 *   2. organizer decisions (`currentRoomId`) are kept as they are;
 *   3. a registration is left out only when there is no room or no free seat at all;
 *   4. every room that receives anyone has both sides (when feasible);
 *   5. each registration goes where its HS codes best overlap the room's sectors.
 *
 * Overlap score of a registration with a room, per distinct HS code of the registration:
 *   - CHAPTER_MATCH_WEIGHT (2) when the code's chapter (first 2 digits) is one of the room's chapters;
 *   - otherwise SECTION_MATCH_WEIGHT (1) when the chapter's section (via `sectionOfChapter`) is
 *     one of the room's sections;
 *   - otherwise 0.
 * A chapter match is more specific than a section match, hence the higher weight; the two do not add up.
 */

export interface RoomForAssignment {
  id: string;
  /** HS sections as roman numerals ("II", "XI") and/or HS chapters as 2-digit strings ("08", "61"). */
  sectorCodes: string[];
  /** Max registrations in the room, including those already placed. */
  capacity: number;
}

export interface RegistrationForAssignment {
  id: string;
  /** Country code of its delegation, e.g. "VN" or "CN". */
  side: string;
  /** The enterprise's offers and needs: HS codes of 2, 4 or 6 digits. */
  hsCodes: string[];
  /** Already placed (e.g. an organizer's manual override): kept there and counted against capacity. */
  currentRoomId: string | null;
}

export interface AssignmentInput {
  rooms: RoomForAssignment[];
  registrations: RegistrationForAssignment[];
  sides: [string, string];
  /** HS chapter ("08") -> HS section ("II"); the caller passes the reference table so the function stays pure. */
  sectionOfChapter: Record<string, string>;
}

/**
 * Why a registration got no room. Stable codes, safe to switch on:
 * - `NO_ROOMS`: the input has no rooms at all (the event has no sector rooms yet).
 * - `ALL_ROOMS_FULL`: rooms exist but no seat was free when this registration's turn came
 *   (capacity is used up by kept registrations and better-matching registrations placed first).
 */
export type UnassignedReason = 'NO_ROOMS' | 'ALL_ROOMS_FULL';

export interface RoomAssignment {
  registrationId: string;
  roomId: string;
  /** Overlap score with that room (see weights above). */
  overlap: number;
  /** true when the registration was already in this room (`currentRoomId`) and was left there. */
  kept: boolean;
}

export interface UnassignedRegistration {
  registrationId: string;
  reason: UnassignedReason;
  /** English, for people (organizer UI, logs). */
  message: string;
}

export interface AssignmentResult {
  /** One entry per placed registration, sorted by registrationId. */
  assignments: RoomAssignment[];
  /** One entry per registration that could not be placed, sorted by registrationId. */
  unassigned: UnassignedRegistration[];
  /** Rooms that end up without a registration of one of the sides (empty when feasible), by roomId then side order. */
  roomsMissingASide: { roomId: string; missingSide: string }[];
}

export const CHAPTER_MATCH_WEIGHT = 2;
export const SECTION_MATCH_WEIGHT = 1;

interface RoomState {
  id: string;
  /** Position in id order: doubles as the final tie-breaker. */
  index: number;
  chapters: Set<string>;
  sections: Set<string>;
  capacity: number;
  count: number;
  /** Registrations per side, indexed like `sides`. */
  sideCounts: number[];
}

interface ChapterWeight {
  chapter: string;
  section: string | undefined;
  /** How many distinct HS codes of the registration fall in this chapter. */
  codes: number;
}

interface RegState {
  id: string;
  /** Position in id order. */
  index: number;
  /** Index into `sides`, or -1 for a side that is not one of the event's two sides. */
  sideIndex: number;
  chapters: ChapterWeight[];
  currentRoomId: string | null;
}

// Code-unit comparison, not localeCompare: the order must not depend on the runtime's locale.
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function normalizeChapter(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 0) return null;
  // "8" is how spreadsheets mangle "08"; anything longer is a heading/subheading whose chapter is its first 2 digits.
  return digits.length === 1 ? `0${digits}` : digits.slice(0, 2);
}

function parseRoom(room: RoomForAssignment, index: number, sideCount: number): RoomState {
  const chapters = new Set<string>();
  const sections = new Set<string>();
  for (const raw of room.sectorCodes) {
    const code = raw.trim().toUpperCase();
    if (code === '') continue;
    if (/^[\d.\s]+$/.test(code)) {
      const chapter = normalizeChapter(code);
      if (chapter !== null) chapters.add(chapter);
    } else {
      sections.add(code);
    }
  }
  // NaN/negative capacities would break the arithmetic below; treat them as "no seats".
  const capacity = Number.isNaN(room.capacity) ? 0 : Math.max(0, Math.floor(room.capacity));
  const sideCounts = new Array<number>(sideCount).fill(0);
  return { id: room.id, index, chapters, sections, capacity, count: 0, sideCounts };
}

function parseRegistration(reg: RegistrationForAssignment, index: number, sides: string[], sectionOf: Map<string, string>): RegState {
  // Distinct codes only, so listing a code both as offer and need does not double its weight.
  const distinct = new Set<string>();
  for (const raw of reg.hsCodes) {
    const digits = raw.replace(/\D/g, '');
    if (digits.length >= 2) distinct.add(digits);
  }
  const perChapter = new Map<string, number>();
  for (const code of distinct) {
    const chapter = code.slice(0, 2);
    perChapter.set(chapter, (perChapter.get(chapter) ?? 0) + 1);
  }
  const chapters: ChapterWeight[] = [...perChapter.entries()].sort((a, b) => compareIds(a[0], b[0])).map(([chapter, codes]) => ({ chapter, section: sectionOf.get(chapter), codes }));
  return { id: reg.id, index, sideIndex: sides.indexOf(reg.side), chapters, currentRoomId: reg.currentRoomId };
}

/** Weight of one HS code of `chapter` in `room` (the scoring rule, per code). */
function codeWeight(chapter: string, section: string | undefined, room: RoomState): number {
  if (room.chapters.has(chapter)) return CHAPTER_MATCH_WEIGHT;
  if (section !== undefined && room.sections.has(section)) return SECTION_MATCH_WEIGHT;
  return 0;
}

function sortedUniqueById<T extends { id: string }>(items: T[], what: string): T[] {
  const sorted = [...items].sort((a, b) => compareIds(a.id, b.id));
  for (let i = 1; i < sorted.length; i++) {
    // With duplicate ids the output would depend on input order, so refuse instead of guessing.
    if (sorted[i].id === sorted[i - 1].id) throw new Error(`assignRooms: duplicate ${what} id "${sorted[i].id}"`);
  }
  return sorted;
}

export function assignRooms(input: AssignmentInput): AssignmentResult {
  const sides = [...new Set(input.sides)];
  const sectionOf = new Map<string, string>();
  for (const [chapter, section] of Object.entries(input.sectionOfChapter)) {
    const key = normalizeChapter(chapter);
    if (key !== null) sectionOf.set(key, section.trim().toUpperCase());
  }

  const rooms = sortedUniqueById(input.rooms, 'room').map((r, i) => parseRoom(r, i, sides.length));
  const regs = sortedUniqueById(input.registrations, 'registration').map((r, i) => parseRegistration(r, i, sides, sectionOf));
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const R = rooms.length;
  const N = regs.length;

  if (R === 0) {
    return {
      assignments: [],
      unassigned: regs.map((r) => ({
        registrationId: r.id,
        reason: 'NO_ROOMS',
        message: `Registration ${r.id} was not placed: the event has no trade rooms yet. ` + 'Create rooms, then run the assignment again.',
      })),
      roomsMissingASide: [],
    };
  }

  // Overlap matrix, row per registration: computed once, everything below only reads it.
  const overlap = new Int32Array(N * R);
  const best = new Int32Array(N);
  // There are ~100 HS chapters but thousands of registrations: weigh each chapter against every room once.
  const weightsByChapter = new Map<string, Int32Array>();
  for (const reg of regs) {
    const row = reg.index * R;
    for (const c of reg.chapters) {
      let weights = weightsByChapter.get(c.chapter);
      if (weights === undefined) {
        weights = Int32Array.from(rooms, (room) => codeWeight(c.chapter, c.section, room));
        weightsByChapter.set(c.chapter, weights);
      }
      for (let j = 0; j < R; j++) overlap[row + j] += c.codes * weights[j];
    }
    let top = 0;
    for (let j = 0; j < R; j++) if (overlap[row + j] > top) top = overlap[row + j];
    best[reg.index] = top;
  }

  const placedRoom = new Array<RoomState | null>(N).fill(null);
  const kept = new Array<boolean>(N).fill(false);
  const place = (reg: RegState, room: RoomState, isKept: boolean): void => {
    placedRoom[reg.index] = room;
    kept[reg.index] = isKept;
    room.count++;
    if (reg.sideIndex >= 0) room.sideCounts[reg.sideIndex]++;
  };
  const free = (room: RoomState): number => Math.max(0, room.capacity - room.count);

  // Organizer overrides stay, even past capacity. A currentRoomId naming a room that is not in the
  // input (deleted room) is stale, so that registration is placed again like any other.
  const pending: RegState[] = [];
  for (const reg of regs) {
    const room = reg.currentRoomId === null ? undefined : roomById.get(reg.currentRoomId);
    if (room !== undefined) place(reg, room, true);
    else pending.push(reg);
  }

  // Phase 1: anchor one registration of each side in every room we can make two-sided.
  // A "slot" is (room, side) still needing that side; slots never exceed the room's free seats.
  const slots: RoomState[][] = sides.map(() => []);
  for (const room of rooms) {
    if (room.count === 0) continue;
    const missing = sides.map((_, s) => s).filter((s) => room.sideCounts[s] === 0);
    for (const s of missing.slice(0, free(room))) slots[s].push(room);
  }
  const pendingBySide: RegState[][] = sides.map((_, s) => pending.filter((r) => r.sideIndex === s));
  // Empty rooms are opened only as far as every side can still give each one an anchor; the rest stay
  // empty (and phase 2 avoids them) rather than become one-sided rooms.
  let openable = Infinity;
  for (let s = 0; s < sides.length; s++) openable = Math.min(openable, pendingBySide[s].length - slots[s].length);
  const emptyRooms = rooms.filter((r) => r.count === 0 && free(r) >= sides.length);
  if (openable > 0 && emptyRooms.length > 0) {
    const demand = new Map<RoomState, number>();
    for (const room of emptyRooms) {
      let total = 0;
      for (const reg of pending) total += overlap[reg.index * R + room.index];
      demand.set(room, total);
    }
    // Biggest rooms first so that the rooms we open can hold everyone (fewer forced one-sided rooms),
    // then the rooms most registrations match.
    emptyRooms.sort((a, b) => free(b) - free(a) || (demand.get(b) ?? 0) - (demand.get(a) ?? 0) || a.index - b.index);
    for (const room of emptyRooms.slice(0, openable)) for (const roomSlots of slots) roomSlots.push(room);
  }
  for (let s = 0; s < sides.length; s++) fillSlots(pendingBySide[s], slots[s]);

  function fillSlots(candidates: RegState[], slotRooms: RoomState[]): void {
    if (candidates.length === 0 || slotRooms.length === 0) return;
    // Greedy over (registration, slot) pairs: highest overlap first; on ties prefer the registration
    // that loses least against its own best room (regret), so anchors do not steal others' best fits.
    interface Pair {
      reg: RegState;
      room: RoomState;
      score: number;
      regret: number;
    }
    const before = (a: Pair, b: Pair): number => b.score - a.score || a.regret - b.regret || a.reg.index - b.reg.index || a.room.index - b.room.index;
    // Only each slot's top K candidates (K = number of slots) can matter: other slots can take at most
    // K-1 of them first. Keeping just those gives the same result as sorting all N x K pairs, much faster.
    const k = slotRooms.length;
    const pairs: Pair[] = [];
    for (const room of slotRooms) {
      const top: Pair[] = [];
      for (const reg of candidates) {
        const score = overlap[reg.index * R + room.index];
        const pair: Pair = { reg, room, score, regret: best[reg.index] - score };
        if (top.length === k && before(pair, top[k - 1]) >= 0) continue;
        let at = top.length === k ? k - 1 : top.length;
        while (at > 0 && before(pair, top[at - 1]) < 0) {
          top[at] = top[at - 1];
          at--;
        }
        top[at] = pair;
      }
      pairs.push(...top);
    }
    pairs.sort(before);
    const filled = new Set<RoomState>();
    for (const p of pairs) {
      if (filled.size === slotRooms.length) break;
      if (filled.has(p.room) || placedRoom[p.reg.index] !== null) continue;
      place(p.reg, p.room, false);
      filled.add(p.room);
    }
  }

  // Phase 2: everyone else, best-fitting registrations first (so a shortage of seats hits the weakest
  // fits), then by id. Each goes to a room that already has people (keeps empty rooms from becoming
  // one-sided), then best overlap, then most free seats (spreads zero-overlap registrations), then room id.
  // When a side has no registration at all, no room can have both sides, so only overlap counts
  // (otherwise everyone would be packed into the first room used, whatever its sectors).
  const everySideHasSomeone = sides.every((_, s) => regs.some((r) => r.sideIndex === s));
  const rest = pending.filter((r) => placedRoom[r.index] === null).sort((a, b) => best[b.index] - best[a.index] || a.index - b.index);
  let totalFree = 0;
  for (const room of rooms) totalFree += free(room);
  const totalCapacity = rooms.reduce((sum, r) => sum + r.capacity, 0);
  const unassigned: UnassignedRegistration[] = [];
  for (const reg of rest) {
    let chosen: RoomState | null = null;
    let chosenOccupied = false;
    let chosenScore = -1;
    let chosenFree = -1;
    if (totalFree > 0) {
      for (const room of rooms) {
        const f = free(room);
        if (f === 0) continue;
        const occupied = everySideHasSomeone && room.count > 0;
        const score = overlap[reg.index * R + room.index];
        // Rooms are scanned in id order, so strict ">" keeps the lowest id on a full tie.
        const better = chosen === null || (occupied !== chosenOccupied ? occupied : score !== chosenScore ? score > chosenScore : f > chosenFree);
        if (better) {
          chosen = room;
          chosenOccupied = occupied;
          chosenScore = score;
          chosenFree = f;
        }
      }
    }
    if (chosen !== null) {
      place(reg, chosen, false);
      totalFree--;
    } else {
      unassigned.push({
        registrationId: reg.id,
        reason: 'ALL_ROOMS_FULL',
        message:
          `Registration ${reg.id} was not placed: all ${R} room${R === 1 ? ' is' : 's are'} full ` +
          `(total capacity ${totalCapacity}). Raise a room's capacity or add a room, then run the assignment again.`,
      });
    }
  }

  const assignments: RoomAssignment[] = [];
  for (const reg of regs) {
    const room = placedRoom[reg.index];
    if (room === null) continue;
    const score = overlap[reg.index * R + room.index];
    assignments.push({ registrationId: reg.id, roomId: room.id, overlap: score, kept: kept[reg.index] });
  }
  unassigned.sort((a, b) => compareIds(a.registrationId, b.registrationId));

  const roomsMissingASide: { roomId: string; missingSide: string }[] = [];
  for (const room of rooms) {
    if (room.count === 0) continue;
    sides.forEach((side, s) => {
      if (room.sideCounts[s] === 0) roomsMissingASide.push({ roomId: room.id, missingSide: side });
    });
  }

  return { assignments, unassigned, roomsMissingASide };
}
