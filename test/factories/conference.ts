import type { IdPools } from './openapi';
import { Account, ConferenceSetup, eventBody, Participant, World } from './world';

type Approved = Awaited<ReturnType<World['approved']>>;

/**
 * One conference in every state a route can meet: an open event with rooms
 * assigned, members of both sides checked in, a pending request (A → B), an
 * accepted connection with a meeting and an outcome (C ↔ D), a pending
 * registration, plus a draft event and a closed one. `pools` holds every id and
 * code, for generated requests.
 */
export interface PopulatedConference {
  admin: Account;
  organizer: Account;
  moderator: Account;
  setup: ConferenceSetup;
  a: Approved;
  b: Approved;
  c: Approved;
  d: Approved;
  pending: Participant & { registrationId: string };
  requestedId: string;
  acceptedId: string;
  meetingId: string;
  outcomeId: string;
  draftEventId: string;
  closedEventId: string;
  pools: IdPools;
}

export async function populateConference(w: World): Promise<PopulatedConference> {
  const http = w.t.http;
  const ok = async <T = Record<string, unknown>>(what: string, res: Promise<{ status: number; body: unknown }>, expected = [200, 201]): Promise<T> => {
    const r = await res;
    if (!expected.includes(r.status)) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T;
  };
  const admin = await w.admin();
  const organizer = await w.organizer(admin);
  const moderator = await w.account('moderator');
  const setup = await w.openEvent(organizer);
  const eventId = setup.eventId;
  await ok('add moderator', http.post(`/api/events/${eventId}/staff`).set(organizer.auth).send({ email: moderator.email, role: 'moderator' }));

  const a = await w.approved(organizer, setup, 'VN');
  const b = await w.approved(organizer, setup, 'CN');
  const c = await w.approved(organizer, setup, 'VN', { name: { vi: 'Công ty Cao su Lào Cai', en: 'Lao Cai Rubber JSC' }, offers: [{ hsCode: '4001', description: 'Cao su thiên nhiên' }] });
  const d = await w.approved(organizer, setup, 'CN', { needs: [{ hsCode: '4001', description: 'Natural rubber' }] }, setup.venues.online);
  await ok('assign rooms', http.post(`/api/events/${eventId}/room-assignments`).set(organizer.auth).send({}));
  for (const p of [a, b]) await w.checkIn(organizer, eventId, p.registration.badgeCode);

  const requested = await ok<{ id: string }>(
    'request A → B',
    http
      .post(`/api/events/${eventId}/connections`)
      .set(a.account.auth)
      .send({ fromRegistrationId: a.registration.id, toRegistrationId: b.registration.id, message: 'Chúng tôi muốn hợp tác' }),
  );
  const accepted = await ok<{ id: string }>(
    'request C → D',
    http.post(`/api/events/${eventId}/connections`).set(c.account.auth).send({ fromRegistrationId: c.registration.id, toRegistrationId: d.registration.id }),
  );
  await ok('accept C → D', http.post(`/api/connections/${accepted.id}/accept`).set(d.account.auth));
  const meeting = await ok<{ id: string }>(
    'book C ↔ D',
    http.post(`/api/events/${eventId}/meetings`).set(organizer.auth).send({ connectionId: accepted.id, startsAt: '2021-01-19T02:00:00.000Z' }),
  );
  const outcome = await ok<{ id: string }>(
    'outcome C ↔ D',
    http
      .post(`/api/connections/${accepted.id}/outcomes`)
      .set(c.account.auth)
      .send({ kind: 'mou_signed', value: { amount: '250000.00', currency: 'USD' }, note: 'MOU 200 t cao su' }),
  );

  const pendingMember = await w.member('VN');
  const pendingReg = await ok<{ id: string }>('pending registration', w.register(pendingMember.account, eventId, pendingMember.enterpriseId, setup.venues.laoCai));

  const draft = await ok<{ id: string }>(
    'draft event',
    http
      .post('/api/events')
      .set(organizer.auth)
      .send(eventBody({ name: { en: 'Draft: Hà Nội – Vientiane trade mission' } })),
  );
  const closed = await w.openEvent(organizer);
  for (const status of ['live', 'closed']) await ok(`event → ${status}`, http.patch(`/api/events/${closed.eventId}`).set(organizer.auth).send({ status }));

  const participants = [a, b, c, d];
  return {
    admin,
    organizer,
    moderator,
    setup,
    a,
    b,
    c,
    d,
    pending: { ...pendingMember, registrationId: pendingReg.id },
    requestedId: requested.id,
    acceptedId: accepted.id,
    meetingId: meeting.id,
    outcomeId: outcome.id,
    draftEventId: draft.id,
    closedEventId: closed.eventId,
    pools: {
      events: [eventId, draft.id, closed.eventId],
      enterprises: [...participants.map((p) => p.enterpriseId), pendingMember.enterpriseId],
      registrations: [...participants.map((p) => p.registration.id), pendingReg.id],
      connections: [requested.id, accepted.id],
      meetings: [meeting.id],
      outcomes: [outcome.id],
      users: [admin.id, organizer.id, moderator.id, ...participants.map((p) => p.account.id)],
      venues: [...Object.values(setup.venues), ...Object.values(closed.venues)],
      rooms: [...Object.values(setup.rooms), ...Object.values(closed.rooms)],
      badges: participants.map((p) => p.registration.badgeCode),
      emails: [moderator.email, a.account.email, 'nobody@example.test'],
    },
  };
}
