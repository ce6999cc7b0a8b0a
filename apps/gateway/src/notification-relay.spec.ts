import type { DataSource } from 'typeorm';
import type { NotificationView } from '@tradebridge/contracts';
import type { AppConfig } from '@tradebridge/core';
import type { NotificationsService } from '@tradebridge/notifications';
import type { LiveSocket } from './live-socket';
import { NotificationRelay } from './notification-relay';

/** The user's rows, and reads that can be held back to drive interleavings. */
class FakeNotifications {
  rows: NotificationView[] = [];
  gate: Promise<void> = Promise.resolve();

  add(userId: string, id: number): void {
    this.rows.push({ id, kind: 'connection.requested', eventId: null, title: `#${id}`, body: '', link: '/events', data: { userId }, createdAt: '', readAt: null });
  }
  lastId(userId: string): Promise<number> {
    return Promise.resolve(Math.max(0, ...this.mine(userId).map((n) => n.id)));
  }
  async after(userId: string, afterId: number, limit: number): Promise<NotificationView[]> {
    await this.gate;
    return this.mine(userId)
      .filter((n) => n.id > afterId)
      .slice(0, limit);
  }
  private mine(userId: string): NotificationView[] {
    return this.rows.filter((n) => n.data.userId === userId);
  }
}

function fakeSocket(): { socket: LiveSocket; got: number[] } {
  const got: number[] = [];
  const socket = { conn: { readyState: 'open' }, emit: (_event: string, n: NotificationView) => got.push(n.id) } as unknown as LiveSocket;
  return { socket, got };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('NotificationRelay', () => {
  let store: FakeNotifications;
  let relay: NotificationRelay;

  beforeEach(() => {
    store = new FakeNotifications();
    relay = new NotificationRelay(store as unknown as NotificationsService, {} as DataSource, {} as AppConfig);
  });

  it('sends what is new after connecting, in order, once, to the owner’s sockets only', async () => {
    store.add('u1', 1);
    const a = fakeSocket();
    const b = fakeSocket();
    const other = fakeSocket();
    await relay.follow(a.socket, 'u1');
    await relay.follow(b.socket, 'u1');
    await relay.follow(other.socket, 'u2');
    store.add('u1', 2);
    store.add('u1', 3);
    relay.wake('u1');
    relay.wake('u1');
    await settle();
    expect(a.got).toEqual([2, 3]);
    expect(b.got).toEqual([2, 3]);
    expect(other.got).toEqual([]);
  });

  it('a replay sends what came before the connect, after afterId, and never twice', async () => {
    for (const id of [1, 2, 3]) store.add('u1', id);
    const s = fakeSocket();
    await relay.follow(s.socket, 'u1');
    store.add('u1', 4);
    relay.wake('u1');
    await settle();
    expect(await relay.replay(s.socket, 'u1', 1)).toBe(4);
    expect(s.got).toEqual([4, 2, 3]);
    expect(await relay.replay(s.socket, 'u1', 1)).toBe(4);
    expect(await relay.replay(s.socket, 'u1', undefined)).toBe(4);
    expect(s.got).toEqual([4, 2, 3]);
  });

  it('a row committed while a read is in flight is sent by the next wake, not lost or doubled', async () => {
    const s = fakeSocket();
    await relay.follow(s.socket, 'u1');
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));
    store.add('u1', 1);
    relay.wake('u1');
    store.add('u1', 2);
    relay.wake('u1');
    release();
    await settle();
    expect(s.got).toEqual([1, 2]);
  });

  it('forgets a socket that left', async () => {
    const s = fakeSocket();
    await relay.follow(s.socket, 'u1');
    relay.unfollow(s.socket, 'u1');
    store.add('u1', 1);
    relay.wake('u1');
    await settle();
    expect(s.got).toEqual([]);
  });
});
