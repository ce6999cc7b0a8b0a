/** Unit specs next to the code (no database); e2e specs in test/ against a real PostgreSQL. */
const { existsSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]));
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
// The multi-node tests need a real Redis: they run when REDIS_URL is set (.ci/run sets it).
// The fault tests among them start their own redis-server (the binary CI installs) and kill it.
// Without REDIS_URL nothing that runs needs Redis, and one line (this file is read once per run)
// says so whenever the e2e project is among those run.
const clusterSpecs = process.env.REDIS_URL ? ['<rootDir>/test/live/**/*.cluster-spec.ts', '<rootDir>/test/faults/**/*.cluster-spec.ts'] : [];
// The production shape behind nginx (deploy/nginx/tradebridge.conf) also needs the nginx binary, which .ci/run installs.
const nginx = [
  process.env.NGINX_PATH,
  ...(process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir) => `${dir}/nginx`),
  '/usr/sbin/nginx',
].some((f) => f && existsSync(f));
const proxiedSpecs = process.env.REDIS_URL && nginx ? ['<rootDir>/test/browser/**/*.cluster-spec.ts'] : [];
const projectsOnCommandLine = () => {
  const at = process.argv.indexOf('--selectProjects');
  if (at < 0) return ['unit', 'e2e', 'browser'];
  const names = [];
  for (const arg of process.argv.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    names.push(arg);
  }
  return names;
};
if (!process.env.REDIS_URL && projectsOnCommandLine().includes('e2e')) {
  console.error('Skipping the multi-node, Redis fault and proxied tests: REDIS_URL is unset (run with REDIS_URL=redis://127.0.0.1:6379 npm test)');
}
const common = { rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/test/e2e/**/*.e2e-spec.ts',
        '<rootDir>/test/live/**/*.live-spec.ts',
        '<rootDir>/test/security/**/*.e2e-spec.ts',
        '<rootDir>/test/fuzz/**/*.e2e-spec.ts',
        '<rootDir>/test/faults/**/*.e2e-spec.ts',
        ...clusterSpecs,
      ],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
    // The web app in Debian's Chromium (playwright-core) against the whole product on one URL.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts', ...proxiedSpecs],
      // The same modules as e2e: Jest runs each distinct globalSetup once, so the two projects share one database.
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
  // A global option (ignored inside projects): e2e tests run real concurrency against a real database.
  testTimeout: 60_000,
};
