import { createTestApp, TestApp } from '../factories/app';
import { Account, World } from '../factories/world';

/** Reads the web app needs: a member names its partners, and an online meeting's link opens one meeting. */
describe('reads for the web app: partners and one meeting', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
  });
  afterAll(() => t.close());

  it("lists the enterprises at the other end of a registration's connections, to its members and staff only", async () => {
    const setup = await world.openEvent(organizer);
    const grower = await world.approved(organizer, setup, 'VN');
    const buyer = await world.approved(organizer, setup, 'CN');
    const other = await world.approved(organizer, setup, 'CN');
    const path = `/api/events/${setup.eventId}/registrations/${grower.registration.id}/partners`;

    expect((await t.http.get(path).set(grower.account.auth)).body).toEqual({ items: [], total: 0 });
    const requested = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: grower.registration.id });
    expect(requested.status).toBe(201);

    // The receiver of a request learns who asked, before answering.
    const mine = await t.http.get(path).set(grower.account.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]).toEqual({
      registrationId: buyer.registration.id,
      side: 'CN',
      venueId: setup.venues.hangzhou,
      attendance: 'onsite',
      roomId: null,
      enterprise: { id: buyer.enterpriseId, name: { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles Co., Ltd.' }, country: 'CN', region: 'CN-ZJ' },
    });
    // And the requester sees the other end too; staff see any registration's partners.
    const theirs = await t.http.get(`/api/events/${setup.eventId}/registrations/${buyer.registration.id}/partners`).set(buyer.account.auth);
    expect(theirs.body.items.map((p: { registrationId: string }) => p.registrationId)).toEqual([grower.registration.id]);
    expect((await t.http.get(path).set(organizer.auth)).body.total).toBe(1);

    // Someone else's registration stays private: 404, as for the registration itself.
    const stranger = await t.http.get(path).set(other.account.auth);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('NOT_FOUND');
  });

  it('reads one meeting for its parties (with both local times) and staff, 404 for anyone else', async () => {
    const setup = await world.openEvent(organizer);
    const grower = await world.approved(organizer, setup, 'VN');
    const buyer = await world.approved(organizer, setup, 'CN');
    const outsider = await world.approved(organizer, setup, 'VN');
    const c = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(buyer.account.auth)
      .send({ fromRegistrationId: buyer.registration.id, toRegistrationId: grower.registration.id });
    await t.http.post(`/api/connections/${c.body.id}/accept`).set(grower.account.auth).expect(200);
    await t.http.post(`/api/events/${setup.eventId}/schedule`).set(organizer.auth).send({}).expect(200);
    const listed = (await t.http.get(`/api/events/${setup.eventId}/meetings`).set(grower.account.auth)).body.items[0];

    const own = await t.http.get(`/api/meetings/${listed.id}`).set(grower.account.auth);
    expect(own.status).toBe(200);
    expect(own.body).toEqual(listed);
    expect(own.body.local.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(own.body.partnerLocal.timezone).toBe('Asia/Shanghai');
    expect((await t.http.get(`/api/meetings/${listed.id}`).set(buyer.account.auth)).body.local.timezone).toBe('Asia/Shanghai');
    expect((await t.http.get(`/api/meetings/${listed.id}`).set(organizer.auth)).status).toBe(200);

    const other = await t.http.get(`/api/meetings/${listed.id}`).set(outsider.account.auth);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('NOT_FOUND');
    expect((await t.http.get('/api/meetings/not-a-uuid').set(grower.account.auth)).body.code).toBe('VALIDATION_FAILED');
  });
});
