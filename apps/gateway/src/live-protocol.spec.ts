import type { Namespace, Socket } from 'socket.io';
import type { Ack, ClientToServerEvents, ConnectionView, LiveAckData, LiveStats, PitchState, RoomJoinResult, ServerToClientEvents, SubscribeResult } from '@tradebridge/contracts';
import type { LiveGateway } from './live.gateway';
import type { StatsService } from './stats.service';
import type { PresenceService } from './presence.service';
import type { PitchService } from '@tradebridge/live';

/**
 * The socket protocol is typed once, in libs/contracts (live.ts): the gateway's
 * namespace and handlers use the same maps as the web app's socket (useLive,
 * checked by the web's own type check). These are compile-time checks, so
 * `npm run typecheck` (the first step of `npm test`) is what fails when a
 * handler answers another shape; Jest only transpiles (isolatedModules).
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

type Answer<M extends keyof LiveGateway> = LiveGateway[M] extends (...args: never[]) => Promise<infer A> ? A : never;

describe('the /live protocol, typed once in libs/contracts', () => {
  it('types the gateway namespace with the client → server and server → client maps', () => {
    assertType<Equal<LiveGateway['server'], Namespace<ClientToServerEvents, ServerToClientEvents>>>();
    assertType<Equal<Parameters<PresenceService['attach']>[0], Namespace<ClientToServerEvents, ServerToClientEvents>>>();
    assertType<Equal<Parameters<StatsService['attach']>[0], Namespace<ClientToServerEvents, ServerToClientEvents>>>();
    assertType<Equal<Parameters<LiveGateway['handleDisconnect']>[0], Socket<ClientToServerEvents, ServerToClientEvents>>>();
    expect(true).toBe(true);
  });

  it('answers every client → server event with the Ack of its map entry', () => {
    assertType<Equal<Answer<'subscribe'>, Ack<LiveAckData<'event.subscribe'>>>>();
    assertType<Equal<LiveAckData<'event.subscribe'>, SubscribeResult>>();
    assertType<Equal<Answer<'joinRoom'>, Ack<LiveAckData<'room.join'>>>>();
    assertType<Equal<LiveAckData<'room.join'>, RoomJoinResult>>();
    assertType<Equal<Answer<'leaveRoom'>, Ack<LiveAckData<'room.leave'>>>>();
    assertType<Equal<Answer<'enqueue'>, Ack<LiveAckData<'pitch.enqueue'>>>>();
    assertType<Equal<Answer<'next'>, Ack<LiveAckData<'pitch.next'>>>>();
    assertType<Equal<Answer<'requestConnection'>, Ack<LiveAckData<'connection.request'>>>>();
    assertType<Equal<Answer<'respond'>, Ack<LiveAckData<'connection.respond'>>>>();
    assertType<Equal<LiveAckData<'connection.respond'>, ConnectionView>>();
    // What the services hand the gateway is the contract's shape.
    assertType<Equal<Awaited<ReturnType<PitchService['state']>>, PitchState>>();
    assertType<Equal<Awaited<ReturnType<StatsService['compute']>>, LiveStats>>();
    expect(true).toBe(true);
  });
});
