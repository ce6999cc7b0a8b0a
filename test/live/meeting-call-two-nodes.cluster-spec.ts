import type { MeetingJoinResult, MeetingPeerChange, MeetingSignal } from '@tradebridge/contracts';
import { createTestApp, TestApp, TestClock } from '../factories/app';
import { ack, closeAllSockets, connect, eventually, GatewayNode, record, startGateway } from '../factories/live';
import { World } from '../factories/world';

const MINUTE = 60_000;

/**
 * A meeting's call with one party on each of two gateway nodes sharing Redis
 * (the Socket.IO Redis adapter): the join is seen across, and SDP and ICE
 * signals cross from one node to the other, to the addressed peer only.
 */
describe('meeting calls across two gateway nodes over Redis', () => {
  let api: TestApp;
  let a: GatewayNode;
  let b: GatewayNode;

  beforeAll(async () => {
    api = await createTestApp({}, new TestClock(new Date()));
    [a, b] = await Promise.all([startGateway({ REDIS_URL: process.env.REDIS_URL! }), startGateway({ REDIS_URL: process.env.REDIS_URL! })]);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await api.close();
  });

  it('relays a signal from the party on node A to the party on node B, and back', async () => {
    const world = new World(api);
    const organizer = await world.organizer();
    const setup = await world.openEvent(organizer, { startsAt: new Date(Date.now() - 60 * MINUTE).toISOString(), endsAt: new Date(Date.now() + 3 * 60 * MINUTE).toISOString() });
    const { vn, cn, connectionId } = await world.acceptedPair(organizer, setup);
    const startsAt = new Date(Date.now() + MINUTE);
    const meeting = await api.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId, startsAt: startsAt.toISOString() }).expect(201);
    const meetingId = meeting.body.id as string;

    const onA = await connect(a.url, vn.account.token);
    const onB = await connect(b.url, cn.account.token);
    const peersA = record<MeetingPeerChange>(onA, 'meeting.peer');
    const signalsA = record<MeetingSignal>(onA, 'meeting.signal');
    const signalsB = record<MeetingSignal>(onB, 'meeting.signal');

    expect(await ack<MeetingJoinResult>(onA, 'meeting.join', { meetingId })).toMatchObject({ ok: true, data: { participants: [] } });
    const joinedB = await ack<MeetingJoinResult>(onB, 'meeting.join', { meetingId });
    expect(joinedB).toMatchObject({ ok: true, data: { participants: [{ peerId: onA.id, registrationId: vn.registration.id }] } });
    expect(await eventually(peersA, (c) => c.change === 'joined', 3_000)).toMatchObject({ peer: { peerId: onB.id } });

    const offer = { description: { type: 'offer', sdp: 'v=0\r\n' } };
    expect(await ack(onA, 'meeting.signal', { meetingId, to: onB.id, data: offer })).toMatchObject({ ok: true });
    expect(await eventually(signalsB, () => true, 3_000)).toEqual({ meetingId, from: onA.id, data: offer });
    const answer = { description: { type: 'answer', sdp: 'v=0\r\n' } };
    expect(await ack(onB, 'meeting.signal', { meetingId, to: onA.id, data: answer })).toMatchObject({ ok: true });
    expect(await eventually(signalsA, () => true, 3_000)).toEqual({ meetingId, from: onB.id, data: answer });

    const bId = onB.id;
    onB.disconnect();
    expect(await eventually(peersA, (c) => c.change === 'left', 3_000)).toMatchObject({ peer: { peerId: bId } });
  });
});
