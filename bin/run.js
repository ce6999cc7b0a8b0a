#!/usr/bin/env node
// Runs a built process (`npm run build` first): `node bin/run.js standalone|api|gateway|migrate`.
// standalone = API + live gateway + web on one port (npm start); api and gateway run apart in production.
// The compiled code keeps its `@tradebridge/*` imports; they are resolved here,
// from tsconfig.json's paths, against dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const entries = {
  standalone: 'apps/gateway/src/standalone.js',
  api: 'apps/api/src/main.js',
  gateway: 'apps/gateway/src/main.js',
  migrate: 'apps/api/src/migrate.js',
};
const name = process.argv[2];
if (!entries[name]) {
  console.error(`usage: node bin/run.js ${Object.keys(entries).join('|')}`);
  process.exit(2);
}
const dist = path.join(__dirname, '..', 'dist');
tsconfigPaths.register({ baseUrl: dist, paths: compilerOptions.paths });
require(path.join(dist, entries[name]));
