import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { Account, ConferenceSetup, World } from '../factories/world';
import { ack, closeAllSockets, connect, createLiveTestApp, eventually, record, sleep, startGateway } from '../factories/live';
import { PRESENCE_GRACE_MS } from '../../apps/gateway/src/presence.service';

describe('live gateway: handshake, subscribe, presence, queue, connections, resume', () => {
  let live: Awaited<ReturnType<typeof createLiveTestApp>>;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  beforeAll(async () => {
    live = await createLiveTestApp();
    world = new World(live.api);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => live.close());

  const url = () => live.gateway.url;
  const http = () => live.api.http;

  /** An approved participant placed in a room (the organizer's override). */
  async function placed(country: 'VN' | 'CN', room: string, venue?: string) {
    const p = await world.approved(organizer, setup, country, {}, venue);
    await http().patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: room }).expect(200);
    return p;
  }

  it('refuses a missing, invalid or expired token in the handshake, with a code', async () => {
    const missing = await connect(url(), undefined).then(
      () => null,
      (error: Error & { data?: { code: string } }) => error,
    );
    expect(missing?.message).toMatch(/auth\.token/);
    expect(missing?.data).toEqual({ code: 'UNAUTHENTICATED' });
    await expect(connect(url(), 'not-a-jwt')).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    const expired = new JwtService({ secret: live.api.config.jwtSecret }).sign({ sub: organizer.id, email: organizer.email, roles: [] }, { expiresIn: -5 });
    await expect(connect(url(), expired)).rejects.toMatchObject({ data: { code: 'TOKEN_EXPIRED' } });
    const ok = await connect(url(), organizer.token);
    expect(ok.connected).toBe(true);
  });

  it('lets staff subscribe to their event, members to events they registered for, nobody else', async () => {
    const staff = await connect(url(), organizer.token);
    const subscribed = await ack<{ lastSeq: number; staff: boolean }>(staff, 'event.subscribe', { eventId: setup.eventId });
    expect(subscribed).toMatchObject({ ok: true, data: { staff: true } });
    const stranger = await world.account('stranger');
    const s = await connect(url(), stranger.token);
    expect(await ack(s, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const member = await world.approved(organizer, setup, 'VN');
    const m = await connect(url(), member.account.token);
    expect(await ack(m, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: true, data: { staff: false } });
  });

  it('answers malformed payloads with an error acknowledgement and keeps the socket working', async () => {
    const s = await connect(url(), organizer.token);
    expect(await ack(s, 'event.subscribe', { eventId: 'nope', extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(s, 'event.subscribe', 'just a string')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ack(s, 'room.join', { roomId: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // A missing field is one "is required"; each other problem names its rule, as over HTTP.
    const missing = await ack(s, 'connection.respond', { accept: 'yes' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((missing as { error: { fields?: unknown } }).error.fields).toEqual([
      { field: 'connectionId', message: 'is required', rule: 'required' },
      { field: 'accept', message: 'must be true or false', rule: 'isBoolean' },
    ]);
    expect(s.connected).toBe(true);
    expect(await ack(s, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: true });
  });

  it('shows presence by venue and side, counting a user with two tabs once, to the room and to staff', async () => {
    const vn = await placed('VN', setup.rooms.agriculture, setup.venues.laoCai);
    const cnHangzhou = await placed('CN', setup.rooms.agriculture, setup.venues.hangzhou);
    const cnLaoCai = await placed('CN', setup.rooms.agriculture, setup.venues.laoCai);
    const staff = await connect(url(), organizer.token);
    await ack(staff, 'event.subscribe', { eventId: setup.eventId });
    const seen = record<{ roomId: string; participants: { registrationId: string }[]; byVenue: Record<string, number>; bySide: Record<string, number> }>(staff, 'presence');

    for (const p of [vn, vn, cnHangzhou, cnLaoCai]) {
      const s = await connect(url(), p.account.token); // vn twice: two tabs
      expect(await ack(s, 'room.join', { roomId: setup.rooms.agriculture })).toMatchObject({ ok: true });
    }
    const full = await eventually(seen, (p) => p.participants.length === 3);
    expect(full.bySide).toEqual({ VN: 1, CN: 2 });
    expect(full.byVenue).toEqual({ [setup.venues.laoCai]: 2, [setup.venues.hangzhou]: 1 });

    // Not placed in this room → refused.
    const elsewhere = await placed('VN', setup.rooms.industry);
    const e = await connect(url(), elsewhere.account.token);
    expect(await ack(e, 'room.join', { roomId: setup.rooms.agriculture })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('does not flicker presence when a client reconnects within the grace period, and drops it after', async () => {
    const room = setup.rooms.industry;
    const member = await placed('VN', room);
    const staff = await connect(url(), organizer.token);
    await ack(staff, 'event.subscribe', { eventId: setup.eventId });
    const seen = record<{ roomId: string; participants: { registrationId: string }[] }>(staff, 'presence');
    const has = (p: { roomId: string; participants: { registrationId: string }[] }) => p.roomId === room && p.participants.some((x) => x.registrationId === member.registration.id);

    const first = await connect(url(), member.account.token);
    await ack(first, 'room.join', { roomId: room });
    await eventually(seen, has);
    const mark = seen.length;
    first.disconnect();
    await sleep(300);
    const again = await connect(url(), member.account.token);
    await ack(again, 'room.join', { roomId: room });
    await sleep(PRESENCE_GRACE_MS + 500);
    expect(seen.slice(mark).filter((p) => p.roomId === room && !has(p))).toEqual([]);

    const before = seen.length;
    const left = Date.now();
    again.disconnect();
    await eventually(seen, (p) => seen.indexOf(p) >= before && p.roomId === room && !has(p), PRESENCE_GRACE_MS + 2_000);
    // It left only once the grace period was over.
    expect(Date.now() - left).toBeGreaterThanOrEqual(PRESENCE_GRACE_MS - 100);
  }, 20_000);

  it('keeps a presenter queue per room that survives a gateway restart; only staff call the next, a moderator only in its rooms', async () => {
    const a = await placed('VN', setup.rooms.industry);
    const b = await placed('CN', setup.rooms.industry);
    const sa = await connect(url(), a.account.token);
    const sb = await connect(url(), b.account.token);
    for (const s of [sa, sb]) {
      await ack(s, 'event.subscribe', { eventId: setup.eventId });
      await ack(s, 'room.join', { roomId: setup.rooms.industry });
    }
    const pitches = record<{ roomId: string; current: { registrationId: string } | null; queue: { registrationId: string }[] }>(sb, 'pitch');
    expect(await ack(sa, 'pitch.enqueue', { roomId: setup.rooms.industry })).toMatchObject({ ok: true });
    expect(await ack(sb, 'pitch.enqueue', { roomId: setup.rooms.industry })).toMatchObject({ ok: true });
    expect(await ack(sb, 'pitch.enqueue', { roomId: setup.rooms.industry })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const queued = await eventually(pitches, (p) => p.queue.length === 2);
    expect(queued.queue.map((q) => q.registrationId)).toEqual([a.registration.id, b.registration.id]);
    expect(await ack(sa, 'pitch.next', { roomId: setup.rooms.industry })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // A moderator calls the next presenter only in the rooms it runs.
    const moderator = await world.account('queue-moderator');
    await http().post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
    await http()
      .put(`/api/events/${setup.eventId}/staff/${moderator.id}/rooms`)
      .set(organizer.auth)
      .send({ roomIds: [setup.rooms.agriculture] })
      .expect(200);
    const sm = await connect(url(), moderator.token);
    expect(await ack(sm, 'pitch.next', { roomId: setup.rooms.industry })).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_ROOM' } });
    expect(await ack(sm, 'pitch.next', { roomId: setup.rooms.agriculture })).toMatchObject({ ok: true });
    sm.disconnect();

    const staff = await connect(url(), organizer.token);
    const next = await ack<{ current: { registrationId: string; startedAt: string }; queue: unknown[] }>(staff, 'pitch.next', { roomId: setup.rooms.industry });
    expect(next).toMatchObject({ ok: true, data: { current: { registrationId: a.registration.id }, queue: [{ registrationId: b.registration.id }] } });
    await eventually(pitches, (p) => p.current?.registrationId === a.registration.id);

    // A restart of the gateway keeps the queue (it lives in PostgreSQL).
    const other = await startGateway();
    try {
      const again = await connect(other.url, b.account.token);
      await ack(again, 'event.subscribe', { eventId: setup.eventId });
      const joined = await ack<{ pitch: { current: { registrationId: string; startedAt: string } } }>(again, 'room.join', { roomId: setup.rooms.industry });
      expect(joined.ok && joined.data.pitch.current.registrationId).toBe(a.registration.id);
      expect(joined.ok && Date.parse(joined.data.pitch.current.startedAt)).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });

  it('tells subscribed sockets the event closed, then refuses pitch.enqueue and pitch.next (EVENT_CLOSED) writing nothing', async () => {
    const closing = await world.openEvent(organizer);
    const room = closing.rooms.industry;
    const inRoom = async (country: 'VN' | 'CN') => {
      const p = await world.approved(organizer, closing, country);
      await http().patch(`/api/events/${closing.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId: room }).expect(200);
      return p;
    };
    const a = await inRoom('VN');
    const b = await inRoom('CN');
    const sa = await connect(url(), a.account.token);
    const sb = await connect(url(), b.account.token);
    const staff = await connect(url(), organizer.token);
    for (const s of [sa, sb, staff]) expect(await ack(s, 'event.subscribe', { eventId: closing.eventId })).toMatchObject({ ok: true });
    const memberLog = record<{ eventId: string; type: string; data: { to?: string; roomStatus?: string } }>(sb, 'log');
    expect(await ack(sa, 'pitch.enqueue', { roomId: room })).toMatchObject({ ok: true });
    await http().patch(`/api/events/${closing.eventId}`).set(organizer.auth).send({ status: 'live' }).expect(200);
    await http().patch(`/api/events/${closing.eventId}`).set(organizer.auth).send({ status: 'closed' }).expect(200);
    const closed = await eventually(memberLog, (e) => e.type === 'event.status_changed' && e.data.to === 'closed');
    expect(closed).toMatchObject({ eventId: closing.eventId, data: { roomStatus: 'closed' } });

    const written = async () => {
      const [slots] = await live.api.db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'presenting')::int AS presenting FROM pitch_slots WHERE room_id = $1`, [room]);
      const [log] = await live.api.db.query(`SELECT count(*)::int AS n FROM event_log WHERE event_id = $1`, [closing.eventId]);
      return { slots, log: log.n };
    };
    const before = await written();
    expect(await ack(sb, 'pitch.enqueue', { roomId: room })).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
    expect(await ack(staff, 'pitch.next', { roomId: room })).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
    expect(await written()).toEqual(before);
    expect(before.slots).toEqual({ n: 1, presenting: 0 });
    // Its rooms are closed: nobody joins one any more, member or staff.
    expect(await ack(sb, 'room.join', { roomId: room })).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
    expect(await ack(staff, 'room.join', { roomId: room })).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
  });

  it('delivers a connection requested over the socket and accepted over REST to both parties and staff (and the reverse; how fast: bench/conference.ts)', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const sockets = await Promise.all([vn.account, cn.account, organizer].map((a) => connect(url(), a.token)));
    for (const s of sockets) await ack(s, 'event.subscribe', { eventId: setup.eventId });
    const received = sockets.map((s) => record<{ id: string; status: string }>(s, 'connection'));

    const requested = await ack<{ id: string }>(sockets[1], 'connection.request', { toRegistrationId: vn.registration.id, message: '你好' });
    expect(requested).toMatchObject({ ok: true, data: { status: 'requested', fromRegistrationId: cn.registration.id } });
    const id = requested.ok ? requested.data.id : '';
    await http().post(`/api/connections/${id}/accept`).set(vn.account.auth).expect(200);
    for (const list of received) await eventually(list, (c) => c.id === id && c.status === 'accepted', 10_000);

    // The reverse: requested over REST, answered over the socket.
    const cn2 = await world.approved(organizer, setup, 'CN');
    const rest = await http().post(`/api/events/${setup.eventId}/connections`).set(cn2.account.auth).send({ fromRegistrationId: cn2.registration.id, toRegistrationId: vn.registration.id });
    await eventually(received[0], (c) => c.id === rest.body.id && c.status === 'requested', 10_000);
    expect(await ack(sockets[0], 'connection.respond', { connectionId: rest.body.id, accept: false })).toMatchObject({ ok: true, data: { status: 'declined' } });
    await eventually(received[2], (c) => c.id === rest.body.id && c.status === 'declined', 10_000);
    // The other Chinese enterprise is not a party: it saw nothing of these.
    expect(received[1].some((c) => c.id === rest.body.id)).toBe(false);
  });

  it('after a forced disconnect, resuming with afterSeq replays exactly the missed changes, once, in order', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const staff = await connect(url(), organizer.token);
    const first = await ack<{ lastSeq: number }>(staff, 'event.subscribe', { eventId: setup.eventId });
    const seenBefore = record<{ seq: number }>(staff, 'log');
    await sleep(50);
    const lastSeq = Math.max(first.ok ? first.data.lastSeq : 0, ...seenBefore.map((e) => e.seq));
    staff.disconnect();

    // Three changes while away.
    const cns = [await world.approved(organizer, setup, 'CN')];
    const made = await http()
      .post(`/api/events/${setup.eventId}/connections`)
      .set(organizer.auth)
      .send({ fromRegistrationId: vn.registration.id, toRegistrationId: cns[0].registration.id, channel: 'recorded' });
    expect(made.status).toBe(201);
    const log = (await http().get(`/api/events/${setup.eventId}/log?afterSeq=${lastSeq}`).set(organizer.auth)).body.items as { seq: number; type: string }[];
    expect(log.length).toBeGreaterThanOrEqual(3);

    const back = await connect(url(), organizer.token);
    const replayed = record<{ seq: number; type: string }>(back, 'log');
    const resumed = await ack<{ lastSeq: number }>(back, 'event.subscribe', { eventId: setup.eventId, afterSeq: lastSeq });
    expect(resumed.ok).toBe(true);
    await eventually(replayed, (e) => e.seq === log[log.length - 1].seq);
    expect(replayed.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    expect(replayed.map((e) => e.type)).toEqual(log.map((e) => e.type));
    expect(new Set(replayed.map((e) => (e as { eventId?: string }).eventId))).toEqual(new Set([setup.eventId]));

    // Live again after the replay: the next change arrives once, right after.
    await http().patch(`/api/events/${setup.eventId}/registrations/${vn.registration.id}`).set(organizer.auth).send({ roomId: setup.rooms.agriculture }).expect(200);
    await eventually(replayed, (e) => e.type === 'registration.room_assigned');
    const seqs = replayed.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('sends a member only the log entries it may see', async () => {
    const vn = await world.approved(organizer, setup, 'VN');
    const otherVn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const s = await connect(url(), vn.account.token);
    await ack(s, 'event.subscribe', { eventId: setup.eventId });
    const entries = record<{ type: string; data: { connection?: { fromRegistrationId: string } } }>(s, 'log');
    await http()
      .post(`/api/events/${setup.eventId}/connections`)
      .set(otherVn.account.auth)
      .send({ fromRegistrationId: otherVn.registration.id, toRegistrationId: cn.registration.id })
      .expect(201);
    await http().post(`/api/events/${setup.eventId}/connections`).set(vn.account.auth).send({ fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id }).expect(201);
    await eventually(entries, (e) => e.type === 'connection.requested');
    await sleep(200);
    expect(entries.filter((e) => e.type === 'connection.requested').map((e) => e.data.connection?.fromRegistrationId)).toEqual([vn.registration.id]);
  });

  it('sends each member only its own placement of an auto room assignment, live and replayed; staff all of it', async () => {
    const fresh = await world.openEvent(organizer);
    const fruitVN = await world.approved(organizer, fresh, 'VN');
    const textileVN = await world.approved(organizer, fresh, 'VN', {
      offers: [{ hsCode: '6109', description: 'Áo thun cotton' }],
      needs: [{ hsCode: '5407', description: 'vải' }],
      sectors: ['XI'],
    });
    const textileCN = await world.approved(organizer, fresh, 'CN');
    const members = [fruitVN, textileVN];
    const sockets = await Promise.all([...members.map((m) => m.account), organizer].map((a) => connect(url(), a.token)));
    const subscribed = await Promise.all(sockets.map((s) => ack<{ lastSeq: number }>(s, 'event.subscribe', { eventId: fresh.eventId })));
    type Placements = { type: string; data: { assignments: { registrationId: string; roomId: string }[]; unassigned?: number } };
    const seen = sockets.map((s) => record<Placements>(s, 'log'));

    const applied = await http().post(`/api/events/${fresh.eventId}/room-assignments`).set(organizer.auth).send({}).expect(200);
    expect(applied.body.assignments).toHaveLength(3);
    const isPlacement = (e: Placements) => e.type === 'registrations.rooms_assigned';
    const [vnFruitSaw, vnTextileSaw, staffSaw] = await Promise.all(seen.map((list) => eventually(list, isPlacement)));
    expect(staffSaw.data.unassigned).toBe(0);
    expect(staffSaw.data.assignments.map((a) => a.registrationId).sort()).toEqual([fruitVN.registration.id, textileVN.registration.id, textileCN.registration.id].sort());
    const placementOf = (id: string) => staffSaw.data.assignments.filter((a) => a.registrationId === id);
    expect(vnFruitSaw.data).toEqual({ assignments: placementOf(fruitVN.registration.id) });
    expect(vnTextileSaw.data).toEqual({ assignments: placementOf(textileVN.registration.id) });
    expect(vnTextileSaw.data.assignments).toHaveLength(1);

    // Resuming with afterSeq replays it cut the same way.
    const again = await connect(url(), textileVN.account.token);
    const replayed = record<Placements>(again, 'log');
    const before = subscribed[1].ok ? subscribed[1].data.lastSeq : 0;
    await ack(again, 'event.subscribe', { eventId: fresh.eventId, afterSeq: before });
    expect((await eventually(replayed, isPlacement)).data).toEqual(vnTextileSaw.data);
  });

  it('refuses a burst beyond the rate limit with error acknowledgements, without disconnecting', async () => {
    const s = await connect(url(), organizer.token);
    const answers = await Promise.all(Array.from({ length: 60 }, () => ack(s, 'room.leave', { roomId: setup.rooms.agriculture })));
    const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(60);
    expect(s.connected).toBe(true);
    await sleep(1_100);
    expect(await ack(s, 'event.subscribe', { eventId: setup.eventId })).toMatchObject({ ok: true });
  });

  it('disconnects a flooding socket with one log line, and runs or answers nothing it sent after the decision', async () => {
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((level) => jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void lines.push(String(args[0]))));
    try {
      const s = await connect(url(), organizer.token);
      const id = s.id!;
      const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
      // Far beyond the burst (40) and the refusals that disconnect (100); `room.leave` of a room not
      // joined is cheap to run and answers VALIDATION_FAILED when it does run.
      const sent = Array.from({ length: 400 }, () => ack(s, 'room.leave', { roomId: setup.rooms.agriculture }));
      const answers = await Promise.allSettled(sent);
      expect(await closed).toBe('io server disconnect');

      const code = (a: PromiseSettledResult<Awaited<(typeof sent)[number]>>) => (a.status === 'fulfilled' ? (a.value.ok ? 'ok' : a.value.error.code) : 'unanswered');
      const codes = answers.map(code);
      // The 100th refusal is the decision; nothing sent after it was run or answered.
      const decision = codes.lastIndexOf('RATE_LIMITED');
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(100);
      expect(codes.slice(decision + 1).filter((c) => c !== 'unanswered')).toEqual([]);
      expect(codes.slice(0, decision + 1).filter((c) => c !== 'RATE_LIMITED' && c !== 'VALIDATION_FAILED')).toEqual([]);
      expect(lines.filter((line) => line.includes(id))).toEqual([expect.stringMatching(/flooding/)]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('sends staff stats while things change', async () => {
    const staff = await connect(url(), organizer.token);
    const stats = record<{ eventId: string; connections: { made: number } }>(staff, 'stats');
    await ack(staff, 'event.subscribe', { eventId: setup.eventId });
    const first = await eventually(stats, () => true, 2_500);
    expect(first.eventId).toBe(setup.eventId);
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    await http()
      .post(`/api/events/${setup.eventId}/connections`)
      .set(organizer.auth)
      .send({ fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id, channel: 'recorded' })
      .expect(201);
    await eventually(stats, (s) => s.connections.made > first.connections.made, 2_500);
  });
});
