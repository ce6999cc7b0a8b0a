import type { Socket } from 'socket.io-client';
import type { CallParticipant, MeetingCallJoined, MeetingJoinResult, MeetingPeerChange, MeetingSignal } from '@tradebridge/contracts';
import { createTestApp, TestApp, TestClock } from '../factories/app';
import { ack, closeAllSockets, connect, eventually, GatewayNode, record, startGateway } from '../factories/live';
import { Account, ConferenceSetup, World } from '../factories/world';
import { waitUntil } from '../factories/servers';

const MINUTE = 60_000;

/**
 * Video calls of online meetings on `/live`: who may join and when, the relay
 * of SDP/ICE between peers, the 4-peer cap, and the sessions the attendance
 * keeper reads. Real sockets, a real gateway, a real PostgreSQL.
 */
describe('live gateway: meeting calls (meeting.join / signal / leave)', () => {
  let api: TestApp;
  let gateway: GatewayNode;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    // The API books at the instants a spec picks; the gateway judges the window by the real clock.
    api = await createTestApp({}, new TestClock(new Date()));
    gateway = await startGateway();
    world = new World(api);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer, { startsAt: new Date(Date.now() - 3 * 60 * MINUTE).toISOString(), endsAt: new Date(Date.now() + 5 * 60 * MINUTE).toISOString() });
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await gateway.stop();
    await api.close();
  });

  /** A meeting of a fresh accepted pair from `startsIn` for 30 minutes (negative: already begun), online unless both sit in Lào Cai. */
  async function meeting(startsIn = 0, onsite = false) {
    const pair = await world.acceptedPair(organizer, setup, onsite ? { vn: setup.venues.laoCai, cn: setup.venues.laoCai } : {});
    const startsAt = new Date(Date.now() + startsIn);
    api.clock.set(new Date(startsAt.getTime() - MINUTE));
    const res = await api.http
      .post(`/api/events/${setup.eventId}/meetings`)
      .set(organizer.auth)
      .send({ connectionId: pair.connectionId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString() });
    api.clock.set(new Date());
    if (res.status !== 201) throw new Error(`book failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...pair, meetingId: res.body.id as string };
  }

  const join = (s: Socket, meetingId: string) => ack<MeetingJoinResult>(s, 'meeting.join', { meetingId });
  const joined = async (s: Socket, meetingId: string): Promise<MeetingJoinResult> => {
    const answer = await join(s, meetingId);
    if (!answer.ok) throw new Error(`join refused: ${JSON.stringify(answer.error)}`);
    return answer.data;
  };
  const sessions = (meetingId: string) =>
    api.db.query<{ userId: string; registrationId: string | null; role: string; socketId: string; leftAt: Date | null; seenAt: Date; joinedAt: Date }[]>(
      `SELECT user_id AS "userId", registration_id AS "registrationId", role, socket_id AS "socketId", left_at AS "leftAt", seen_at AS "seenAt", joined_at AS "joinedAt"
         FROM meeting_call_sessions WHERE meeting_id = $1 ORDER BY id`,
      [meetingId],
    );

  it('lets the two parties join and relays offers, answers and candidates to the addressed peer only', async () => {
    const m = await meeting();
    const vn = await connect(gateway.url, m.vn.account.token);
    const cn = await connect(gateway.url, m.cn.account.token);
    const vnPeers = record<MeetingPeerChange>(vn, 'meeting.peer');
    const vnSignals = record<MeetingSignal>(vn, 'meeting.signal');
    const cnSignals = record<MeetingSignal>(cn, 'meeting.signal');

    const first = await joined(vn, m.meetingId);
    expect(first.participants).toEqual([]);
    expect(first.self).toMatchObject({ peerId: vn.id, userId: m.vn.account.id, role: 'party', registrationId: m.vn.registration.id, side: 'VN' });
    // No ICE_SERVERS, no TURN: host candidates only, and no vendor's STUN by default.
    expect(first.iceServers).toEqual([]);
    expect(new Date(first.opensAt).getTime()).toBeLessThan(Date.now());

    const second = await joined(cn, m.meetingId);
    expect(second.participants.map((p: CallParticipant) => p.peerId)).toEqual([vn.id]);
    expect(second.participants[0]).toMatchObject({ role: 'party', registrationId: m.vn.registration.id });
    const change = await eventually(vnPeers, (c) => c.change === 'joined');
    expect(change).toMatchObject({ meetingId: m.meetingId, peer: { peerId: cn.id, registrationId: m.cn.registration.id, side: 'CN' } });

    const offer = { description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };
    expect(await ack(cn, 'meeting.signal', { meetingId: m.meetingId, to: vn.id, data: offer })).toEqual({ ok: true, data: { to: vn.id } });
    expect((await eventually(vnSignals)).data).toEqual(offer);
    expect(vnSignals[0]).toEqual({ meetingId: m.meetingId, from: cn.id, data: offer });
    const candidate = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    expect(await ack(vn, 'meeting.signal', { meetingId: m.meetingId, to: cn.id, data: candidate })).toMatchObject({ ok: true });
    expect(await eventually(cnSignals)).toEqual({ meetingId: m.meetingId, from: vn.id, data: candidate });

    // A socket outside the call may not signal into it, and no one can signal a peer of another call.
    const staff = await connect(gateway.url, organizer.token);
    expect(await ack(staff, 'meeting.signal', { meetingId: m.meetingId, to: vn.id, data: offer })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(vn, 'meeting.signal', { meetingId: m.meetingId, to: vn.id, data: offer })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(vn, 'meeting.signal', { meetingId: m.meetingId, to: cn.id, data: 'sdp' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(vnSignals).toHaveLength(1);

    // Staff join as staff, with no registration.
    const asStaff = await joined(staff, m.meetingId);
    expect(asStaff.self).toMatchObject({ role: 'staff', registrationId: null, side: null });
    expect(asStaff.participants.map((p) => p.peerId)).toEqual([vn.id, cn.id]);

    // Joining twice from one socket is one session.
    expect((await joined(vn, m.meetingId)).participants.map((p) => p.peerId)).toEqual([cn.id, staff.id]);
    const rows = await sessions(m.meetingId);
    expect(rows.map((r) => [r.socketId, r.role, r.registrationId, r.leftAt])).toEqual([
      [vn.id, 'party', m.vn.registration.id, null],
      [cn.id, 'party', m.cn.registration.id, null],
      [staff.id, 'staff', null, null],
    ]);
  });

  it('tells the event’s staff (meeting.call) when a party first joins, so the dashboard counts the slot again; not the parties, not for staff or a second join', async () => {
    const m = await meeting();
    const staff = await connect(gateway.url, organizer.token);
    const member = await connect(gateway.url, m.cn.account.token);
    expect(await ack(staff, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: true, data: { staff: true } });
    expect(await ack(member, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: true, data: { staff: false } });
    const toStaff = record<MeetingCallJoined>(staff, 'meeting.call');
    const toMember = record<MeetingCallJoined>(member, 'meeting.call');

    const vn = await connect(gateway.url, m.vn.account.token);
    const first = await joined(vn, m.meetingId);
    expect(first.eventId).toBe(setup.eventId);
    expect(await eventually(toStaff)).toEqual({ eventId: setup.eventId, meetingId: m.meetingId, registrationId: m.vn.registration.id });
    await joined(vn, m.meetingId);
    await joined(staff, m.meetingId);
    await joined(member, m.meetingId);
    expect(await eventually(toStaff, (j) => j.registrationId === m.cn.registration.id)).toMatchObject({ meetingId: m.meetingId });
    expect(toStaff.map((j) => j.registrationId)).toEqual([m.vn.registration.id, m.cn.registration.id]);
    expect(toMember).toEqual([]);
  });

  it('ends a session on meeting.leave and on disconnect, and tells the others', async () => {
    const m = await meeting(-5 * MINUTE);
    const vn = await connect(gateway.url, m.vn.account.token);
    const cn = await connect(gateway.url, m.cn.account.token);
    await joined(vn, m.meetingId);
    await joined(cn, m.meetingId);
    const vnPeers = record<MeetingPeerChange>(vn, 'meeting.peer');
    const cnId = cn.id;

    cn.disconnect();
    expect(await eventually(vnPeers, (c) => c.change === 'left')).toMatchObject({ meetingId: m.meetingId, peer: { peerId: cnId, registrationId: m.cn.registration.id } });
    await waitUntil(
      async () => (await sessions(m.meetingId)).find((r) => r.socketId === cnId)?.leftAt != null,
      5_000,
      () => 'the disconnected socket’s session has no left_at',
    );

    expect(await ack(vn, 'meeting.leave', { meetingId: m.meetingId })).toEqual({ ok: true, data: { meetingId: m.meetingId } });
    const rows = await sessions(m.meetingId);
    expect(rows.every((r) => r.leftAt !== null && r.leftAt >= r.joinedAt)).toBe(true);
    expect(await ack(vn, 'meeting.leave', { meetingId: m.meetingId })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Back again: a new session.
    await joined(vn, m.meetingId);
    expect((await sessions(m.meetingId)).filter((r) => r.leftAt === null)).toHaveLength(1);
  });

  it('refuses anyone but the parties and staff with NOT_A_PARTICIPANT, and an unknown meeting with NOT_FOUND', async () => {
    const m = await meeting();
    const stranger = await world.account('stranger');
    const other = await world.approved(organizer, setup, 'VN'); // in the event, not in this meeting
    for (const account of [stranger, other.account]) {
      const s = await connect(gateway.url, account.token);
      expect(await join(s, m.meetingId)).toMatchObject({ ok: false, error: { code: 'NOT_A_PARTICIPANT' } });
    }
    const s = await connect(gateway.url, stranger.token);
    expect(await join(s, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await join(s, 'nope')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await sessions(m.meetingId)).toEqual([]);
  });

  it('has no call for an on-site or a cancelled meeting: NOT_AN_ONLINE_MEETING', async () => {
    const onsite = await meeting(0, true);
    const a = await connect(gateway.url, onsite.vn.account.token);
    expect(await join(a, onsite.meetingId)).toMatchObject({ ok: false, error: { code: 'NOT_AN_ONLINE_MEETING' } });

    const cancelled = await meeting(2 * MINUTE);
    await api.http.patch(`/api/meetings/${cancelled.meetingId}`).set(cancelled.cn.account.auth).send({ status: 'cancelled' }).expect(200);
    const b = await connect(gateway.url, cancelled.cn.account.token);
    expect(await join(b, cancelled.meetingId)).toMatchObject({ ok: false, error: { code: 'NOT_AN_ONLINE_MEETING', message: expect.stringMatching(/cancelled/) } });
  });

  it('opens the call 10 minutes before the start and closes it 10 minutes after the end: MEETING_ROOM_CLOSED says when', async () => {
    const later = await meeting(60 * MINUTE);
    const s = await connect(gateway.url, later.vn.account.token);
    const early = await join(s, later.meetingId);
    expect(early).toMatchObject({ ok: false, error: { code: 'MEETING_ROOM_CLOSED' } });
    const error = (early as { error: { opensAt: string; closesAt: string; message: string } }).error;
    const startsAt = (await api.http.get(`/api/meetings/${later.meetingId}`).set(later.vn.account.auth).expect(200)).body.startsAt as string;
    expect(new Date(error.opensAt).getTime()).toBe(new Date(startsAt).getTime() - 10 * MINUTE);
    expect(new Date(error.closesAt).getTime()).toBe(new Date(startsAt).getTime() + 40 * MINUTE);
    expect(error.message).toContain(error.opensAt);

    // Within 10 minutes of the start: open.
    const soon = await meeting(8 * MINUTE);
    const t = await connect(gateway.url, soon.cn.account.token);
    expect(await join(t, soon.meetingId)).toMatchObject({ ok: true });

    // Ended 15 minutes ago (began 45 minutes ago, for 30): closed.
    const over = await meeting(-45 * MINUTE);
    const u = await connect(gateway.url, over.vn.account.token);
    expect(await join(u, over.meetingId)).toMatchObject({ ok: false, error: { code: 'MEETING_ROOM_CLOSED', message: expect.stringMatching(/closed at/) } });
    expect(await sessions(over.meetingId)).toEqual([]);
  });

  it('takes at most 4 peers: the 5th gets MEETING_CALL_FULL, and a place freed is taken again', async () => {
    const m = await meeting();
    const peers = [
      await connect(gateway.url, m.vn.account.token),
      await connect(gateway.url, m.vn.account.token), // a second tab
      await connect(gateway.url, m.cn.account.token),
      await connect(gateway.url, organizer.token),
    ];
    for (const p of peers) await joined(p, m.meetingId);
    const fifth = await connect(gateway.url, m.cn.account.token);
    expect(await join(fifth, m.meetingId)).toMatchObject({ ok: false, error: { code: 'MEETING_CALL_FULL' } });
    expect((await sessions(m.meetingId)).filter((r) => r.leftAt === null)).toHaveLength(4);

    expect(await ack(peers[1], 'meeting.leave', { meetingId: m.meetingId })).toMatchObject({ ok: true });
    expect((await joined(fifth, m.meetingId)).participants).toHaveLength(3);
  });

  it('joins racing from every side leave exactly 4 sessions open', async () => {
    const m = await meeting();
    const sockets = await Promise.all([...Array(4).fill(m.vn.account.token), ...Array(4).fill(m.cn.account.token)].map((token: string) => connect(gateway.url, token)));
    const answers = await Promise.all(sockets.map((s) => join(s, m.meetingId)));
    expect(answers.filter((a) => a.ok)).toHaveLength(4);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(Array(4).fill('MEETING_CALL_FULL'));
    expect((await sessions(m.meetingId)).filter((r) => r.leftAt === null)).toHaveLength(4);
  });
});
