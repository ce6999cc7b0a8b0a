import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { io, Socket } from 'socket.io-client';
import type { Ack } from '@tradebridge/contracts';
import { createGatewayApp, stopGateway } from '../../apps/gateway/src/app';
import { createTestApp, TestApp, testConfig } from './app';

/** The acknowledgement of the socket protocol (libs/contracts, live.ts). */
export type { Ack } from '@tradebridge/contracts';

export interface GatewayNode {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/** A gateway node on an ephemeral port, on the test database (and Redis when given). */
export async function startGateway(overrides: Record<string, string> = {}): Promise<GatewayNode> {
  const config = testConfig(overrides);
  const app = await createGatewayApp(config, config.databaseUrl!);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, stop: () => stopGateway(app) };
}

/** The API (for REST) and one gateway node. */
export async function createLiveTestApp(overrides: Record<string, string> = {}): Promise<{ api: TestApp; gateway: GatewayNode; close(): Promise<void> }> {
  const api = await createTestApp(overrides);
  const gateway = await startGateway(overrides);
  return {
    api,
    gateway,
    close: async () => {
      await gateway.stop();
      await api.close();
    },
  };
}

const open: Socket[] = [];

/** A connected client of `/live` (rejects with the handshake refusal). */
export function connect(url: string, token: string | undefined, options: { reconnection?: boolean } = {}): Promise<Socket> {
  const socket = io(`${url}/live`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: options.reconnection ?? false, forceNew: true });
  open.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function closeAllSockets(): void {
  for (const socket of open.splice(0)) socket.close();
}

export function ack<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Everything a socket receives of one event, as it arrives. */
export function record<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Waits until `list` holds an item matching `predicate` (default: any); fails after `ms`. */
export async function eventually<T>(list: T[], predicate: (item: T) => boolean = () => true, ms = 2_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = list.find(predicate);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`nothing matching arrived within ${ms} ms (got ${list.length}: ${JSON.stringify(list).slice(0, 500)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A gateway as its own OS process (`node bin/run.js gateway`, from dist/), for
 * the multi-node tests: same database and JWT secret as the in-process API.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayNode> {
  const { spawn } = await import('node:child_process');
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      server.close(() => resolve(p));
    });
  });
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, [join(root, 'bin', 'run.js'), 'gateway'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', GATEWAY_PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`gateway process did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    app: undefined as unknown as INestApplication,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
