import fc from 'fast-check';
import { assignRooms, AssignmentInput, AssignmentResult, RegistrationForAssignment, RoomForAssignment } from './assign-rooms';

// Small slice of the HS chapter -> section table; enough for the codes used below.
const SECTION_OF_CHAPTER: Record<string, string> = {
  '01': 'I',
  '02': 'I',
  '03': 'I',
  '04': 'I',
  '06': 'II',
  '07': 'II',
  '08': 'II',
  '09': 'II',
  '10': 'II',
  '15': 'III',
  '16': 'IV',
  '19': 'IV',
  '20': 'IV',
  '22': 'IV',
  '52': 'XI',
  '61': 'XI',
  '62': 'XI',
  '84': 'XVI',
  '85': 'XVI',
};
const CHAPTERS = Object.keys(SECTION_OF_CHAPTER);
const SECTIONS = [...new Set(Object.values(SECTION_OF_CHAPTER))];
const SIDES: [string, string] = ['VN', 'CN'];

function room(id: string, sectorCodes: string[], capacity: number): RoomForAssignment {
  return { id, sectorCodes, capacity };
}
function reg(id: string, side: string, hsCodes: string[], currentRoomId: string | null = null): RegistrationForAssignment {
  return { id, side, hsCodes, currentRoomId };
}
function input(rooms: RoomForAssignment[], registrations: RegistrationForAssignment[]): AssignmentInput {
  return { rooms, registrations, sides: SIDES, sectionOfChapter: SECTION_OF_CHAPTER };
}
function roomOf(result: AssignmentResult, registrationId: string): string | undefined {
  return result.assignments.find((a) => a.registrationId === registrationId)?.roomId;
}

// Seeded PRNG + Fisher-Yates, so shuffles are reproducible from a fast-check seed.
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
function shuffle<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
function shuffledInput(src: AssignmentInput, seed: number): AssignmentInput {
  const rnd = mulberry32(seed);
  return {
    ...src,
    rooms: shuffle(src.rooms, rnd).map((r) => ({ ...r, sectorCodes: shuffle(r.sectorCodes, rnd) })),
    registrations: shuffle(src.registrations, rnd).map((r) => ({ ...r, hsCodes: shuffle(r.hsCodes, rnd) })),
  };
}

// Independent, naive statement of the scoring rule (chapter match 2, section-only match 1, per distinct code).
function expectedOverlap(r: RegistrationForAssignment, rm: RoomForAssignment): number {
  const chapters = new Set(rm.sectorCodes.filter((c) => /^\d\d$/.test(c)));
  const sections = new Set(rm.sectorCodes.filter((c) => !/^\d\d$/.test(c)));
  let score = 0;
  for (const code of new Set(r.hsCodes)) {
    const chapter = code.slice(0, 2);
    if (chapters.has(chapter)) score += 2;
    else if (sections.has(SECTION_OF_CHAPTER[chapter])) score += 1;
  }
  return score;
}

/** Invariants that must hold for every input. */
function checkInvariants(inp: AssignmentInput, out: AssignmentResult): void {
  const roomIds = new Set(inp.rooms.map((r) => r.id));
  const roomById = new Map(inp.rooms.map((r) => [r.id, r]));
  const regById = new Map(inp.registrations.map((r) => [r.id, r]));

  // Every registration exactly once, either assigned or unassigned.
  const seen = [...out.assignments.map((a) => a.registrationId), ...out.unassigned.map((u) => u.registrationId)];
  expect(seen.slice().sort()).toEqual(inp.registrations.map((r) => r.id).sort());
  expect(new Set(seen).size).toBe(seen.length);

  const total = new Map<string, number>();
  const keptCount = new Map<string, number>();
  for (const a of out.assignments) {
    const r = regById.get(a.registrationId)!;
    expect(roomIds.has(a.roomId)).toBe(true);
    // Kept iff it was already in an existing room, and then it did not move.
    const shouldKeep = r.currentRoomId !== null && roomIds.has(r.currentRoomId);
    expect(a.kept).toBe(shouldKeep);
    if (shouldKeep) expect(a.roomId).toBe(r.currentRoomId);
    expect(a.overlap).toBe(expectedOverlap(r, roomById.get(a.roomId)!));
    total.set(a.roomId, (total.get(a.roomId) ?? 0) + 1);
    if (a.kept) keptCount.set(a.roomId, (keptCount.get(a.roomId) ?? 0) + 1);
  }
  for (const r of inp.registrations) {
    if (r.currentRoomId !== null && roomIds.has(r.currentRoomId)) {
      expect(out.unassigned.some((u) => u.registrationId === r.id)).toBe(false);
    }
  }
  // Capacity: new placements only into free seats left after kept ones.
  for (const rm of inp.rooms) {
    const kept = keptCount.get(rm.id) ?? 0;
    const added = (total.get(rm.id) ?? 0) - kept;
    expect(added).toBeLessThanOrEqual(Math.max(0, rm.capacity - kept));
  }
  // Someone is left out only if there are no rooms or every room is full.
  for (const u of out.unassigned) {
    expect(u.message.length).toBeGreaterThan(10);
    if (inp.rooms.length === 0) expect(u.reason).toBe('NO_ROOMS');
    else {
      expect(u.reason).toBe('ALL_ROOMS_FULL');
      for (const rm of inp.rooms) expect(total.get(rm.id) ?? 0).toBeGreaterThanOrEqual(rm.capacity);
    }
  }
  // roomsMissingASide is exactly the set of non-empty rooms lacking a side.
  const expectedMissing: { roomId: string; missingSide: string }[] = [];
  for (const rm of [...inp.rooms].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const inRoom = out.assignments.filter((a) => a.roomId === rm.id).map((a) => regById.get(a.registrationId)!.side);
    if (inRoom.length === 0) continue;
    for (const side of inp.sides) {
      if (!inRoom.includes(side)) expectedMissing.push({ roomId: rm.id, missingSide: side });
    }
  }
  expect(out.roomsMissingASide).toEqual(expectedMissing);
}

describe('assignRooms', () => {
  it('prefers a chapter match over a section-only match', () => {
    const inp = input(
      [room('section-II', ['II'], 10), room('fruit', ['08'], 10)],
      [reg('vn-durian', 'VN', ['081060']), reg('cn-durian', 'CN', ['0810']), reg('vn-coffee', 'VN', ['0901']), reg('cn-rice', 'CN', ['1006'])],
    );
    const out = assignRooms(inp);
    expect(out.assignments).toEqual([
      { registrationId: 'cn-durian', roomId: 'fruit', overlap: 2, kept: false },
      { registrationId: 'cn-rice', roomId: 'section-II', overlap: 1, kept: false },
      { registrationId: 'vn-coffee', roomId: 'section-II', overlap: 1, kept: false },
      { registrationId: 'vn-durian', roomId: 'fruit', overlap: 2, kept: false },
    ]);
    expect(out.unassigned).toEqual([]);
    expect(out.roomsMissingASide).toEqual([]);
  });

  it('counts every distinct code, so several section matches can beat one chapter match', () => {
    const out = assignRooms(
      input(
        [room('fruit', ['08'], 10), room('textiles', ['XI'], 10)],
        // Three chapter-61/62 codes (section XI, 1 each) vs one chapter-08 code (2); duplicates count once.
        [reg('vn-garments', 'VN', ['610910', '620342', '611020', '0810', '610910'])],
      ),
    );
    expect(out.assignments).toEqual([{ registrationId: 'vn-garments', roomId: 'textiles', overlap: 3, kept: false }]);
    expect(out.roomsMissingASide).toEqual([{ roomId: 'textiles', missingSide: 'CN' }]);
  });

  it('keeps both sides in every room even when each side favours a different room', () => {
    const inp = input(
      [room('fruit', ['08'], 10), room('textiles', ['61'], 10)],
      [reg('vn-1', 'VN', ['0810']), reg('vn-2', 'VN', ['0804']), reg('vn-3', 'VN', ['0801']), reg('cn-1', 'CN', ['6109']), reg('cn-2', 'CN', ['6110']), reg('cn-3', 'CN', ['6104'])],
    );
    const out = assignRooms(inp);
    checkInvariants(inp, out);
    expect(out.unassigned).toEqual([]);
    expect(out.roomsMissingASide).toEqual([]);
    const sidesIn = (roomId: string): string[] =>
      out.assignments
        .filter((a) => a.roomId === roomId)
        .map((a) => a.registrationId.slice(0, 2))
        .sort();
    expect(new Set(sidesIn('fruit'))).toEqual(new Set(['cn', 'vn']));
    expect(new Set(sidesIn('textiles'))).toEqual(new Set(['cn', 'vn']));
    // Only one anchor per room is off-sector; the others follow their overlap.
    expect(out.assignments.filter((a) => a.overlap === 0)).toHaveLength(2);
  });

  it('picks room anchors that do not give up a better room of their own', () => {
    // vn-1 and vn-2 tie (overlap 1) for the VN anchor of section-II, but vn-1 belongs in fruit (overlap 2).
    const out = assignRooms(
      input(
        [room('section-II', ['II'], 10), room('fruit', ['08'], 10)],
        [reg('vn-0', 'VN', ['0810', '0804']), reg('vn-1', 'VN', ['0810']), reg('vn-2', 'VN', ['0901']), reg('cn-0', 'CN', ['0810']), reg('cn-1', 'CN', ['0901'])],
      ),
    );
    expect(out.assignments.map((a) => [a.registrationId, a.roomId, a.overlap])).toEqual([
      ['cn-0', 'fruit', 2],
      ['cn-1', 'section-II', 1],
      ['vn-0', 'fruit', 4],
      ['vn-1', 'fruit', 2],
      ['vn-2', 'section-II', 1],
    ]);
  });

  it('leaves rooms empty rather than one-sided when a side is too small to cover them', () => {
    const inp = input(
      [room('a', ['08'], 20), room('b', ['09'], 20), room('c', ['10'], 20)],
      [reg('cn-1', 'CN', ['0810']), ...['1', '2', '3', '4', '5', '6'].map((n) => reg(`vn-${n}`, 'VN', ['0901', '1006']))],
    );
    const out = assignRooms(inp);
    checkInvariants(inp, out);
    expect(out.unassigned).toEqual([]);
    expect(out.roomsMissingASide).toEqual([]);
    expect(new Set(out.assignments.map((a) => a.roomId)).size).toBe(1);
  });

  it('places by sector alone when one side has no registration at all', () => {
    const inp = input(
      [room('fruit', ['08'], 10), room('machines', ['84'], 10), room('textiles', ['XI'], 10)],
      [reg('vn-1', 'VN', ['0810']), reg('vn-2', 'VN', ['8471']), reg('vn-3', 'VN', ['6109'])],
    );
    const out = assignRooms(inp);
    checkInvariants(inp, out);
    expect(out.assignments.map((a) => [a.registrationId, a.roomId])).toEqual([
      ['vn-1', 'fruit'],
      ['vn-2', 'machines'],
      ['vn-3', 'textiles'],
    ]);
    expect(out.roomsMissingASide.map((m) => m.missingSide)).toEqual(['CN', 'CN', 'CN']);
  });

  it('never exceeds capacity and reports ALL_ROOMS_FULL for the weakest fits', () => {
    const inp = input(
      [room('fruit', ['08'], 2), room('rice', ['10'], 1)],
      [reg('vn-1', 'VN', ['0810', '0804']), reg('cn-1', 'CN', ['0810']), reg('vn-2', 'VN', ['1006']), reg('cn-2', 'CN', ['8471']), reg('vn-3', 'VN', [])],
    );
    const out = assignRooms(inp);
    checkInvariants(inp, out);
    expect(out.assignments.map((a) => a.registrationId)).toEqual(['cn-1', 'vn-1', 'vn-2']);
    expect(out.unassigned.map((u) => [u.registrationId, u.reason])).toEqual([
      ['cn-2', 'ALL_ROOMS_FULL'],
      ['vn-3', 'ALL_ROOMS_FULL'],
    ]);
    expect(out.unassigned[0].message).toMatch(/all 2 rooms are full \(total capacity 3\)/);
    // The capacity-1 room cannot hold both sides; it is used only because seats ran out.
    expect(out.roomsMissingASide).toEqual([{ roomId: 'rice', missingSide: 'CN' }]);
  });

  it('reports NO_ROOMS when the event has no rooms', () => {
    const out = assignRooms(input([], [reg('vn-1', 'VN', ['0810']), reg('cn-1', 'CN', [], 'gone')]));
    expect(out.assignments).toEqual([]);
    expect(out.unassigned.map((u) => u.reason)).toEqual(['NO_ROOMS', 'NO_ROOMS']);
    expect(out.unassigned[0].message).toMatch(/no trade rooms/);
    expect(out.roomsMissingASide).toEqual([]);
  });

  it('keeps organizer placements, even over capacity, and reassigns ones pointing to a missing room', () => {
    const inp = input(
      [room('fruit', ['08'], 1), room('machines', ['84'], 5)],
      [
        reg('vn-kept', 'VN', ['8471'], 'fruit'),
        reg('cn-kept', 'CN', ['8471'], 'fruit'), // fruit now holds 2 > capacity 1: organizer's call
        reg('vn-new', 'VN', ['0810']),
        reg('cn-stale', 'CN', ['0810'], 'deleted-room'),
      ],
    );
    const out = assignRooms(inp);
    checkInvariants(inp, out);
    expect(out.assignments).toEqual([
      { registrationId: 'cn-kept', roomId: 'fruit', overlap: 0, kept: true },
      { registrationId: 'cn-stale', roomId: 'machines', overlap: 0, kept: false },
      { registrationId: 'vn-kept', roomId: 'fruit', overlap: 0, kept: true },
      { registrationId: 'vn-new', roomId: 'machines', overlap: 0, kept: false },
    ]);
    expect(out.roomsMissingASide).toEqual([]);
  });

  it('still places zero-overlap registrations, in the room with most free seats', () => {
    // Both rooms already two-sided via kept registrations, so only free seats decide.
    const kept = [reg('vn-k1', 'VN', [], 'a'), reg('cn-k1', 'CN', [], 'a'), reg('vn-k2', 'VN', [], 'b'), reg('cn-k2', 'CN', [], 'b')];
    const big = assignRooms(input([room('a', ['08'], 10), room('b', ['09'], 4)], [...kept, reg('vn-x', 'VN', ['9999']), reg('cn-y', 'CN', [])]));
    expect(roomOf(big, 'vn-x')).toBe('a');
    expect(roomOf(big, 'cn-y')).toBe('a');
    const small = assignRooms(input([room('a', ['08'], 3), room('b', ['09'], 5)], [...kept, reg('vn-x', 'VN', ['9999'])]));
    expect(roomOf(small, 'vn-x')).toBe('b');
    expect(small.assignments.find((a) => a.registrationId === 'vn-x')?.overlap).toBe(0);
    expect(small.unassigned).toEqual([]);
  });

  it('does not depend on the order of the input arrays', () => {
    const rnd = mulberry32(42);
    const rooms = Array.from({ length: 8 }, (_, i) => room(`room-${i}`, [CHAPTERS[i * 2], SECTIONS[i % SECTIONS.length]], 3 + (i % 4)));
    const registrations = Array.from({ length: 60 }, (_, i) =>
      reg(
        `reg-${String(i).padStart(3, '0')}`,
        i % 3 === 0 ? 'CN' : 'VN',
        [`${CHAPTERS[Math.floor(rnd() * CHAPTERS.length)]}01`, `${CHAPTERS[Math.floor(rnd() * CHAPTERS.length)]}0210`],
        i % 17 === 0 ? `room-${i % 8}` : null,
      ),
    );
    const inp = input(rooms, registrations);
    const out = assignRooms(inp);
    checkInvariants(inp, out);
    for (const seed of [1, 2, 3, 4, 5]) expect(assignRooms(shuffledInput(inp, seed))).toEqual(out);
  });

  it('rejects duplicate ids instead of guessing', () => {
    expect(() => assignRooms(input([room('a', [], 1), room('a', [], 2)], []))).toThrow(/duplicate room id/);
    expect(() => assignRooms(input([room('a', [], 1)], [reg('x', 'VN', []), reg('x', 'CN', [])]))).toThrow(/duplicate registration id/);
  });

  describe('properties', () => {
    const hsCodeArb = fc.tuple(fc.constantFrom(...CHAPTERS, '27', '99'), fc.constantFrom('', '01', '0110', '20')).map(([ch, rest]) => ch + rest);
    const sectorCodeArb = fc.constantFrom(...CHAPTERS, ...SECTIONS);

    const arbitraryInput: fc.Arbitrary<AssignmentInput> = fc
      .record({
        rooms: fc.uniqueArray(
          fc.record({
            id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'),
            sectorCodes: fc.array(sectorCodeArb, { maxLength: 4 }),
            capacity: fc.integer({ min: 0, max: 8 }),
          }),
          { selector: (r) => r.id, maxLength: 6 },
        ),
        regs: fc.array(
          fc.record({
            side: fc.constantFrom('VN', 'VN', 'CN', 'CN', 'TH'),
            hsCodes: fc.array(hsCodeArb, { maxLength: 5 }),
            current: fc.constantFrom<string | null>(null, null, null, null, 'r1', 'r2', 'r3', 'gone'),
          }),
          { maxLength: 40 },
        ),
      })
      .map(({ rooms, regs }) =>
        input(
          rooms,
          regs.map((r, i) => reg(`g${i}`, r.side, r.hsCodes, r.current)),
        ),
      );

    it('respects capacity, kept placements and accounts for every registration, independent of input order', () => {
      fc.assert(
        fc.property(arbitraryInput, fc.integer(), (inp, seed) => {
          const out = assignRooms(inp);
          checkInvariants(inp, out);
          expect(assignRooms(shuffledInput(inp, seed))).toEqual(out);
        }),
        { numRuns: 300 },
      );
    });

    // Feasible by construction: every room has >= 2 free seats after kept ones, each side has at least
    // as many registrations to place as there are rooms, and total free seats suffice.
    const feasibleInput: fc.Arbitrary<AssignmentInput> = fc
      .integer({ min: 1, max: 6 })
      .chain((roomCount) =>
        fc.record({
          roomCount: fc.constant(roomCount),
          sectors: fc.array(fc.array(sectorCodeArb, { maxLength: 3 }), { minLength: roomCount, maxLength: roomCount }),
          keptPerRoom: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: roomCount, maxLength: roomCount }),
          extraSeats: fc.array(fc.nat(6), { minLength: roomCount, maxLength: roomCount }),
          vn: fc.array(fc.array(hsCodeArb, { maxLength: 4 }), { minLength: roomCount, maxLength: roomCount + 15 }),
          cn: fc.array(fc.array(hsCodeArb, { maxLength: 4 }), { minLength: roomCount, maxLength: roomCount + 15 }),
        }),
      )
      .map(({ roomCount, sectors, keptPerRoom, extraSeats, vn, cn }) => {
        const registrations: RegistrationForAssignment[] = [];
        keptPerRoom.forEach(([kv, kc], i) => {
          for (let k = 0; k < kv; k++) registrations.push(reg(`kv${i}-${k}`, 'VN', ['0810'], `r${i}`));
          for (let k = 0; k < kc; k++) registrations.push(reg(`kc${i}-${k}`, 'CN', ['0810'], `r${i}`));
        });
        vn.forEach((codes, i) => registrations.push(reg(`v${i}`, 'VN', codes)));
        cn.forEach((codes, i) => registrations.push(reg(`c${i}`, 'CN', codes)));
        const pending = vn.length + cn.length;
        // 2 free seats per room plus a share of the remaining demand, so total free >= pending.
        const share = Math.ceil(Math.max(0, pending - 2 * roomCount) / roomCount);
        const rooms = sectors.map((codes, i) => room(`r${i}`, codes, keptPerRoom[i][0] + keptPerRoom[i][1] + 2 + share + extraSeats[i]));
        return input(rooms, registrations);
      });

    it('puts both sides in every non-empty room whenever that is feasible, and places everyone', () => {
      fc.assert(
        fc.property(feasibleInput, (inp) => {
          const out = assignRooms(inp);
          checkInvariants(inp, out);
          expect(out.unassigned).toEqual([]);
          expect(out.roomsMissingASide).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  });

  // Its speed at this size is bench/rooms.ts's (npm run bench:rooms), not a test's: a timed assertion fails on a loaded machine.
  it('assigns 10,000 registrations to 20 rooms, both sides in each, everyone placed', () => {
    const rnd = mulberry32(7);
    const rooms = Array.from({ length: 20 }, (_, i) =>
      room(`room-${String(i).padStart(2, '0')}`, i % 2 === 0 ? [CHAPTERS[i % CHAPTERS.length]] : [SECTIONS[i % SECTIONS.length], CHAPTERS[(i * 3) % CHAPTERS.length]], 520),
    );
    const registrations = Array.from({ length: 10_000 }, (_, i) =>
      reg(
        `reg-${String(i).padStart(5, '0')}`,
        i % 2 === 0 ? 'VN' : 'CN',
        Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => `${CHAPTERS[Math.floor(rnd() * CHAPTERS.length)]}${String(Math.floor(rnd() * 100)).padStart(2, '0')}`),
        i % 500 === 0 ? rooms[i % 20].id : null,
      ),
    );
    const inp = input(rooms, registrations);
    const out = assignRooms(inp);
    expect(out.assignments).toHaveLength(10_000);
    expect(out.unassigned).toEqual([]);
    expect(out.roomsMissingASide).toEqual([]);
  });
});
