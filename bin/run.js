#!/usr/bin/env node
// Runs a built process (`npm run build` first): `node bin/run.js standalone|api|gateway|migrate|demo`.
// standalone = API + live gateway + web on one port (npm start; composed in apps/standalone/src/compose.ts);
// api and gateway run apart in production;
// demo = standalone plus the reference conference, loaded and simulated live (npm run demo).
// The compiled code keeps its `@tradebridge/*` imports; they are resolved here,
// from tsconfig.json's paths, against dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const entries = {
  standalone: 'apps/standalone/src/main.js',
  api: 'apps/api/src/main.js',
  gateway: 'apps/gateway/src/main.js',
  migrate: 'apps/api/src/migrate.js',
  demo: 'apps/demo/src/main.js',
};
const name = process.argv[2];
if (!entries[name]) {
  console.error(`usage: node bin/run.js ${Object.keys(entries).join('|')}`);
  process.exit(2);
}
// The demo keeps its data apart from real data (./data), and its embedded PostgreSQL on another
// port, so it can run beside `npm start` (on another PORT); either can still be set explicitly.
if (name === 'demo') {
  process.env.DATA_DIR ||= 'data-demo';
  process.env.EMBEDDED_PG_PORT ||= '54339';
}
const dist = path.join(__dirname, '..', 'dist');
tsconfigPaths.register({ baseUrl: dist, paths: compilerOptions.paths });
require(path.join(dist, entries[name]));
