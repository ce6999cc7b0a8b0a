import { createTestApp, TestApp } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * Moderators run rooms: an organizer assigns each moderator the rooms it runs,
 * and a moderator records connections only between participants of those rooms
 * (the presenter queue's rule is in test/live/gateway.live-spec.ts).
 */
describe('moderators run their rooms', () => {
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;
  let moderator: Account;

  beforeAll(async () => {
    t = await createTestApp();
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
    moderator = await world.account('room-moderator');
    await t.http.post(`/api/events/${setup.eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }).expect(201);
  });
  afterAll(() => t.close());

  const assign = (who: Account, userId: string, roomIds: unknown) => t.http.put(`/api/events/${setup.eventId}/staff/${userId}/rooms`).set(who.auth).send({ roomIds });
  const placed = async (country: 'VN' | 'CN', roomId: string | null) => {
    const p = await world.approved(organizer, setup, country);
    if (roomId) await t.http.patch(`/api/events/${setup.eventId}/registrations/${p.registration.id}`).set(organizer.auth).send({ roomId }).expect(200);
    return p;
  };
  const record = (from: { registration: { id: string } }, to: { registration: { id: string } }) =>
    t.http.post(`/api/events/${setup.eventId}/connections`).set(moderator.auth).send({ fromRegistrationId: from.registration.id, toRegistrationId: to.registration.id, channel: 'recorded' });

  it('an organizer assigns rooms; the staff list shows them; the log has it; bad assignments are refused', async () => {
    const res = await assign(organizer, moderator.id, [setup.rooms.agriculture, setup.rooms.agriculture]).expect(200);
    expect(res.body).toMatchObject({ userId: moderator.id, role: 'moderator', roomIds: [setup.rooms.agriculture] });
    const staff = (await t.http.get(`/api/events/${setup.eventId}/staff`).set(organizer.auth).expect(200)).body.items as { userId: string; role: string; roomIds: string[] }[];
    expect(staff.find((s) => s.userId === moderator.id)!.roomIds).toEqual([setup.rooms.agriculture]);
    expect(staff.find((s) => s.userId === organizer.id)!.roomIds).toEqual([]);
    const [entry] = await t.db.query<{ data: { userId: string; roomIds: string[] } }[]>(
      `SELECT data FROM event_log WHERE event_id = $1 AND type = 'staff.rooms_assigned' ORDER BY seq DESC LIMIT 1`,
      [setup.eventId],
    );
    expect(entry.data).toEqual({ userId: moderator.id, roomIds: [setup.rooms.agriculture] });

    // Only organizers assign; an organizer is not assigned rooms; rooms of another event and unknown staff are refused.
    expect((await assign(moderator, moderator.id, [setup.rooms.industry])).status).toBe(403);
    expect((await assign(organizer, organizer.id, [setup.rooms.industry]).expect(400)).body.details.fields[0].field).toBe('roomIds');
    const other = await world.openEvent(organizer);
    expect((await assign(organizer, moderator.id, [other.rooms.industry]).expect(404)).body.details.fields[0].field).toBe('roomIds');
    const stranger = await world.account('not-staff');
    await assign(organizer, stranger.id, [setup.rooms.industry]).expect(404);
    expect((await assign(organizer, moderator.id, ['not-a-uuid']).expect(400)).body.details.fields[0].field).toBe('roomIds');
    expect((await assign(organizer, moderator.id, 'everything').expect(400)).body.details.fields[0].field).toBe('roomIds');
    // Nothing half-written: the refused calls left the assignment as it was.
    const after = (await t.http.get(`/api/events/${setup.eventId}/staff`).set(organizer.auth)).body.items as { userId: string; roomIds: string[] }[];
    expect(after.find((s) => s.userId === moderator.id)!.roomIds).toEqual([setup.rooms.agriculture]);
  });

  it('a moderator records connections made in its rooms only (either party’s room); organizers record anywhere', async () => {
    await assign(organizer, moderator.id, [setup.rooms.agriculture]).expect(200);
    const growerHere = await placed('VN', setup.rooms.agriculture);
    const buyerElsewhere = await placed('CN', setup.rooms.industry);
    // The buyer of another room met the agriculture room's grower: in the moderator's room through the grower.
    expect((await record(buyerElsewhere, growerHere)).status).toBe(201);

    const a = await placed('VN', setup.rooms.industry);
    const b = await placed('CN', setup.rooms.industry);
    const refused = await record(a, b);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_YOUR_ROOM');
    const noRoomA = await placed('VN', null);
    const noRoomB = await placed('CN', null);
    expect((await record(noRoomA, noRoomB)).body.code).toBe('NOT_YOUR_ROOM');
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM connections WHERE from_registration_id = ANY($1::uuid[])`, [
      [a.registration.id, noRoomA.registration.id],
    ]);
    expect(n).toBe(0);

    // Given the industry room too, it records there; an organizer records anywhere.
    await assign(organizer, moderator.id, [setup.rooms.agriculture, setup.rooms.industry]).expect(200);
    expect((await record(a, b)).status).toBe(201);
    const byOrganizer = await t.http
      .post(`/api/events/${setup.eventId}/connections`)
      .set(organizer.auth)
      .send({ fromRegistrationId: noRoomA.registration.id, toRegistrationId: noRoomB.registration.id, channel: 'recorded' });
    expect(byOrganizer.status).toBe(201);

    // Taking the moderator off the event takes its rooms with it.
    await t.http.delete(`/api/events/${setup.eventId}/staff/${moderator.id}`).set(organizer.auth).expect(204);
    const [{ left }] = await t.db.query<{ left: number }[]>(`SELECT count(*)::int AS left FROM staff_rooms WHERE event_id = $1 AND user_id = $2`, [setup.eventId, moderator.id]);
    expect(left).toBe(0);
  });
});
