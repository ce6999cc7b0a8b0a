/**
 * Scheduler benchmark (issue 3, item 7): 2,000 registrations (1,000 per side),
 * 12,000 accepted connections with skewed degrees, 16 slots of 30 min, 5 venues ×
 * 40 tables, ~60% of pairs on site at a shared venue, ~20% of registrations
 * available for half the day only, weights 1–100. Seeded, so runs are repeatable.
 *
 * Then the same instance with interpreters (issue 16, item 3): about 30% of the pairs
 * need one (vi-zh, vi-en, zh-en, vi-lo), and a pool at the venues (on-site meetings)
 * and remote (online ones) whose interpreter-slots cover about half of each kind's
 * demand, so capacity binds. Goals: achieved / bound ≥ 0.95, time ≤ 2× the run without.
 *
 * Build and run from the repository root:
 *   npm run bench:scheduler   (builds with tsconfig.bench.json, runs through bench/run.js)
 * Prints the figures and writes them to bench/results/scheduler.json.
 */
/// <reference types="node" />
import { schedule } from '../libs/meetings/src/schedule';
import { mulberry32, writeResults } from './support';
import type { ScheduleInput, ScheduleInterpreter, SchedulePair, ScheduleResult } from '../libs/meetings/src/schedule';

const SEED = 20251120;
const PER_SIDE = 1000;
const CONNECTIONS = 12000;
const SLOTS = 16;
const SLOT_MS = 30 * 60 * 1000;
const VENUES = ['venue-laocai', 'venue-hekou', 'venue-hanoi', 'venue-kunming', 'venue-hangzhou'];
const TABLES = 40;
const ONSITE_SHARE = 0.6;
const ONSITE_ATTENDANCE = 0.8;
const LIMITED_SHARE = 0.2;
const GOAL_MS = 10_000;
const GOAL_RATIO = 0.95;
/** The interpreter pool has its own seed, so the base instance stays exactly as before. */
const INTERPRETER_SEED = SEED + 16;
/** Share of pairs needing an interpreter, and how their keys split. */
const INTERPRETED_SHARE = 0.3;
const KEYS: [string, number][] = [
  ['vi-zh', 0.55],
  ['vi-en', 0.2],
  ['zh-en', 0.15],
  ['vi-lo', 0.1],
];
/** Interpreter-slots per class (key × venue or remote) as a share of its pairs. */
const INTERPRETER_COVER = 0.5;
/** Share of interpreters with a second language key, and with half-day availability. */
const SECOND_KEY_SHARE = 0.25;
const HALF_DAY_SHARE = 0.3;
const GOAL_INTERPRETED_RATIO = 0.95;
const GOAL_TIME_FACTOR = 2;

interface Reg {
  id: string;
  venue: number;
  onsite: boolean;
  activity: number;
}

/** Picks items in proportion to their activity (cumulative sums + binary search). */
function sampler(items: Reg[], rnd: () => number): () => Reg {
  const cum: number[] = [];
  let total = 0;
  for (const r of items) cum.push((total += r.activity));
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

function generate(seed: number): ScheduleInput {
  const rnd = mulberry32(seed);
  const makeSide = (prefix: string): Reg[] =>
    Array.from({ length: PER_SIDE }, (_, i) => ({
      id: `${prefix}-${String(i).padStart(4, '0')}`,
      venue: Math.floor(rnd() * VENUES.length),
      onsite: rnd() < ONSITE_ATTENDANCE,
      // Pareto(α = 2.2), capped: a few very sought-after enterprises, a long tail of quiet ones.
      activity: Math.min(25, 1 / Math.pow(1 - rnd(), 1 / 2.2)),
    }));
  const sideA = makeSide('vn');
  const sideB = makeSide('cn');
  const pickA = sampler(sideA, rnd);
  const pickB = sampler(sideB, rnd);
  const localA = VENUES.map((_, v) =>
    sampler(
      sideA.filter((r) => r.onsite && r.venue === v),
      rnd,
    ),
  );
  const localB = VENUES.map((_, v) =>
    sampler(
      sideB.filter((r) => r.onsite && r.venue === v),
      rnd,
    ),
  );

  const seen = new Set<string>();
  const pairs: SchedulePair[] = [];
  while (pairs.length < CONNECTIONS) {
    let a: Reg;
    let b: Reg;
    if (rnd() < ONSITE_SHARE) {
      const v = Math.floor(rnd() * VENUES.length);
      a = localA[v]();
      b = localB[v]();
    } else {
      a = pickA();
      b = pickB();
      if (a.onsite && b.onsite && a.venue === b.venue) continue; // keeps the on-site share near 60%
    }
    const key = `${a.id}|${b.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shared = a.onsite && b.onsite && a.venue === b.venue;
    pairs.push({
      connectionId: `conn-${String(pairs.length).padStart(5, '0')}`,
      a: a.id,
      b: b.id,
      weight: 1 + Math.floor(rnd() * 100),
      venueId: shared ? VENUES[a.venue] : null,
    });
  }

  const day0 = Date.UTC(2025, 10, 20, 1, 0, 0); // 08:00 in Lào Cai
  const slots = Array.from({ length: SLOTS }, (_, i) => ({ index: i, startsAt: day0 + i * SLOT_MS, endsAt: day0 + (i + 1) * SLOT_MS }));
  const availability: Record<string, number[]> = {};
  for (const r of [...sideA, ...sideB]) {
    if (rnd() >= LIMITED_SHARE) continue;
    const start = Math.floor(rnd() * (SLOTS / 2 + 1)); // a random half of the day
    availability[r.id] = Array.from({ length: SLOTS / 2 }, (_, i) => start + i);
  }
  const tables: Record<string, number> = Object.fromEntries(VENUES.map((v) => [v, TABLES]));
  return { slots, pairs, availability, tables, busy: [], tablesInUse: [] };
}

/**
 * The interpreter pool on top of `base`: each pair needs one with probability
 * INTERPRETED_SHARE (key by KEYS); each class (key, venue or remote for online pairs)
 * gets interpreters until their slots reach INTERPRETER_COVER of its pairs. Some
 * speak a second key (which only adds capacity elsewhere), some work half a day.
 */
function withInterpreters(base: ScheduleInput, seed: number): ScheduleInput {
  const rnd = mulberry32(seed);
  const pickKey = (): string => {
    let x = rnd();
    for (const [k, share] of KEYS) if ((x -= share) < 0) return k;
    return KEYS[0][0];
  };
  const pairs = base.pairs.map((p) => ({ ...p, interpreting: rnd() < INTERPRETED_SHARE ? pickKey() : null }));
  const demand = new Map<string, number>();
  for (const p of pairs) if (p.interpreting) demand.set(`${p.venueId ?? ''}|${p.interpreting}`, (demand.get(`${p.venueId ?? ''}|${p.interpreting}`) ?? 0) + 1);
  const interpreters: ScheduleInterpreter[] = [];
  for (const [cls, n] of [...demand].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const [venue, key] = cls.split('|');
    let slotsLeft = Math.round(n * INTERPRETER_COVER);
    while (slotsLeft > 0) {
      const half = rnd() < HALF_DAY_SHARE;
      const start = half ? Math.floor(rnd() * (SLOTS / 2 + 1)) : 0;
      const slots = half ? Array.from({ length: SLOTS / 2 }, (_, i) => start + i) : undefined;
      const languagePairs = [key];
      if (rnd() < SECOND_KEY_SHARE) {
        const other = pickKey();
        if (other !== key) languagePairs.push(other);
      }
      interpreters.push({ id: `int-${String(interpreters.length).padStart(3, '0')}`, languagePairs, venueId: venue === '' ? null : venue, slots });
      slotsLeft -= half ? SLOTS / 2 : SLOTS;
    }
  }
  return { ...base, pairs, interpreters, interpretersBusy: [] };
}

/** One timed run. */
function timed(input: ScheduleInput): { result: ScheduleResult; ms: number } {
  const t0 = process.hrtime.bigint();
  const result = schedule(input);
  return { result, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function interpreterFigures(input: ScheduleInput, baseMs: number) {
  const { result, ms } = timed(input);
  const reasons: Record<string, number> = {};
  for (const u of result.unscheduled) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  const pool = input.interpreters ?? [];
  const interpreted = input.pairs.filter((p) => p.interpreting);
  const perKey: Record<string, { pairs: number; booked: number }> = {};
  const byId = new Map(input.pairs.map((p) => [p.connectionId, p]));
  for (const p of interpreted) (perKey[p.interpreting ?? ''] ??= { pairs: 0, booked: 0 }).pairs++;
  for (const m of result.meetings) {
    const k = byId.get(m.connectionId)?.interpreting;
    if (k) perKey[k].booked++;
  }
  const timeFactor = ms / baseMs;
  return {
    instance: {
      interpretedPairs: interpreted.length,
      interpretedOnsite: interpreted.filter((p) => p.venueId !== null).length,
      interpreters: pool.length,
      remoteInterpreters: pool.filter((i) => i.venueId === null).length,
      interpreterSlots: pool.reduce((n, i) => n + (i.slots?.length ?? SLOTS), 0),
      remoteInterpretersOnSite: input.remoteInterpretersOnSite === true,
    },
    runMs: Math.round(ms),
    baseRunMs: Math.round(baseMs),
    timeFactor: Number(timeFactor.toFixed(3)),
    achieved: result.achieved,
    upperBound: result.upperBound,
    ratio: Number(result.ratio.toFixed(4)),
    interpreting: result.interpreting,
    perKey,
    unscheduledByReason: reasons,
    goals: {
      ratioAtLeast: GOAL_INTERPRETED_RATIO,
      timeFactorAtMost: GOAL_TIME_FACTOR,
      ratioOk: result.ratio >= GOAL_INTERPRETED_RATIO,
      timeOk: timeFactor <= GOAL_TIME_FACTOR,
    },
  };
}

export function main(): void {
  const input = generate(SEED);
  const onsitePairs = input.pairs.filter((p) => p.venueId !== null).length;
  const degrees = new Map<string, number>();
  for (const p of input.pairs) for (const r of [p.a, p.b]) degrees.set(r, (degrees.get(r) ?? 0) + 1);
  const maxDegree = Math.max(...degrees.values());

  const { result, ms: runMs } = timed(input);
  const withPool = interpreterFigures(withInterpreters(input, INTERPRETER_SEED), runMs);

  const perVenue: Record<string, number> = Object.fromEntries(VENUES.map((v) => [v, 0]));
  let online = 0;
  for (const m of result.meetings) {
    if (m.venueId === null) online++;
    else perVenue[m.venueId]++;
  }
  const reasons: Record<string, number> = {};
  for (const u of result.unscheduled) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  const figures = {
    benchmark: 'scheduler',
    seed: SEED,
    instance: {
      registrations: 2 * PER_SIDE,
      connections: input.pairs.length,
      onsitePairs,
      onlinePairs: input.pairs.length - onsitePairs,
      slots: SLOTS,
      venues: VENUES.length,
      tablesPerVenue: TABLES,
      limitedAvailability: Object.keys(input.availability).length,
      maxDegree,
      registrationsWithConnections: degrees.size,
    },
    runMs: Math.round(runMs),
    achieved: result.achieved,
    upperBound: result.upperBound,
    ratio: Number(result.ratio.toFixed(4)),
    totalWeight: result.totalWeight,
    meetingsPerVenue: perVenue,
    onlineMeetings: online,
    unscheduledByReason: reasons,
    goals: {
      runMsAtMost: GOAL_MS,
      ratioAtLeast: GOAL_RATIO,
      timeOk: runMs <= GOAL_MS,
      ratioOk: result.ratio >= GOAL_RATIO,
    },
    interpreters: withPool,
    node: process.version,
    at: new Date().toISOString(),
  };

  console.log(`scheduler benchmark (seed ${SEED})`);
  console.log(
    `  instance: ${figures.instance.registrations} registrations, ${input.pairs.length} connections (${onsitePairs} on site, ${figures.instance.onlinePairs} online), ${SLOTS} slots, ${VENUES.length} venues × ${TABLES} tables, ${figures.instance.limitedAvailability} with half-day availability, max degree ${maxDegree}`,
  );
  console.log(`  run time:     ${figures.runMs} ms (goal ≤ ${GOAL_MS} ms) ${figures.goals.timeOk ? 'OK' : 'MISSED'}`);
  console.log(`  achieved:     ${result.achieved} meetings (${online} online, ${result.achieved - online} at tables)`);
  console.log(`  upper bound:  ${result.upperBound}`);
  console.log(`  ratio:        ${figures.ratio} (goal ≥ ${GOAL_RATIO}) ${figures.goals.ratioOk ? 'OK' : 'MISSED'}`);
  console.log(`  per venue:    ${VENUES.map((v) => `${v} ${perVenue[v]}`).join(', ')}`);
  console.log(
    `  unscheduled:  ${
      Object.entries(reasons)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
  );

  const ip = withPool.instance;
  const ok = (b: boolean): string => (b ? 'OK' : 'MISSED');
  console.log(`with interpreters (seed ${INTERPRETER_SEED})`);
  console.log(
    `  pool:         ${ip.interpretedPairs} pairs need one (${ip.interpretedOnsite} on site); ${ip.interpreters} interpreters (${ip.remoteInterpreters} remote), ${ip.interpreterSlots} interpreter-slots`,
  );
  console.log(`  achieved:     ${withPool.achieved} meetings, ${withPool.interpreting?.booked ?? 0} with an interpreter (bound ${withPool.interpreting?.upperBound ?? 0})`);
  console.log(`  upper bound:  ${withPool.upperBound}`);
  console.log(`  ratio:        ${withPool.ratio} (goal ≥ ${GOAL_INTERPRETED_RATIO}) ${ok(withPool.goals.ratioOk)}`);
  console.log(`  run time:     ${withPool.runMs} ms = ${withPool.timeFactor}× the run without (${withPool.baseRunMs} ms; goal ≤ ${GOAL_TIME_FACTOR}×) ${ok(withPool.goals.timeOk)}`);
  console.log(
    `  per key:      ${Object.entries(withPool.perKey)
      .map(([k, v]) => `${k} ${v.booked}/${v.pairs}`)
      .join(', ')}`,
  );
  console.log(
    `  unscheduled:  ${Object.entries(withPool.unscheduledByReason)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );

  console.log(`  written:      ${writeResults('scheduler', figures)}`);
}

if (require.main === module) main();
