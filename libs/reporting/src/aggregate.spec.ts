import fc from 'fast-check';
import { chaptersOf, ConnectionCell, madeBySection, madeByVenuePair, madePerHour, RegistrationCell, rollUpRegistrations, TradeCell, topHsPairs } from './aggregate';

const SECTION: Record<string, string> = { '08': 'II', '09': 'II', '72': 'XV', '84': 'XVI', '85': 'XVI' };

/** A chapter bit set as the database returns it. */
function bits(chapters: number[]): { lo: string; hi: string } {
  let lo = 0n;
  let hi = 0n;
  for (const c of chapters) {
    if (c <= 63) lo |= 1n << BigInt(c - 1);
    else hi |= 1n << BigInt(c - 64);
  }
  return { lo: String(lo), hi: String(hi) };
}

function trade(made: number, sold: number[], bought: number[], from = 'v1', to = 'v2'): TradeCell {
  const s = bits(sold);
  const b = bits(bought);
  return { fromVenueId: from, toVenueId: to, fromSide: 'VN', toSide: 'CN', soldLo: s.lo, soldHi: s.hi, boughtLo: b.lo, boughtHi: b.hi, made };
}

describe('report roll-ups', () => {
  it('reads chapter bit sets on both sides of the 63/64 split', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 97 }), { maxLength: 20 }), (chapters) => {
        const { lo, hi } = bits(chapters);
        expect(chaptersOf(lo, hi)).toEqual([...chapters].sort((a, b) => a - b).map((c) => String(c).padStart(2, '0')));
      }),
    );
    expect(chaptersOf('128', '1048576')).toEqual(['08', '84']);
  });

  it('sums registration cells along each dimension, and in total', () => {
    const cell = (side: string, venueId: string, roomId: string | null, registered: number, approved: number): RegistrationCell => ({
      side,
      country: side,
      region: `${side}-01`,
      venueId,
      attendance: 'onsite',
      roomId,
      registered,
      approved,
      checkedIn: 0,
    });
    const cells = [cell('VN', 'a', 'r1', 3, 2), cell('CN', 'a', null, 4, 4), cell('VN', 'b', 'r1', 1, 1)];
    expect(rollUpRegistrations(cells, null)).toEqual([{ key: 'all', registered: 8, approved: 7, checkedIn: 0 }]);
    expect(rollUpRegistrations(cells, 'side')).toEqual([
      { key: 'CN', registered: 4, approved: 4, checkedIn: 0 },
      { key: 'VN', registered: 4, approved: 3, checkedIn: 0 },
    ]);
    expect(rollUpRegistrations(cells, 'room').map((r) => [r.key, r.registered])).toEqual([
      ['', 4],
      ['r1', 4],
    ]);
  });

  it('counts a connection once per section even when it trades two chapters of it', () => {
    const cells = [trade(5, [8, 9], [84]), trade(2, [72], []), trade(1, [], [])];
    expect(madeBySection(cells, SECTION)).toEqual([
      { section: 'II', made: 5 },
      { section: 'XVI', made: 5 },
      { section: 'XV', made: 2 },
    ]);
  });

  it('sums the made connections per hour, oldest first, leaving out cells with none made', () => {
    const cell = (madeHour: string | null, made: number, requested = made): ConnectionCell => ({
      fromSide: 'VN',
      toSide: 'CN',
      noShow: null,
      channel: 'online',
      roomId: null,
      madeHour,
      requested,
      made,
      declined: 0,
      expired: 0,
    });
    expect(madePerHour([cell('2021-01-19T04:00:00Z', 2), cell(null, 0, 5), cell('2021-01-19T03:00:00Z', 1), cell('2021-01-19T04:00:00Z', 3)])).toEqual([
      { at: '2021-01-19T03:00:00Z', made: 1 },
      { at: '2021-01-19T04:00:00Z', made: 5 },
    ]);
  });

  it('pairs venues without regard to direction', () => {
    expect(madeByVenuePair([trade(2, [], [], 'b', 'a'), trade(3, [], [], 'a', 'b'), trade(1, [], [], 'a', 'a')])).toEqual([
      { venueA: 'a', venueB: 'b', made: 5 },
      { venueA: 'a', venueB: 'a', made: 1 },
    ]);
  });

  it('ranks the goods sold each way, seller side first', () => {
    const pairs = topHsPairs([trade(5, [8], [84]), trade(3, [8, 72], [])], 2);
    expect(pairs).toEqual([
      { chapter: '08', sellerSide: 'VN', buyerSide: 'CN', made: 8 },
      { chapter: '84', sellerSide: 'CN', buyerSide: 'VN', made: 5 },
    ]);
  });
});
