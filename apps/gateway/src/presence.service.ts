import { Injectable } from '@nestjs/common';
import { Presence, presenceOf, PresentSocket } from '@tradebridge/live';
import { fetchRoomSockets } from './cluster';
import type { LiveNamespace } from './live-socket';

/** How long a vanished socket still counts as present: a quick reconnect causes no leave/join flicker. */
export const PRESENCE_GRACE_MS = 4_000;
/** A recomputation the other nodes did not answer is tried again after this long. */
const RETRY_MS = 1_000;

/**
 * Presence per sector room, computed from the sockets in the room on every
 * node (`fetchSockets` goes through the adapter) and emitted to the room and
 * to the event's staff only when it changed.
 */
@Injectable()
export class PresenceService {
  private server?: LiveNamespace;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Rooms whose cross-node recomputation is under way, and the event of a change that arrived meanwhile. */
  private readonly running = new Set<string>();
  private readonly again = new Map<string, string>();
  private readonly last = new Map<string, string>();
  /** The snapshot this node sent last per room, while no other node has sent one since. */
  private readonly mine = new Map<string, string>();
  /** Sockets that left without saying so, still counted until their grace ends (per room). */
  private readonly lingering = new Map<string, { identity: PresentSocket; until: number }[]>();
  onChanged: (eventId: string) => void = () => undefined;

  private clustered = false;

  /**
   * With several nodes (Redis adapter), what one node decides is shared with the
   * others: the last snapshot sent per room (so none re-sends or skips it), the
   * sockets lingering in their grace period, and that presence changed (stats).
   */
  attach(server: LiveNamespace, clustered: boolean): void {
    this.server = server;
    this.clustered = clustered;
    if (!clustered) return;
    server.on('presence:sent', (roomId: string, key: string, eventId?: string) => this.sentElsewhere(roomId, key, eventId));
    server.on('presence:linger', (roomId: string, identity: PresentSocket, until: number) => this.addLingering(roomId, identity, until));
    server.on('presence:changed', (eventId: string) => this.onChanged(eventId));
  }

  /**
   * Recomputes a room's presence on the next turn of the event loop: changes
   * arriving together coalesce into one snapshot without delaying a lone one.
   */
  schedule(roomId: string, eventId: string, delayMs = 0): void {
    // One node: every socket of the room is here, so presence is computed and sent at once.
    if (!this.clustered && delayMs === 0) {
      this.publish(roomId, eventId, this.localSnapshot(roomId));
      return;
    }
    // One recomputation per room at a time: two in flight could finish out of order, and the
    // older snapshot, sent last, would stay on every screen. A change meanwhile runs once more after.
    if (this.running.has(roomId)) {
      this.again.set(roomId, eventId);
      return;
    }
    if (this.timers.has(roomId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(roomId);
      void this.recompute(roomId, eventId);
    }, delayMs);
    timer.unref();
    this.timers.set(roomId, timer);
  }

  /** A socket dropped: keep its place for the grace period, then recompute. */
  linger(roomId: string, eventId: string, identity: PresentSocket): void {
    const until = Date.now() + PRESENCE_GRACE_MS;
    this.addLingering(roomId, identity, until);
    if (this.clustered) this.server?.serverSideEmit('presence:linger', roomId, identity, until);
    setTimeout(() => this.schedule(roomId, eventId, 0), PRESENCE_GRACE_MS + 20).unref();
  }

  private addLingering(roomId: string, identity: PresentSocket, until: number): void {
    const list = (this.lingering.get(roomId) ?? []).filter((l) => l.until > Date.now());
    list.push({ identity, until });
    this.lingering.set(roomId, list);
  }

  /** The room's presence across every node; rejects when the other nodes cannot be asked in time. */
  async snapshot(roomId: string): Promise<Presence> {
    if (!this.clustered || !this.server) return this.localSnapshot(roomId);
    const sockets = await fetchRoomSockets(this.server, `room:${roomId}`);
    return this.presenceFrom(
      roomId,
      sockets.map((s) => s.data),
    );
  }

  /** For a client's own acknowledgement: the whole room, or at least this node's share while the other nodes cannot be asked. */
  async snapshotOrLocal(roomId: string): Promise<Presence> {
    return this.snapshot(roomId).catch(() => this.localSnapshot(roomId));
  }

  /** The room's sockets on this node, read synchronously (all of them when there is one node). */
  private localSnapshot(roomId: string): Presence {
    const ids = this.server?.adapter.rooms.get(`room:${roomId}`) ?? new Set<string>();
    return this.presenceFrom(
      roomId,
      [...ids].map((id): unknown => this.server?.sockets.get(id)?.data),
    );
  }

  private presenceFrom(roomId: string, data: unknown[]): Presence {
    const present = data.map((d) => (d as { presence?: Record<string, PresentSocket> } | undefined)?.presence?.[roomId]).filter((p): p is PresentSocket => Boolean(p));
    const lingering = (this.lingering.get(roomId) ?? []).filter((l) => l.until > Date.now());
    if (lingering.length) this.lingering.set(roomId, lingering);
    else this.lingering.delete(roomId);
    return presenceOf(roomId, [...present, ...lingering.map((l) => l.identity)]);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.again.clear();
  }

  private async recompute(roomId: string, eventId: string): Promise<void> {
    if (!this.server) return;
    this.running.add(roomId);
    let retry = false;
    try {
      this.publish(roomId, eventId, await this.snapshot(roomId));
    } catch {
      // The other nodes did not answer (Redis down or a node overloaded): try again, so a
      // change made meanwhile is sent once they answer, not at the room's next change.
      retry = true;
    } finally {
      this.running.delete(roomId);
    }
    const changed = this.again.get(roomId);
    this.again.delete(roomId);
    if (changed) this.schedule(roomId, changed);
    else if (retry) this.schedule(roomId, eventId, RETRY_MS);
  }

  /**
   * Another node sent the room. Two nodes recomputing at once race: one may have
   * listed the sockets before a change the other already sent, and announce its
   * older snapshot last, so every client shows it. The key is kept either way
   * (it is what clients hold now); if it replaced the one this node sent last,
   * this node checks the room again, so the true snapshot goes out once more —
   * otherwise the next change back to that older state would be skipped as "the
   * same as last", and the stale view would stay. (Nodes of an older version
   * send no event id: no check.)
   */
  private sentElsewhere(roomId: string, key: string, eventId: string | undefined): void {
    const ours = this.mine.get(roomId);
    const oursWasLast = ours !== undefined && this.last.get(roomId) === ours;
    this.mine.delete(roomId);
    this.last.set(roomId, key);
    if (oursWasLast && key !== ours && eventId) this.schedule(roomId, eventId);
  }

  /** Sends a snapshot to the room and the event's staff, unless it is the one sent last. */
  private publish(roomId: string, eventId: string, presence: Presence): void {
    if (!this.server) return;
    const key = JSON.stringify(presence);
    if (this.last.get(roomId) === key) return;
    this.last.set(roomId, key);
    this.server.to(`room:${roomId}`).to(`event:${eventId}:staff`).emit('presence', presence);
    if (this.clustered) {
      this.mine.set(roomId, key);
      this.server.serverSideEmit('presence:sent', roomId, key, eventId);
      this.server.serverSideEmit('presence:changed', eventId);
    }
    this.onChanged(eventId);
  }
}
