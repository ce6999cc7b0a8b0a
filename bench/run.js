#!/usr/bin/env node
// Runs built benchmarks (`npm run bench:build` first): `node bench/run.js scheduler|recommendations|all`.
// Like bin/run.js, resolves the @tradebridge/* paths against dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const BENCHMARKS = ['scheduler', 'recommendations', 'gateway', 'report'];
const wanted = process.argv[2] === 'all' || !process.argv[2] ? BENCHMARKS : [process.argv[2]];
const unknown = wanted.filter((b) => !BENCHMARKS.includes(b));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')} or all`);
  process.exit(2);
}
const dist = path.join(__dirname, '..', 'dist');
tsconfigPaths.register({ baseUrl: dist, paths: compilerOptions.paths });

(async () => {
  for (const name of wanted) {
    console.log(`\n=== ${name} ===`);
    const mod = require(path.join(dist, 'bench', `${name}.js`));
    if (typeof mod.main === 'function') await mod.main();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
