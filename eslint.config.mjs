// @ts-check
/**
 * ESLint over the whole tree (`npm run lint`, zero warnings; .ci/run runs it before the tests).
 * TypeScript gets typescript-eslint's type-checked rules: each file is checked against the
 * tsconfig.json nearest to it (the root one, or apps/web's for the web app), so promises,
 * switches over unions and `any` are seen with their real types. Plain JS (the launchers in
 * bin/ and bench/, the Jest config and global setup) gets the untyped recommended rules.
 */
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The libs, from tsconfig.json's paths (`@tradebridge/<lib>` → ./libs/<lib>/src). */
const libs = Object.keys(JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')).compilerOptions.paths).map((alias) => alias.split('/')[1]);

/** Node's CommonJS and ES module globals, for the plain JS files (no `globals` dependency). */
const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'fetch'].map((name) => [
    name,
    'readonly',
  ]),
);

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', 'coverage/', 'data/', 'data-demo/', 'test-artifacts/', 'test/browser/artifacts/', 'bench/results/'],
  },
  // Every disable comment must still be needed (a stale one is an error, like any other finding).
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    rules: {
      // Prettier decides the line breaks, and with semicolons everywhere its output has no ASI trap;
      // this rule would flag its chained calls split before `[` (eslint-config-prettier turns it off too).
      'no-unexpected-multiline': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          // The web app's unit specs are in no tsconfig (apps/web/tsconfig.json leaves them out of
          // the browser build; Jest compiles them with the root one): lint them with the root one too.
          allowDefaultProject: ['apps/web/src/*/*.spec.ts'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection ends the process).
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a callback's result is ignored (event handlers, Array#forEach) loses its error too.
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch over a union names every member, even beside a `default:`: a member added later
      // is then a lint error at each switch, not a silent trip to the default.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // A variable read by a callback written before its one assignment stays `let`: as a `const`
      // the callback would throw (temporal dead zone) if it ran before the assignment.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // A lib is used through its public entry (`@tradebridge/<lib>`, its src/index.ts), never its files.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tradebridge/*/*'], message: "Import the lib's public entry (`@tradebridge/<lib>`), not its files." },
            {
              group: libs.flatMap((lib) => [`**/${lib}/src`, `**/${lib}/src/**`]),
              message: 'Import another lib through its public entry (`@tradebridge/<lib>`), not its src.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read untyped answers: supertest's `response.body`, socket.io-client's payloads and
    // Jest's asymmetric matchers (`expect.any(…)`) are `any` by their libraries' design. A test
    // states the shape it expects with `expect`, and a wrong guess fails the test, so the
    // no-unsafe-* rules would only ask for casts that prove nothing. Production code keeps them.
    files: ['test/**', '**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The web app's components and pages are functions, not classes: their props, hooks' results
    // and contexts are plain records of functions that never use `this`, so destructuring them
    // (`const { t } = useI18n()`) is safe and unbound-method would only flag method-style signatures.
    files: ['apps/web/src/**/*.tsx'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // A benchmark loads only the code it measures: the bare baselines (their memory is compared with
    // the gateway's and the API's) and the pure-function benchmarks import the one file they need
    // rather than a lib's entry, which would load its Nest and TypeORM modules too.
    files: ['bench/gateway/server.ts', 'bench/rest/bare.ts', 'bench/rooms.ts', 'bench/scheduler.ts', 'bench/support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@tradebridge/*/*'], message: "Import the lib's public entry (`@tradebridge/<lib>`), not its files." }] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
