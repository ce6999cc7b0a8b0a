#!/usr/bin/env node
// The OpenAPI document at build time (`npm run build` runs this after compiling to dist/):
//   dist/openapi.json            the document the API serves at /api/docs-json, for any client to generate from;
//   apps/web/src/api/schema.d.ts the web app's types, generated from it by openapi-typescript (not committed).
// No database, secret or port is needed: see apps/api/src/openapi/preview.ts.
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const entry = path.join(dist, 'apps/api/src/openapi/preview.js');
if (!existsSync(entry)) {
  console.error('dist/ is missing: compile first (npm run build does)');
  process.exit(1);
}
// As in bin/run.js: the compiled code keeps its `@tradebridge/*` imports, resolved against dist/.
tsconfigPaths.register({ baseUrl: dist, paths: compilerOptions.paths });
require('reflect-metadata');

/** Writes `text` unless the file already holds it (so watchers and incremental builds see no change). */
function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

async function main() {
  const { previewOpenApiDocument } = require(entry);
  const { default: openapiTS, astToString, COMMENT_HEADER } = require('openapi-typescript');
  const document = await previewOpenApiDocument();
  writeIfChanged(path.join(dist, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  // arrayLength: `minItems: 2, maxItems: 2` (an event's two sides, a meeting's two parties) is a pair, as in libs/contracts.
  const types = astToString(await openapiTS(document, { silent: true, arrayLength: true }));
  writeIfChanged(path.join(root, 'apps/web/src/api/schema.d.ts'), `${COMMENT_HEADER.replace(' */', ' * Source: dist/openapi.json (`npm run build`, bin/openapi.js).\n */')}${types}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
