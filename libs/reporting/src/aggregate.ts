import type { ConnectionCounts, MeetingAttendance, RegistrationCounts } from '@tradebridge/contracts';

/**
 * Roll-ups of the report: PostgreSQL counts an event's rows once, grouped by
 * every dimension together (a few hundred cells however large the event), and
 * these pure functions add the cells up along each dimension. One pass over a
 * million connections instead of one per dimension is what keeps the report
 * inside its time budget.
 */

/** Registrations counted per combination of the report's dimensions. */
export interface RegistrationCell {
  side: string;
  country: string;
  region: string;
  venueId: string;
  attendance: string;
  roomId: string | null;
  registered: number;
  approved: number;
  checkedIn: number;
}

/**
 * Connections counted per side that asked, channel, room, (made ones) the UTC
 * hour they were accepted, and (those whose meeting is a no-show) the
 * meeting's two attendance records.
 */
export interface ConnectionCell {
  fromSide: string;
  /** The other side (the receiver's). */
  toSide: string;
  channel: string;
  roomId: string | null;
  /** ISO hour, e.g. 2021-01-19T03:00:00Z; null unless these were made. */
  madeHour: string | null;
  requested: number;
  made: number;
  declined: number;
  expired: number;
  /** The requester's and the receiver's records of the connection's meeting when it is a no-show, else null. */
  noShow: [MeetingAttendance | null, MeetingAttendance | null] | null;
}

/**
 * Connections made per venue pair and per pair of HS chapter sets traded:
 * `sold` = chapters the asking party offers that the other needs, `bought` =
 * the other way round. Each set is a chapter bit set split in two integers
 * (chapters 01–63 in `lo`, bit n-1; 64–97 in `hi`, bit n-64), as PostgreSQL
 * returns them (bigint as text).
 */
export interface TradeCell {
  fromVenueId: string;
  toVenueId: string;
  fromSide: string;
  toSide: string;
  soldLo: string;
  soldHi: string;
  boughtLo: string;
  boughtHi: string;
  made: number;
}

export type RegistrationDimension = 'side' | 'country' | 'region' | 'venue' | 'attendance' | 'room';
export type ConnectionDimension = 'side' | 'channel' | 'room';

const REGISTRATION_KEY: Record<RegistrationDimension, (c: RegistrationCell) => string> = {
  side: (c) => c.side,
  country: (c) => c.country,
  region: (c) => c.region,
  venue: (c) => c.venueId,
  attendance: (c) => c.attendance,
  room: (c) => c.roomId ?? '',
};

const CONNECTION_KEY: Record<ConnectionDimension, (c: ConnectionCell) => string> = {
  side: (c) => c.fromSide,
  channel: (c) => c.channel,
  room: (c) => c.roomId ?? '',
};

/** The registration counts along one dimension, by key (sorted), or in total with `null`. */
export function rollUpRegistrations(cells: RegistrationCell[], dimension: RegistrationDimension | null): RegistrationCounts[] {
  const keyOf = dimension ? REGISTRATION_KEY[dimension] : () => 'all';
  const sums = new Map<string, RegistrationCounts>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const sum = sums.get(key) ?? { key, registered: 0, approved: 0, checkedIn: 0 };
    sum.registered += cell.registered;
    sum.approved += cell.approved;
    sum.checkedIn += cell.checkedIn;
    sums.set(key, sum);
  }
  return sorted(sums);
}

/** The connection counts along one dimension, by key (sorted), or in total with `null`. */
export function rollUpConnections(cells: ConnectionCell[], dimension: ConnectionDimension | null): ConnectionCounts[] {
  const keyOf = dimension ? CONNECTION_KEY[dimension] : () => 'all';
  const sums = new Map<string, ConnectionCounts>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const sum = sums.get(key) ?? { key, requested: 0, made: 0, declined: 0, expired: 0 };
    sum.requested += cell.requested;
    sum.made += cell.made;
    sum.declined += cell.declined;
    sum.expired += cell.expired;
    sums.set(key, sum);
  }
  return sorted(sums);
}

/** Connections made per hour, oldest first. */
export function madePerHour(cells: ConnectionCell[]): { at: string; made: number }[] {
  const hours = new Map<string, number>();
  for (const cell of cells) if (cell.madeHour && cell.made) hours.set(cell.madeHour, (hours.get(cell.madeHour) ?? 0) + cell.made);
  return [...hours].map(([at, made]) => ({ at, made })).sort((a, b) => (a.at < b.at ? -1 : 1));
}

/** Connections made between each unordered pair of venues, most first. */
export function madeByVenuePair(cells: TradeCell[]): { venueA: string; venueB: string; made: number }[] {
  const pairs = new Map<string, { venueA: string; venueB: string; made: number }>();
  for (const cell of cells) {
    const [venueA, venueB] = [cell.fromVenueId, cell.toVenueId].sort();
    const key = `${venueA}|${venueB}`;
    const pair = pairs.get(key) ?? { venueA, venueB, made: 0 };
    pair.made += cell.made;
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort((a, b) => b.made - a.made || a.venueA.localeCompare(b.venueA) || a.venueB.localeCompare(b.venueB));
}

/**
 * Connections made per HS section traded: a section counts a connection once
 * when one party offers goods of a chapter in it that the other needs, either
 * way round. Most first.
 */
export function madeBySection(cells: TradeCell[], sectionOfChapter: Readonly<Record<string, string>>): { section: string; made: number }[] {
  const sections = new Map<string, number>();
  for (const cell of cells) {
    const traded = new Set([...chaptersOf(cell.soldLo, cell.soldHi), ...chaptersOf(cell.boughtLo, cell.boughtHi)].map((c) => sectionOfChapter[c]).filter(Boolean));
    for (const section of traded) sections.set(section, (sections.get(section) ?? 0) + cell.made);
  }
  return [...sections].map(([section, made]) => ({ section, made })).sort((a, b) => b.made - a.made || a.section.localeCompare(b.section));
}

/**
 * The goods pairs connected: an HS chapter one party offers matched with the
 * other party's need for it, and which side sells to which. A connection
 * counts once for every such pair it holds. The `limit` most connected first.
 */
export function topHsPairs(cells: TradeCell[], limit: number): { chapter: string; sellerSide: string; buyerSide: string; made: number }[] {
  const pairs = new Map<string, { chapter: string; sellerSide: string; buyerSide: string; made: number }>();
  const add = (chapter: string, sellerSide: string, buyerSide: string, made: number) => {
    const key = `${chapter}|${sellerSide}|${buyerSide}`;
    const pair = pairs.get(key) ?? { chapter, sellerSide, buyerSide, made: 0 };
    pair.made += made;
    pairs.set(key, pair);
  };
  for (const cell of cells) {
    for (const chapter of chaptersOf(cell.soldLo, cell.soldHi)) add(chapter, cell.fromSide, cell.toSide, cell.made);
    for (const chapter of chaptersOf(cell.boughtLo, cell.boughtHi)) add(chapter, cell.toSide, cell.fromSide, cell.made);
  }
  return [...pairs.values()].sort((a, b) => b.made - a.made || a.chapter.localeCompare(b.chapter) || a.sellerSide.localeCompare(b.sellerSide)).slice(0, limit);
}

/** The two-digit chapters in a split chapter bit set (see TradeCell). */
export function chaptersOf(lo: string, hi: string): string[] {
  const chapters: string[] = [];
  const collect = (bits: bigint, first: number) => {
    for (let bit = 0; bits > 0n; bit++, bits >>= 1n) if (bits & 1n) chapters.push(String(first + bit).padStart(2, '0'));
  };
  collect(BigInt(lo), 1);
  collect(BigInt(hi), 64);
  return chapters;
}

function sorted<T extends { key: string }>(sums: Map<string, T>): T[] {
  return [...sums.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
