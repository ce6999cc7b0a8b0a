import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { Presence, presenceOf, PresentSocket } from '@tradebridge/live';

/** How long a vanished socket still counts as present: a quick reconnect causes no leave/join flicker. */
export const PRESENCE_GRACE_MS = 4_000;

/**
 * Presence per sector room, computed from the sockets in the room on every
 * node (`fetchSockets` goes through the adapter) and emitted to the room and
 * to the event's staff only when it changed.
 */
@Injectable()
export class PresenceService {
  private server?: Namespace;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly last = new Map<string, string>();
  /** Sockets that left without saying so, still counted until their grace ends (per room). */
  private readonly lingering = new Map<string, { identity: PresentSocket; until: number }[]>();
  onChanged: (eventId: string) => void = () => undefined;

  attach(server: Namespace): void {
    this.server = server;
  }

  /** Recomputes a room's presence soon (changes in a burst coalesce). */
  schedule(roomId: string, eventId: string, delayMs = 50): void {
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
    const list = (this.lingering.get(roomId) ?? []).filter((l) => l.until > Date.now());
    list.push({ identity, until: Date.now() + PRESENCE_GRACE_MS });
    this.lingering.set(roomId, list);
    setTimeout(() => this.schedule(roomId, eventId, 0), PRESENCE_GRACE_MS + 20).unref();
  }

  async snapshot(roomId: string): Promise<Presence> {
    const sockets = this.server ? await this.server.in(`room:${roomId}`).fetchSockets() : [];
    const present = sockets.map((s) => (s.data as { presence?: Record<string, PresentSocket> }).presence?.[roomId]).filter((p): p is PresentSocket => Boolean(p));
    const lingering = (this.lingering.get(roomId) ?? []).filter((l) => l.until > Date.now());
    if (lingering.length) this.lingering.set(roomId, lingering);
    else this.lingering.delete(roomId);
    return presenceOf(roomId, [...present, ...lingering.map((l) => l.identity)]);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async recompute(roomId: string, eventId: string): Promise<void> {
    if (!this.server) return;
    try {
      const presence = await this.snapshot(roomId);
      const key = JSON.stringify(presence);
      if (this.last.get(roomId) === key) return;
      this.last.set(roomId, key);
      this.server.to(`room:${roomId}`).to(`event:${eventId}:staff`).emit('presence', presence);
      this.onChanged(eventId);
    } catch {
      // A node that did not answer fetchSockets in time: the next change recomputes.
    }
  }
}
