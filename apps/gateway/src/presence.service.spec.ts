import type { Namespace } from 'socket.io';
import { presenceOf, PresentSocket } from '@tradebridge/live';
import { PresenceService } from './presence.service';

const ROOM = 'room-1';
const EVENT = 'event-1';

const member = (registrationId: string): PresentSocket => ({
  userId: `user-${registrationId}`,
  registrationId,
  enterpriseName: { en: registrationId },
  venueId: 'venue-1',
  side: 'VN',
  staff: false,
});

/**
 * One gateway node's namespace as PresenceService uses it, in memory: the
 * room's sockets across the cluster (what fetchSockets through the Redis
 * adapter returns), what the node sent to clients, and a way to deliver what
 * another node announced (`serverSideEmit` arriving here).
 */
class FakeNode {
  readonly present = new Map<string, PresentSocket>();
  readonly sent: { roomId: string; registrationIds: string[] }[] = [];
  private readonly listeners = new Map<string, (...args: unknown[]) => void>();

  readonly server = {
    on: (name: string, listener: (...args: unknown[]) => void) => this.listeners.set(name, listener),
    serverSideEmit: () => true,
    to: () => ({
      to: () => ({
        emit: (_name: string, p: { roomId: string; participants: { registrationId: string }[] }) =>
          this.sent.push({ roomId: p.roomId, registrationIds: p.participants.map((x) => x.registrationId) }),
      }),
    }),
    in: () => ({ fetchSockets: () => this.fetch() }),
    adapter: { rooms: new Map() },
    sockets: new Map(),
  } as unknown as Namespace;

  /** While set, each listing is taken at once but answered only when the test releases it (a slow node). */
  holding = false;
  readonly held: (() => void)[] = [];

  private fetch(): Promise<unknown[]> {
    const listed = [...this.present.values()].map((identity) => ({ data: { presence: { [ROOM]: identity } } }));
    if (!this.holding) return Promise.resolve(listed);
    return new Promise((resolve) => this.held.push(() => resolve(listed)));
  }

  /** Another node's `presence:sent`, as the Redis adapter hands it over. */
  remoteSent(...args: unknown[]): void {
    this.listeners.get('presence:sent')!(...args);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('PresenceService on several nodes', () => {
  it('re-sends the room when another node announces an older snapshot after its own (concurrent recomputations), so a later change is not skipped', async () => {
    const node = new FakeNode();
    const presence = new PresenceService();
    presence.attach(node.server, true);
    for (const id of ['r1', 'r2']) node.present.set(id, member(id));

    // The probe joins here; this node sends the room with it.
    node.present.set('probe', member('probe'));
    presence.schedule(ROOM, EVENT);
    await settle();
    expect(node.sent.at(-1)?.registrationIds).toEqual(['probe', 'r1', 'r2']);

    // Another node had asked for the room's sockets before the probe joined and announces that
    // snapshot only now: every client of the cluster received it after ours, so it is what they show.
    node.remoteSent(ROOM, JSON.stringify(presenceOf(ROOM, [member('r1'), member('r2')])), EVENT);
    await settle();
    // The room is checked again and the true snapshot goes out once more.
    expect(node.sent.at(-1)?.registrationIds).toEqual(['probe', 'r1', 'r2']);
    expect(node.sent).toHaveLength(2);

    // And the probe leaving is sent (it was skipped: "the same as the last snapshot").
    node.present.delete('probe');
    presence.schedule(ROOM, EVENT);
    await settle();
    expect(node.sent.at(-1)?.registrationIds).toEqual(['r1', 'r2']);
    presence.clear();
  });

  it('runs one recomputation of a room at a time, so an older listing answered late never has the last word', async () => {
    const node = new FakeNode();
    const presence = new PresenceService();
    presence.attach(node.server, true);
    for (const id of ['r1', 'r2']) node.present.set(id, member(id));

    // A recomputation starts, and the other nodes are slow to answer it.
    node.holding = true;
    presence.schedule(ROOM, EVENT);
    await settle();
    expect(node.held).toHaveLength(1);
    // The probe joins meanwhile.
    node.present.set('probe', member('probe'));
    presence.schedule(ROOM, EVENT);
    await settle();
    node.holding = false;
    // The answers arrive newest first (a second listing, had one started, answers before the first).
    for (const release of [...node.held].reverse()) release();
    await settle();
    expect(node.sent.at(-1)?.registrationIds).toEqual(['probe', 'r1', 'r2']);

    // And the probe leaving is sent, not skipped as "the same as the last snapshot".
    node.present.delete('probe');
    presence.schedule(ROOM, EVENT);
    await settle();
    expect(node.sent.at(-1)?.registrationIds).toEqual(['r1', 'r2']);
    presence.clear();
  });

  it('does not re-check when another node simply sent the next snapshot', async () => {
    const node = new FakeNode();
    const presence = new PresenceService();
    presence.attach(node.server, true);
    node.present.set('r1', member('r1'));
    presence.schedule(ROOM, EVENT);
    await settle();
    expect(node.sent).toHaveLength(1);

    // r2 joined on the other node, which sent the room: nothing for this node to send.
    node.present.set('r2', member('r2'));
    node.remoteSent(ROOM, JSON.stringify(presenceOf(ROOM, [member('r1'), member('r2')])), EVENT);
    await settle();
    expect(node.sent).toHaveLength(1);
    presence.clear();
  });
});
