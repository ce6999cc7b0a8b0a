#!/usr/bin/env node
// Runs built benchmarks (`npm run bench:build` first). Like bin/run.js, resolves the @tradebridge/* paths against dist/.
//   node bench/run.js <name>          one benchmark, in this process
//   node bench/run.js all | a b …     each in its own process, one after the other, then
//                                      bench/results/summary.md (printed too)
//   node bench/run.js summary         rebuilds the summary from the results files only
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const BENCHMARKS = ['scheduler', 'recommendations', 'rest', 'gateway', 'report', 'conference', 'rooms', 'notifications', 'calls', 'import', 'directory'];
const args = process.argv.slice(2);
/** A benchmark that has not finished by then is stopped, so `npm run bench` always ends. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MINUTES || 30) * 60_000;
const dist = path.join(__dirname, '..', 'dist');
const resultsDir = path.join(process.cwd(), 'bench', 'results');
tsconfigPaths.register({ baseUrl: dist, paths: compilerOptions.paths });

function runMany(names, since) {
  const runs = [];
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    // Its own process: no benchmark inherits another's heap, children or open handles.
    const child = spawnSync(process.execPath, [__filename, name], { stdio: 'inherit', env: process.env, timeout: TIMEOUT_MS, killSignal: 'SIGTERM' });
    const exitCode = child.status;
    runs.push({ name, exitCode, seconds: (Date.now() - started) / 1000 });
    if (exitCode !== 0) console.error(`${name} failed (exit ${exitCode}${child.signal ? `, ${child.signal}` : ''}); going on with the others`);
  }
  const { writeSummary } = require(path.join(dist, 'bench', 'summary.js'));
  const text = writeSummary(resultsDir, runs, since);
  console.log(`\n${text}\nwrote bench/results/summary.md`);
  return runs.every((r) => r.exitCode === 0);
}

(async () => {
  if (args[0] === 'summary') {
    const fs = require('node:fs');
    const runs = BENCHMARKS.filter((b) => fs.existsSync(path.join(resultsDir, `${b}.json`))).map((name) => ({ name, exitCode: 0, seconds: NaN }));
    const { writeSummary } = require(path.join(dist, 'bench', 'summary.js'));
    console.log(writeSummary(resultsDir, runs, 0));
    return;
  }
  const wanted = !args.length || args[0] === 'all' ? BENCHMARKS : args;
  const unknown = wanted.filter((b) => !BENCHMARKS.includes(b));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}, all or summary`);
    process.exit(2);
  }
  if (wanted.length === 1 && args.length === 1 && args[0] !== 'all') {
    const mod = require(path.join(dist, 'bench', `${wanted[0]}.js`));
    if (typeof mod.main === 'function') await mod.main();
    return;
  }
  if (!runMany(wanted, Date.now())) process.exitCode = 1;
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
