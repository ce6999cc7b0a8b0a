/**
 * The server under test in a child process of the gateway benchmark, on an
 * ephemeral port of 127.0.0.1; driven over IPC (messages in ./protocol).
 *
 * BENCH_GW_MODE=gateway: one TradeBridge gateway node exactly as production
 * builds it (`createGatewayApp`), on BENCH_GW_DATABASE_URL, no Redis.
 *
 * BENCH_GW_MODE=bare: a bare Socket.IO server of the same `socket.io` package
 * and engine with the same namespace and heartbeat settings, no Nest, no auth,
 * no database. `room.join` / `room.leave` acknowledge, then broadcast the
 * room's presence (the same payload the gateway sends, built by the same
 * `presenceOf`) to the room; a `connection` order from the benchmark emits
 * `log` and `connection` payloads to the two parties' sockets.
 */
import './register';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Server, Socket } from 'socket.io';
import { presenceOf, PresentSocket } from '../../libs/live/src/presence';
import type { BareIdentity, FromServer, ToServer } from './protocol';

let stop: () => Promise<void> = () => Promise.resolve();
let sockets: () => number = () => 0;
let connection: (message: Extract<ToServer, { t: 'connection' }>) => void = () => undefined;

function send(message: FromServer): void {
  process.send?.(message);
}

async function startGateway(): Promise<number> {
  const { loadConfig } = await import('@tradebridge/core');
  const { createGatewayApp, stopGateway } = await import('../../apps/gateway/src/app');
  const { LiveGateway } = await import('../../apps/gateway/src/live.gateway');
  const databaseUrl = process.env.BENCH_GW_DATABASE_URL!;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: process.env.BENCH_GW_JWT_SECRET,
    LOG_LEVEL: 'error',
    DATA_DIR: tmpdir(),
  });
  const app = await createGatewayApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const gateway = app.get(LiveGateway);
  sockets = () => gateway.server.sockets.size;
  stop = () => stopGateway(app);
  return ((app.getHttpServer() as HttpServer).address() as AddressInfo).port;
}

async function startBare(): Promise<number> {
  const http = createServer();
  // The options the gateway's @WebSocketGateway gives the same engine.
  const io = new Server(http, { pingInterval: 10_000, pingTimeout: 5_000, cors: { origin: false } });
  const live = io.of('/live');
  const byRegistration = new Map<string, Set<Socket>>();
  const identityOf = (socket: Socket) => (socket.data as { identity: PresentSocket }).identity;
  const broadcast = (roomId: string) => {
    const present: PresentSocket[] = [];
    for (const id of live.adapter.rooms.get(`room:${roomId}`) ?? []) {
      const socket = live.sockets.get(id);
      if (socket) present.push(identityOf(socket));
    }
    live.to(`room:${roomId}`).emit('presence', presenceOf(roomId, present));
  };
  live.on('connection', (socket) => {
    const auth = socket.handshake.auth as BareIdentity;
    socket.data = {
      identity: { userId: auth.registrationId, registrationId: auth.registrationId, enterpriseName: auth.enterpriseName, venueId: auth.venueId, side: auth.side, staff: false },
    };
    const mine = byRegistration.get(auth.registrationId) ?? new Set<Socket>();
    mine.add(socket);
    byRegistration.set(auth.registrationId, mine);
    socket.on('room.join', (body: { roomId: string }, ack: (answer: unknown) => void) => {
      void socket.join(`room:${body.roomId}`);
      ack({ ok: true, data: { roomId: body.roomId } });
      broadcast(body.roomId);
    });
    socket.on('room.leave', (body: { roomId: string }, ack: (answer: unknown) => void) => {
      void socket.leave(`room:${body.roomId}`);
      ack({ ok: true, data: { roomId: body.roomId } });
      broadcast(body.roomId);
    });
    socket.on('disconnect', () => {
      mine.delete(socket);
      if (!mine.size) byRegistration.delete(auth.registrationId);
    });
  });
  connection = (message) => {
    for (const registrationId of message.registrationIds) {
      for (const socket of byRegistration.get(registrationId) ?? []) {
        socket.emit('log', message.log);
        socket.emit('connection', message.connection);
      }
    }
  };
  sockets = () => live.sockets.size;
  stop = async () => {
    await io.close();
  };
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return (http.address() as AddressInfo).port;
}

async function handle(message: ToServer): Promise<void> {
  switch (message.t) {
    case 'connection':
      connection(message);
      return;
    case 'mem': {
      const { rss, heapUsed, external } = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ t: 'mem', rss, heapUsed, external, sockets: sockets(), cpuMicros: cpu.user + cpu.system });
      return;
    }
    case 'stop':
      await stop();
      send({ t: 'stopped' });
      setTimeout(() => process.exit(0), 100).unref();
      return;
  }
}

process.on('message', (message: ToServer) => {
  handle(message).catch((error: unknown) => send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on('disconnect', () => process.exit(0));

(process.env.BENCH_GW_MODE === 'gateway' ? startGateway() : startBare()).then(
  (port) => send({ t: 'ready', port }),
  (error: unknown) => {
    send({ t: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    setTimeout(() => process.exit(1), 100);
  },
);
