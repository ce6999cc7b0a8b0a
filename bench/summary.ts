/**
 * bench/results/summary.md: one table of every figure the benchmarks measured,
 * with its goal, the ratio against the baseline measured in the same run where
 * there is one, and whether the goal is met. Built from the
 * bench/results/<name>.json files written by this run (`bench/run.js all`);
 * a benchmark without a fresh file shows as not run.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

export interface BenchmarkRun {
  name: string;
  /** Exit code of its process (null: killed). */
  exitCode: number | null;
  seconds: number;
}

interface Row {
  figure: string;
  measured: string;
  goal: string;
  ratio: string;
  /** true / false for a goal, null when the figure has none. */
  met: boolean | null;
}

/** A field of a results file read loosely, by dotted path: a missing one is undefined (and shows as "?"). */
function at(from: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), from);
}
const list = (from: unknown, path: string): unknown[] => {
  const value = at(from, path);
  return value !== null && typeof value === 'object' ? Object.values(value) : [];
};
const yes = (from: unknown, path: string) => at(from, path) === true;

const n = (x: unknown, digits = 1): string => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: digits }) : '?');
const ms = (x: unknown) => `${n(x)} ms`;
const times = (x: unknown) => `${n(x, 2)}×`;
const text = (x: unknown) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : x == null ? '?' : JSON.stringify(x));

const ROWS: Record<string, (r: unknown) => Row[]> = {
  rooms: (r) => [
    {
      figure: 'room assignment, 10,000 registrations into 20 rooms: median run',
      measured: ms(at(r, 'medianMs')),
      goal: `≤ ${ms(at(r, 'goals.medianMsAtMost'))}`,
      ratio: '',
      met: yes(r, 'goals.timeOk'),
    },
  ],
  scheduler: (r) => [
    { figure: 'run time (2,000 registrations, 12,000 connections)', measured: ms(at(r, 'runMs')), goal: `≤ ${ms(at(r, 'goals.runMsAtMost'))}`, ratio: '', met: yes(r, 'goals.timeOk') },
    {
      figure: 'meetings achieved / upper bound',
      measured: `${n(at(r, 'achieved'), 0)} / ${n(at(r, 'upperBound'), 0)} = ${n(at(r, 'ratio'), 3)}`,
      goal: `≥ ${n(at(r, 'goals.ratioAtLeast'), 2)}`,
      ratio: '',
      met: yes(r, 'goals.ratioOk'),
    },
  ],
  recommendations: (r) => [
    { figure: 'one HTTP request, top 20 with reasons (10,000 registrations): p50', measured: ms(at(r, 'p50Ms')), goal: '', ratio: '', met: null },
    { figure: 'one HTTP request: p99', measured: ms(at(r, 'p99Ms')), goal: `≤ ${ms(at(r, 'goals.p99UnderMs'))}`, ratio: '', met: yes(r, 'goals.p99Met') },
    ...(Number(at(r, 'everyoneTop20Ms')) > 0
      ? [
          {
            figure: "everyone's top 20 through the service",
            measured: `${n(Number(at(r, 'everyoneTop20Ms')) / 1000)} s (${ms(at(r, 'everyoneTop20PerRegistrationMs'))} each)`,
            goal: '',
            ratio: '',
            met: null,
          },
        ]
      : []),
  ],
  rest: (r) =>
    list(r, 'routes').flatMap((route) => [
      {
        figure: `${text(at(route, 'route'))}: throughput vs bare Fastify + pg`,
        measured: `${n(at(route, 'tradebridge.perSec'))} vs ${n(at(route, 'baseline.perSec'))} req/s`,
        goal: `≥ ${times(at(route, 'goal.throughputAtLeast'))}`,
        ratio: times(at(route, 'ratios.throughput')),
        met: yes(route, 'goal.met'),
      },
      {
        figure: `${text(at(route, 'route'))}: p50 / p99 latency vs baseline`,
        measured: `${ms(at(route, 'tradebridge.p50Ms'))} / ${ms(at(route, 'tradebridge.p99Ms'))} vs ${ms(at(route, 'baseline.p50Ms'))} / ${ms(at(route, 'baseline.p99Ms'))}`,
        goal: '',
        ratio: `${times(at(route, 'ratios.p50'))} / ${times(at(route, 'ratios.p99'))}`,
        met: null,
      },
      {
        figure: `${text(at(route, 'route'))}: server CPU per request vs baseline`,
        measured: `${n(at(route, 'tradebridge.cpuMicrosPerRequest'), 0)} vs ${n(at(route, 'baseline.cpuMicrosPerRequest'), 0)} µs`,
        goal: '',
        ratio: times(at(route, 'ratios.cpuPerRequest')),
        met: null,
      },
    ]),
  gateway: (r) => [
    {
      figure: 'gateway, 2,000 clients in 100 rooms: throughput vs bare Socket.IO',
      measured: `${n(at(r, 'gateway.messagesPerSec.total'))} vs ${n(at(r, 'bare.messagesPerSec.total'))} msg/s`,
      goal: `≥ ${times(at(r, 'goals.throughputAtLeast'))}`,
      ratio: times(at(r, 'ratios.throughput')),
      met: yes(r, 'goals.throughputMet'),
    },
    {
      figure: 'gateway: presence p99 latency (from the emit) vs bare',
      measured: `${ms(at(r, 'gateway.presence.fromRequest.p99'))} vs ${ms(at(r, 'bare.presence.fromRequest.p99'))}`,
      goal: `≤ ${times(at(r, 'goals.p99AtMost'))}`,
      ratio: times(at(r, 'ratios.presenceP99')),
      met: yes(r, 'goals.presenceP99Met'),
    },
    {
      figure: 'gateway: connection p99 latency vs bare',
      measured: `${ms(at(r, 'gateway.connections.p99'))} vs ${ms(at(r, 'bare.connections.p99'))}`,
      goal: `≤ ${times(at(r, 'goals.p99AtMost'))}`,
      ratio: times(at(r, 'ratios.connectionP99')),
      met: yes(r, 'goals.connectionP99Met'),
    },
    ...(at(r, 'capacity.measured') !== undefined
      ? [
          {
            figure: 'gateway: sockets per node within 2 GiB RSS',
            measured: `${n(at(r, 'capacity.measured.sockets'), 0)} measured at ${n(at(r, 'capacity.measured.rssMb'), 0)} MB (${text(at(r, 'capacity.measured.stopReason'))}); ~${n(at(r, 'capacity.extrapolatedSocketsWithin2GiB'), 0)} extrapolated`,
            goal: '',
            ratio: '',
            met: null,
          },
        ]
      : []),
  ],
  report: (r) => [
    {
      figure: `JSON report, ${n(at(r, 'registrations'), 0)} registrations and ${n(at(r, 'connections'), 0)} connections: median of 3`,
      measured: `${ms(at(r, 'medianMs'))} (runs ${list(r, 'runsMs').join(', ')})`,
      goal: `≤ ${ms(at(r, 'goals.underMs'))}`,
      ratio: '',
      met: yes(r, 'goals.met'),
    },
    { figure: 'report: peak RSS while building it', measured: `${n(at(r, 'peakRssMb'), 0)} MB`, goal: '', ratio: '', met: null },
  ],
  notifications: (r) => [
    {
      figure: `scheduler run of ${n(at(r, 'scheduler.meetingsBooked'), 0)} meetings, to every notification (${n(at(r, 'scheduler.notificationsWritten'), 0)}) and e-mail job (${n(at(r, 'scheduler.mailJobsWritten'), 0)}) written, vs notifications off`,
      measured: `${ms(at(r, 'scheduler.withNotificationsMs'))} vs ${ms(at(r, 'scheduler.withoutNotificationsMs'))}`,
      goal: `≤ ${times(at(r, 'scheduler.goal.ratioAtMost'))}`,
      ratio: times(at(r, 'scheduler.ratio')),
      met: yes(r, 'scheduler.goal.met'),
    },
    {
      figure: `e-mail delivery, ${n(at(r, 'delivery.mails'), 0)} messages to a local SMTP server: product worker vs bare nodemailer loop`,
      measured: `${n(at(r, 'delivery.workerPerSec'))} vs ${n(at(r, 'delivery.barePerSec'))} e-mails/s`,
      goal: `≥ ${times(at(r, 'delivery.goal.ratioAtLeast'))}`,
      ratio: times(at(r, 'delivery.ratio')),
      met: yes(r, 'delivery.goal.met'),
    },
  ],
  conference: (r) => {
    const goal = `p99 ≤ ${ms(at(r, 'goals.deliveryP99AtMostMs'))}`;
    const delivery = (kind: 'connection' | 'log', label: string): Row => ({
      figure: `conference: \`${kind}\` delivery to the partner, from the 2xx: p50 / p99 (${label})`,
      measured: `${ms(at(r, `gateway.delivery.${kind}.partner.p50`))} / ${ms(at(r, `gateway.delivery.${kind}.partner.p99`))} (${n(at(r, `gateway.delivery.${kind}.partner.samples`), 0)}/${n(at(r, `gateway.delivery.${kind}.expected`), 0)} delivered)`,
      goal,
      ratio: '',
      met: yes(r, `goals.${kind}DeliveryMet`),
    });
    return [
      ...list(r, 'api.routes').map((route) => ({
        figure: `conference (${n(at(r, 'setup.enterprises'), 0)} enterprises, ${n(at(r, 'setup.liveSockets'), 0)} live sockets): ${text(at(route, 'route'))} p50 / p99`,
        measured: `${ms(at(route, 'p50'))} / ${ms(at(route, 'p99'))} (${n(at(route, 'requests'), 0)} requests${list(route, 'errors').length ? `, non-2xx ${JSON.stringify(at(route, 'errors'))}` : ''})`,
        goal: '',
        ratio: '',
        met: null,
      })),
      {
        figure: 'conference: API p50 / p99, all routes',
        measured: `${ms(at(r, 'api.overall.p50'))} / ${ms(at(r, 'api.overall.p99'))} (${n(at(r, 'api.overall.requests'), 0)} requests)`,
        goal: '',
        ratio: '',
        met: null,
      },
      delivery('connection', 'SPEC: within a second'),
      delivery('log', 'SPEC: within a second'),
      ...(at(r, 'gateway.delivery.notification') !== undefined
        ? [
            {
              figure: 'conference: `notification` to the partner, from the 2xx of a request or accept: p50 / p99 / max',
              measured: `${ms(at(r, 'gateway.delivery.notification.partner.p50'))} / ${ms(at(r, 'gateway.delivery.notification.partner.p99'))} / ${ms(at(r, 'gateway.delivery.notification.partner.max'))} (${n(at(r, 'gateway.delivery.notification.partner.samples'), 0)}/${n(at(r, 'gateway.delivery.notification.expected'), 0)} delivered)`,
              goal,
              ratio: '',
              met: yes(r, 'goals.notificationDeliveryMet'),
            },
          ]
        : []),
      {
        figure: "conference: presence to the rest of the room, from a member's join/leave: p50 / p99",
        measured: `${ms(at(r, 'gateway.presence.fromEmit.p50'))} / ${ms(at(r, 'gateway.presence.fromEmit.p99'))} (${n(at(r, 'gateway.presence.fromEmit.samples'), 0)} deliveries, ${n(at(r, 'gateway.presence.missing'), 0)} missing)`,
        goal,
        ratio: '',
        met: typeof at(r, 'goals.presenceMet') === 'boolean' ? yes(r, 'goals.presenceMet') : null,
      },
    ];
  },
  import: (r) => [
    {
      figure: `import of ${n(at(r, 'rows'), 0)} XLSX rows: dry run vs one bare SQL bulk insert of the same rows`,
      measured: `${ms(at(r, 'dryRunMeanMs'))} vs ${ms(at(r, 'bareMeanMs'))}`,
      goal: `≤ ${times(at(r, 'goals.ratioAtMost'))}`,
      ratio: times(at(r, 'dryRunRatioToBare')),
      met: yes(r, 'goals.dryRunMet'),
    },
    {
      figure: 'import: apply vs the same bare bulk insert',
      measured: `${ms(at(r, 'importMeanMs'))} vs ${ms(at(r, 'bareMeanMs'))}`,
      goal: `≤ ${times(at(r, 'goals.ratioAtMost'))}`,
      ratio: times(at(r, 'ratioToBare')),
      met: yes(r, 'goals.met'),
    },
  ],
  directory: (r) => [
    {
      figure: `directory search over HTTP (${n(at(r, 'registrations'), 0)} registrations, mixed queries): p50 / p99 vs the page's bare SQL`,
      measured: `${ms(at(r, 'api.p50Ms'))} / ${ms(at(r, 'api.p99Ms'))} vs ${ms(at(r, 'bare.p50Ms'))} / ${ms(at(r, 'bare.p99Ms'))}`,
      goal: '',
      ratio: `${times(at(r, 'p50Ratio'))} / ${times(at(r, 'p99Ratio'))}`,
      met: null,
    },
  ],
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** Writes bench/results/summary.md from the results this run wrote (not older than `since`); returns its text. */
export function writeSummary(resultsDir: string, runs: BenchmarkRun[], since: number): string {
  const lines = [
    '# Benchmark summary',
    '',
    `${
      since
        ? `Run started ${new Date(since).toISOString()}; load average at the end ${loadavg()
            .map((x) => x.toFixed(2))
            .join(', ')}`
        : 'Rebuilt from the results files as they are'
    }; node ${process.version}${process.env.BENCH_QUICK ? '; BENCH_QUICK' : ''}. Ratios are TradeBridge / the baseline measured in the same run.`,
    '',
    '| benchmark | figure | measured | goal | ratio | met |',
    '|---|---|---|---|---|---|',
  ];
  let goals = 0;
  let met = 0;
  for (const run of runs) {
    const file = join(resultsDir, `${run.name}.json`);
    const fresh = existsSync(file) && statSync(file).mtimeMs >= since;
    if (!fresh || run.exitCode !== 0) {
      lines.push(`| ${run.name} | — | **did not complete** (exit ${run.exitCode}, ${n(run.seconds, 0)} s) | | | |`);
      continue;
    }
    const rows = ROWS[run.name]?.(JSON.parse(readFileSync(file, 'utf8'))) ?? [];
    for (const row of rows) {
      if (row.met !== null) {
        goals++;
        if (row.met) met++;
      }
      const status = row.met === null ? '' : row.met ? 'met' : '**not met**';
      lines.push(`| ${run.name} | ${cell(row.figure)} | ${cell(row.measured)} | ${cell(row.goal)} | ${row.ratio} | ${status} |`);
    }
  }
  const timed = runs.filter((r) => Number.isFinite(r.seconds));
  lines.push('', `${met} of ${goals} goals met.${timed.length ? ` Time per benchmark: ${timed.map((r) => `${r.name} ${n(r.seconds, 0)} s`).join(', ')}.` : ''}`, '');
  const text = lines.join('\n');
  writeFileSync(join(resultsDir, 'summary.md'), text);
  return text;
}
