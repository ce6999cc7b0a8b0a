import { io, Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@tradebridge/contracts';

/** The socket of `/live`, typed by the protocol in libs/contracts (live.ts), as the gateway's namespace is. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function tokenNow(): string {
  try {
    return window.localStorage.getItem('tradebridge.token') ?? '';
  } catch {
    return '';
  }
}

let shared: { socket: LiveSocket; holders: number } | null = null;

/**
 * The tab's one socket on `/live` (same origin as the page), shared by the bell
 * and the live pages: one connection per tab, not one per feature. Each holder
 * adds and removes its own listeners and gives the socket back with
 * releaseLiveSocket; the last one closes it.
 */
export function acquireLiveSocket(): LiveSocket {
  if (!shared) shared = { socket: io('/live', { auth: (cb) => cb({ token: tokenNow() }), transports: ['websocket'] }), holders: 0 };
  shared.holders++;
  return shared.socket;
}

/**
 * Gives the socket back. `reset`: what this holder set up on the server (an
 * event's subscription, rooms joined) must end, so a socket others still hold
 * reconnects: the server forgets it all, and every holder's `connect` handler
 * sets up again what it still wants (the bell resumes after its last id).
 */
export function releaseLiveSocket(socket: LiveSocket, { reset = false }: { reset?: boolean } = {}): void {
  if (!shared || shared.socket !== socket) return;
  shared.holders--;
  if (shared.holders > 0) {
    if (reset && socket.connected) socket.disconnect().connect();
    return;
  }
  socket.disconnect();
  shared = null;
}

/** The server's events and the socket's own, each with its listener's signature. */
type LiveListeners = Partial<ServerToClientEvents & { connect: () => void; disconnect: () => void; connect_error: (error: Error) => void }>;

/** Adds these listeners; returns what removes exactly them (the socket's other holders keep theirs). */
export function listen(socket: LiveSocket, listeners: LiveListeners): () => void {
  // Socket.IO's typings take one event name at a time; the map above keeps the call sites typed.
  const untyped = socket as unknown as { on(name: string, fn: (...args: never[]) => void): void; off(name: string, fn: (...args: never[]) => void): void };
  const entries = Object.entries(listeners) as [string, (...args: never[]) => void][];
  for (const [name, fn] of entries) untyped.on(name, fn);
  return () => {
    for (const [name, fn] of entries) untyped.off(name, fn);
  };
}
