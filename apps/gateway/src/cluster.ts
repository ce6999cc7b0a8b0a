import type { Namespace, RemoteSocket } from 'socket.io';

/**
 * How long the other gateway nodes get to list their sockets (the Redis
 * adapter's own requestsTimeout). While Redis is down the adapter waits for it
 * to come back before even asking, however long that takes, so the wait is
 * bounded here.
 */
export const CLUSTER_ANSWER_MS = 3_000;

/** The sockets in a room on every node (through the adapter); rejects when the other nodes do not answer in time. */
export async function fetchRoomSockets(server: Namespace, room: string): Promise<RemoteSocket<Record<string, never>, unknown>[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the other gateway nodes did not answer (is Redis down?)')), CLUSTER_ANSWER_MS);
  });
  try {
    return await Promise.race([server.in(room).fetchSockets(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
