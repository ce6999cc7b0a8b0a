#!/usr/bin/env node
// `npm run dev`: the server and the web app in watch mode, in one terminal.
//   tsc   compiles the server to dist/ on every change (tsconfig.build.json);
//   api   `node --watch bin/run.js standalone` restarts on every change to what it loaded from dist/
//         (API, live gateway and the last web build, on port 3310: PORT is set here);
//   web   Vite's dev server for apps/web, which reloads the page on every change and proxies /api,
//         /socket.io and /health to the API (apps/web/vite.config.mts).
// Output comes prefixed with the process's name. Ctrl-C (SIGINT) or SIGTERM stops all three; so does
// one of them ending on its own. The API starts once tsc's first compilation is written.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const API_PORT = '3310';

const children = new Map();
let stopping = false;
let exitCode = 0;

function start(name, args, env, onLine) {
  // Its own process group: a Ctrl-C in the terminal reaches this script only, which passes it on once.
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.set(name, child);
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split(/\r?\n/);
      rest = lines.pop();
      for (const line of lines) {
        process.stdout.write(`[${name}] ${line}\n`);
        onLine?.(line);
      }
    });
    stream.on('end', () => rest && process.stdout.write(`[${name}] ${rest}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[dev] ${name} ended (${signal ?? `exit ${code}`}): stopping the others`);
      exitCode = 1;
      stop('SIGTERM');
    }
    if (children.size === 0) {
      console.log(`[dev] stopped`);
      process.exit(exitCode);
    }
  });
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill(signal);
  // A process that does not stop in time is killed (the API itself gives up after 9 s).
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000).unref();
}

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

let apiStarted = false;
start('tsc', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {}, (line) => {
  // "Found 0 errors. Watching for file changes." ends each compilation; the first one has written dist/.
  if (apiStarted || stopping || !/Found \d+ errors?\. Watching for file changes/.test(line)) return;
  apiStarted = true;
  start('api', ['--watch', '--watch-preserve-output', 'bin/run.js', 'standalone'], { PORT: API_PORT });
});
start('web', [bin('vite', 'bin/vite.js'), '--config', 'apps/web/vite.config.mts', '--clearScreen', 'false'], {});
console.log(`[dev] web app (reloads on change): the URL Vite prints below; API, live gateway and /health: http://127.0.0.1:${API_PORT}`);
