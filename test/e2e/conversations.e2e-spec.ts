import { Notifier } from '@tradebridge/notifications';
import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Conversations (issue 16, item 5): each connection has a thread, opened at the
 * request and kept after acceptance. Only the two enterprises' members read and
 * write it; staff see that messages exist (counts, a content-free log entry) and
 * read one only once a party reported it. A phrase is stored by key and read in
 * each reader's language; the partner is notified.
 */
describe('conversations: a message thread on each connection', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let notifier: Notifier;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    notifier = t.app.get(Notifier);
  });
  afterAll(() => t.close());

  /** A Chinese buyer's request to a Vietnamese exporter, still pending. */
  async function requested(setup: ConferenceSetup) {
    const vn = await world.approved(organizer, setup, 'VN');
    const cn = await world.approved(organizer, setup, 'CN');
    const c = await t.http.post(`/api/events/${setup.eventId}/connections`).set(cn.account.auth).send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id });
    expect(c.status).toBe(201);
    return { vn, cn, connectionId: c.body.id as string };
  }
  const thread = (id: string) => `/api/connections/${id}/messages`;

  it('opens at the request: a phrase reaches the partner by key in all three languages, free text as written, oldest first', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await requested(setup);

    const phrase = await t.http.post(thread(connectionId)).set(cn.account.auth).send({ phraseKey: 'certification.growing_area' });
    expect(phrase.status).toBe(201);
    expect(phrase.body).toMatchObject({
      connectionId,
      fromRegistrationId: cn.registration.id,
      mine: true,
      phraseKey: 'certification.growing_area',
      phrase: { vi: 'Sản phẩm này đã có mã số vùng trồng chưa?', zh: '这个产品有种植区域代码吗？', en: 'Do you have a growing-area code for this product?' },
      text: null,
      reported: false,
    });
    expect(phrase.body.senderName).toBeTruthy();
    const reply = await t.http.post(thread(connectionId)).set(vn.account.auth).send({ text: '  Có, mã số VN-LCOR-0102.  ' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ text: 'Có, mã số VN-LCOR-0102.', phraseKey: null, phrase: null, mine: true });
    expect(reply.body.id).toBeGreaterThan(phrase.body.id);

    const read = await t.http.get(thread(connectionId)).set(vn.account.auth);
    expect(read.status).toBe(200);
    expect(read.body.total).toBe(2);
    expect(read.body.items.map((m: { id: number; mine: boolean }) => [m.id, m.mine])).toEqual([
      [phrase.body.id, false],
      [reply.body.id, true],
    ]);
    // afterId: only what came since.
    expect((await t.http.get(thread(connectionId)).query({ afterId: phrase.body.id }).set(cn.account.auth)).body.items.map((m: { id: number }) => m.id)).toEqual([reply.body.id]);

    // Kept after acceptance.
    await t.http.post(`/api/connections/${connectionId}/accept`).set(vn.account.auth).expect(200);
    expect((await t.http.post(thread(connectionId)).set(cn.account.auth).send({ phraseKey: 'meeting.my_table' })).status).toBe(201);
  });

  it('refuses a bad message with 400 naming the field, and writes nothing', async () => {
    const setup = await world.openEvent(organizer);
    const { cn, connectionId } = await requested(setup);
    const send = (body: object) => t.http.post(thread(connectionId)).set(cn.account.auth).send(body);
    const cases: [object, string][] = [
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ phraseKey: 'samples.request', text: 'both' }, 'phraseKey'],
      [{ phraseKey: 'samples.nope' }, 'phraseKey'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: 42 }, 'text'],
    ];
    for (const [body, field] of cases) {
      const res = await send(body);
      expect({ body, status: res.status, code: res.body.code, field: res.body.details?.fields?.[0]?.field }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED', field });
    }
    expect((await t.http.get(thread(connectionId)).set(cn.account.auth)).body.total).toBe(0);
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM event_log WHERE event_id = $1 AND type = 'message.sent'`, [setup.eventId]);
    expect(n).toBe(0);
  });

  it('keeps a closed thread readable and takes no new message (409 THREAD_CLOSED)', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await requested(setup);
    await t.http.post(thread(connectionId)).set(cn.account.auth).send({ phraseKey: 'samples.request' }).expect(201);
    await t.http.post(`/api/connections/${connectionId}/decline`).set(vn.account.auth).expect(200);
    const refused = await t.http.post(thread(connectionId)).set(vn.account.auth).send({ phraseKey: 'answer.no' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('THREAD_CLOSED');
    expect((await t.http.get(thread(connectionId)).set(vn.account.auth)).body.total).toBe(1);
  });

  it('is private: staff see that messages exist and read none, outsiders get 404, the log entry carries no content', async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await requested(setup);
    await t.http.post(thread(connectionId)).set(cn.account.auth).send({ text: 'Giá 1.200 USD/tấn, bí mật nhé' }).expect(201);
    const outsider = await world.approved(organizer, setup, 'VN');

    const staff = await t.http.get(thread(connectionId)).set(organizer.auth);
    expect(staff.status).toBe(403);
    expect(staff.body.code).toBe('NOT_A_PARTICIPANT');
    expect((await t.http.post(thread(connectionId)).set(organizer.auth).send({ text: 'hi' })).status).toBe(403);
    for (const res of [await t.http.get(thread(connectionId)).set(outsider.account.auth), await t.http.post(thread(connectionId)).set(outsider.account.auth).send({ text: 'hi' })]) {
      expect(res.status).toBe(404);
    }

    const counts = await t.http.get(`/api/events/${setup.eventId}/conversations`).set(organizer.auth);
    expect(counts.body.items).toEqual([expect.objectContaining({ connectionId, messages: 1, unread: 0, reported: 0 })]);
    expect((await t.http.get(`/api/events/${setup.eventId}/conversations`).set(outsider.account.auth)).body.items).toEqual([]);

    const log = (await t.http.get(`/api/events/${setup.eventId}/log?afterSeq=0&limit=500`).set(organizer.auth)).body.items as { type: string; data: object }[];
    const entry = log.find((e) => e.type === 'message.sent');
    expect(entry?.data).toEqual({ connectionId, messageId: expect.any(Number), fromRegistrationId: cn.registration.id });
    expect(JSON.stringify(log)).not.toContain('bí mật');
    expect((await t.http.get(`/api/events/${setup.eventId}/reported-messages`).set(organizer.auth)).body.items).toEqual([]);
    expect((await t.http.get(`/api/events/${setup.eventId}/reported-messages`).set(vn.account.auth)).status).toBe(403);
  });

  it("lets a party report the other party's message, which the organizers then read (that one only)", async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await requested(setup);
    const rude = await t.http.post(thread(connectionId)).set(cn.account.auth).send({ text: 'Buy my fake certificates' }).expect(201);
    await t.http.post(thread(connectionId)).set(cn.account.auth).send({ text: 'Other private words' }).expect(201);
    const own = await t.http.post(thread(connectionId)).set(vn.account.auth).send({ phraseKey: 'answer.no' }).expect(201);

    expect(
      (
        await t.http
          .post(`${thread(connectionId)}/${own.body.id}/report`)
          .set(vn.account.auth)
          .send({})
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`${thread(connectionId)}/999999999/report`)
          .set(vn.account.auth)
          .send({})
      ).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .post(`${thread(connectionId)}/abc/report`)
          .set(vn.account.auth)
          .send({})
      ).body.details.fields[0].field,
    ).toBe('messageId');
    await t.http
      .post(`${thread(connectionId)}/${rude.body.id}/report`)
      .set(vn.account.auth)
      .send({ reason: '  Fraud  ' })
      .expect(204);
    await t.http
      .post(`${thread(connectionId)}/${rude.body.id}/report`)
      .set(vn.account.auth)
      .send({ reason: 'again' })
      .expect(204);

    const reported = await t.http.get(`/api/events/${setup.eventId}/reported-messages`).set(organizer.auth);
    expect(reported.body.items).toEqual([
      expect.objectContaining({ id: rude.body.id, connectionId, text: 'Buy my fake certificates', reason: 'Fraud', fromRegistrationId: cn.registration.id }),
    ]);
    expect(JSON.stringify(reported.body)).not.toContain('Other private words');
    expect((await t.http.get(thread(connectionId)).set(cn.account.auth)).body.items.find((m: { id: number }) => m.id === rude.body.id).reported).toBe(true);
    const log = (await t.http.get(`/api/events/${setup.eventId}/log?afterSeq=0&limit=500`).set(organizer.auth)).body.items as { type: string }[];
    expect(log.filter((e) => e.type === 'message.reported')).toHaveLength(1);
  });

  it("counts each member's unread messages from the other party until it marks the thread read, and notifies the partner's members in their language", async () => {
    const setup = await world.openEvent(organizer);
    const { vn, cn, connectionId } = await requested(setup);
    await t.http.patch('/api/me').set(vn.account.auth).send({ locale: 'vi' }).expect(200);
    const first = await t.http.post(thread(connectionId)).set(cn.account.auth).send({ phraseKey: 'samples.request' }).expect(201);
    await t.http.post(thread(connectionId)).set(cn.account.auth).send({ phraseKey: 'quantity.moq' }).expect(201);
    await t.http.post(thread(connectionId)).set(vn.account.auth).send({ phraseKey: 'answer.check' }).expect(201);

    const unread = async (who: Account) => (await t.http.get(`/api/events/${setup.eventId}/conversations`).set(who.auth)).body.items[0]?.unread as number;
    expect(await unread(vn.account)).toBe(2);
    expect(await unread(cn.account)).toBe(1);
    await t.http
      .post(`${thread(connectionId)}/read`)
      .set(vn.account.auth)
      .send({ upTo: first.body.id })
      .expect(204);
    expect(await unread(vn.account)).toBe(1);
    await t.http
      .post(`${thread(connectionId)}/read`)
      .set(vn.account.auth)
      .send({})
      .expect(204);
    expect(await unread(vn.account)).toBe(0);
    // Never back.
    await t.http
      .post(`${thread(connectionId)}/read`)
      .set(vn.account.auth)
      .send({ upTo: first.body.id })
      .expect(204);
    expect(await unread(vn.account)).toBe(0);

    await notifier.drain();
    const told = await t.db.query<{ user_id: string; title: string; link: string }[]>(
      `SELECT user_id, data, link FROM notifications WHERE kind = 'message.received' AND event_id = $1 ORDER BY id`,
      [setup.eventId],
    );
    expect(told.filter((n) => n.user_id === vn.account.id)).toHaveLength(2);
    expect(told.filter((n) => n.user_id === cn.account.id)).toHaveLength(1);
    expect(told[0].link).toBe(`/events/${setup.eventId}/connections?thread=${connectionId}`);
    const mine = (await t.http.get('/api/notifications').set(vn.account.auth)).body.items.find((n: { kind: string }) => n.kind === 'message.received');
    expect(mine.title).toMatch(/^Tin nhắn mới từ /);
  });

  it('serves the phrasebook publicly, every phrase in vi, zh and en', async () => {
    const res = await t.http.get('/api/reference/phrasebook');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(20);
    expect(res.body.items.find((p: { key: string }) => p.key === 'price.cif_hekou')).toEqual({
      key: 'price.cif_hekou',
      category: 'price',
      text: { vi: 'Giá mỗi tấn, CIF Hà Khẩu là bao nhiêu?', zh: '每吨价格多少，CIF河口？', en: 'Price per ton, CIF Hekou?' },
    });
    expect(res.body.categories.map((c: { key: string }) => c.key)).toContain('certification');
  });

  it('refuses, in the database, a message from a registration that is not a party of the connection', async () => {
    const setup = await world.openEvent(organizer);
    const { cn, connectionId } = await requested(setup);
    const outsider = await world.approved(organizer, setup, 'VN');
    await expect(
      t.db.query(`INSERT INTO connection_messages (event_id, connection_id, from_registration_id, sender_user_id, body) VALUES ($1, $2, $3, $4, 'hi')`, [
        setup.eventId,
        connectionId,
        outsider.registration.id,
        cn.account.id,
      ]),
    ).rejects.toThrow(/not a party/);
  });
});
