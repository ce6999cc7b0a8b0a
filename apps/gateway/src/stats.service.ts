import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { LiveRepository, PresentSocket } from '@tradebridge/live';
import { fetchRoomSockets } from './cluster';
import type { LiveNamespace } from './live-socket';
import type { LiveStats } from '@tradebridge/contracts';

/**
 * `stats` for staff dashboards: at most once a second per event, and only
 * while something changes. Each node sends to its own staff sockets.
 */
@Injectable()
export class StatsService implements OnModuleDestroy {
  private server?: LiveNamespace;
  private readonly dirty = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly live: LiveRepository) {
    this.timer = setInterval(() => void this.flush(), 1_000);
    this.timer.unref();
  }

  attach(server: LiveNamespace): void {
    this.server = server;
  }

  markDirty(eventId: string): void {
    this.dirty.add(eventId);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async compute(eventId: string): Promise<LiveStats> {
    // Bounded: while Redis is down this fails after a few seconds and the next tick retries.
    const sockets = this.server ? await fetchRoomSockets(this.server, `event:${eventId}:present`) : [];
    const present = new Map<string, PresentSocket & { roomId: string }>();
    for (const s of sockets) {
      for (const [roomId, p] of Object.entries((s.data as { presence?: Record<string, PresentSocket> }).presence ?? {})) {
        if (p.registrationId && !present.has(p.registrationId)) present.set(p.registrationId, { ...p, roomId });
      }
    }
    const count = (key: (p: PresentSocket & { roomId: string }) => string | null) => {
      const out: Record<string, number> = {};
      for (const p of present.values()) {
        const k = key(p);
        if (k) out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    };
    const connections = await this.live.connectionStats(eventId);
    return {
      eventId,
      at: new Date().toISOString(),
      present: { total: present.size, byRoom: count((p) => p.roomId), byVenue: count((p) => p.venueId), bySide: count((p) => p.side) },
      connections: {
        requested: connections.byRoom.reduce((n, r) => n + r.requested, 0),
        made: connections.byRoom.reduce((n, r) => n + r.made, 0),
        byRoom: connections.byRoom,
      },
      timeline: connections.timeline,
    };
  }

  private async flush(): Promise<void> {
    if (!this.server) return;
    const events = [...this.dirty];
    this.dirty.clear();
    for (const eventId of events) {
      const room = `event:${eventId}:staff`;
      if (!this.server.adapter.rooms.get(room)?.size) continue; // no staff on this node
      try {
        this.server.local.to(room).emit('stats', await this.compute(eventId));
      } catch {
        this.dirty.add(eventId);
      }
    }
  }
}
