import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ack, NotificationView } from '@tradebridge/contracts';
import { notifications as api } from '../api/endpoints';
import { acquireLiveSocket, listen, releaseLiveSocket } from './socket';

export interface Notifications {
  items: NotificationView[];
  unread: number;
  markRead(id: number): Promise<void>;
  markAllRead(): Promise<void>;
}

const SHOWN = 20;

/**
 * The signed-in user's notifications: the newest from REST, then live on the
 * tab's socket of `/live` (`notification`); after a reconnect `notifications.subscribe
 * { afterId }` replays what was missed (docs/realtime.md §5.7). Kept by id, so
 * nothing shows twice.
 */
export function useNotifications(enabled: boolean): Notifications {
  const [items, setItems] = useState<NotificationView[]>([]);
  const [unread, setUnread] = useState(0);
  const seen = useRef(new Map<number, NotificationView>());
  const lastId = useRef(0);

  const add = useCallback((incoming: NotificationView[], countUnread: boolean) => {
    let fresh = 0;
    for (const n of incoming) {
      if (!seen.current.has(n.id) && countUnread && !n.readAt) fresh++;
      seen.current.set(n.id, n);
      lastId.current = Math.max(lastId.current, n.id);
    }
    setItems([...seen.current.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN));
    if (fresh) setUnread((u) => u + fresh);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    seen.current.clear();
    lastId.current = 0;
    const socket = acquireLiveSocket();
    const unlisten = listen(socket, { notification: (n: NotificationView) => add([n], true) });
    const resume = async () => {
      const timed = socket.timeout(8_000) as unknown as { emitWithAck(name: 'notifications.subscribe', payload: { afterId?: number }): Promise<Ack<{ lastId: number }>> };
      await timed.emitWithAck('notifications.subscribe', lastId.current ? { afterId: lastId.current } : {}).catch(() => undefined);
    };
    let unlistenConnect: () => void = () => undefined;
    void (async () => {
      try {
        const page = await api.list({ limit: SHOWN });
        if (!alive) return;
        add(page.items, false);
        setUnread(page.unread);
      } catch {
        // the bell stays empty until the socket brings something
      }
      if (!alive) return;
      unlistenConnect = listen(socket, { connect: () => void resume() });
      if (socket.connected) void resume();
    })();
    return () => {
      alive = false;
      unlisten();
      unlistenConnect();
      releaseLiveSocket(socket);
    };
  }, [enabled, add]);

  const markRead = useCallback(async (id: number) => {
    const n = seen.current.get(id);
    if (!n || n.readAt) return;
    const updated = await api.read(id);
    seen.current.set(id, updated);
    setItems([...seen.current.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN));
    setUnread((u) => Math.max(0, u - 1));
  }, []);

  const markAllRead = useCallback(async () => {
    await api.readAll();
    const now = new Date().toISOString();
    for (const [id, n] of seen.current) if (!n.readAt) seen.current.set(id, { ...n, readAt: now });
    setItems([...seen.current.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN));
    setUnread(0);
  }, []);

  return { items, unread, markRead, markAllRead };
}
