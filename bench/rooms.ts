/**
 * Room assignment benchmark: the pure `assignRooms` (what POST
 * /api/events/:id/room-assignments runs once it has read the event) on a seeded
 * instance of 10,000 registrations (5,000 per side, 1 to 6 HS headings each, one
 * in 500 already placed by the organizer) and 20 trade rooms of 520 seats, each
 * on one chapter or a section plus a chapter of the real HS 2022 table. It used
 * to be a unit test's "under a second", which failed on a loaded machine: speed
 * is measured here, the result's correctness is the unit spec's.
 *
 * Build and run from the repository root:
 *   npm run bench:rooms   (builds with tsconfig.bench.json, runs through bench/run.js)
 * Prints the figures and writes them to bench/results/rooms.json.
 */
/// <reference types="node" />
import { assignRooms } from '../libs/registrations/src/assign-rooms';
import type { AssignmentInput, RegistrationForAssignment, RoomForAssignment } from '../libs/registrations/src/assign-rooms';
import { sectionOfChapter } from '../libs/reference/src/hs';
import { mulberry32, writeResults } from './support';

const SEED = 20261202;
const REGISTRATIONS = 10_000;
const ROOMS = 20;
const CAPACITY = 520;
const RUNS = 5;
const GOAL_MS = 1_000;

function generate(seed: number): AssignmentInput {
  const rnd = mulberry32(seed);
  const chapters = Object.keys(sectionOfChapter).sort();
  const sections = [...new Set(Object.values(sectionOfChapter))].sort();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const rooms: RoomForAssignment[] = Array.from({ length: ROOMS }, (_, i) => ({
    id: `room-${String(i).padStart(2, '0')}`,
    sectorCodes: i % 2 === 0 ? [pick(chapters)] : [pick(sections), pick(chapters)],
    capacity: CAPACITY,
  }));
  // Registrations trade mostly in the rooms' chapters, some in others.
  const roomChapters = rooms.flatMap((r) => r.sectorCodes.filter((c) => /^\d{2}$/.test(c)));
  const registrations: RegistrationForAssignment[] = Array.from({ length: REGISTRATIONS }, (_, i) => ({
    id: `reg-${String(i).padStart(5, '0')}`,
    side: i % 2 === 0 ? 'VN' : 'CN',
    hsCodes: Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => `${rnd() < 0.7 ? pick(roomChapters) : pick(chapters)}${String(1 + Math.floor(rnd() * 30)).padStart(2, '0')}`),
    currentRoomId: i % 500 === 0 ? rooms[i % ROOMS].id : null,
  }));
  return { rooms, registrations, sides: ['VN', 'CN'], sectionOfChapter };
}

export function main(): void {
  const input = generate(SEED);
  const runsMs: number[] = [];
  let result = assignRooms(input); // warm-up, not counted
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    result = assignRooms(input);
    runsMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const medianMs = [...runsMs].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const perRoom = input.rooms.map((r) => result.assignments.filter((a) => a.roomId === r.id).length);
  const figures = {
    benchmark: 'rooms',
    seed: SEED,
    instance: { registrations: REGISTRATIONS, rooms: ROOMS, capacity: CAPACITY, keptPlacements: input.registrations.filter((r) => r.currentRoomId).length },
    runsMs: runsMs.map((x) => Math.round(x * 10) / 10),
    medianMs: Math.round(medianMs * 10) / 10,
    placed: result.assignments.length,
    unassigned: result.unassigned.length,
    roomsMissingASide: result.roomsMissingASide.length,
    perRoom: { min: Math.min(...perRoom), max: Math.max(...perRoom) },
    goals: { medianMsAtMost: GOAL_MS, timeOk: medianMs <= GOAL_MS },
    node: process.version,
    at: new Date().toISOString(),
  };

  console.log(`room assignment benchmark (seed ${SEED})`);
  console.log(`  instance:     ${REGISTRATIONS} registrations (${figures.instance.keptPlacements} placed by the organizer), ${ROOMS} rooms × ${CAPACITY} seats`);
  console.log(`  run time:     median ${figures.medianMs} ms of ${RUNS} runs (${figures.runsMs.join(', ')} ms; goal ≤ ${GOAL_MS} ms) ${figures.goals.timeOk ? 'OK' : 'MISSED'}`);
  console.log(
    `  placed:       ${figures.placed}, ${figures.unassigned} not placed, ${figures.roomsMissingASide} rooms missing a side, ${figures.perRoom.min}–${figures.perRoom.max} per room`,
  );
  console.log(`  written:      ${writeResults('rooms', figures)}`);
}

if (require.main === module) main();
