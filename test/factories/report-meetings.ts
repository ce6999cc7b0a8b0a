import type { TestApp } from './app';
import type { Account, ConferenceSetup, World } from './world';

/**
 * Meetings of one event as the report's meeting figures are tested on (e2e and
 * browser), booked and recorded through the API by staff. Each pair's CN
 * enterprise asked and the VN one accepted. At 05:00 UTC on the event's day:
 * - held on site at Lào Cai, held on site at Hangzhou, held online (02:00);
 * - online, missed by the CN side (02:30);
 * - on site at Lào Cai, cancelled (03:00);
 * - online, set no_show by staff with nobody recorded absent (03:00);
 * - online, VN recorded absent, then set held by staff (03:30);
 * - on site at Hangzhou at 09:00, still to come;
 * - and one connection made that never had a meeting.
 * Leaves the app's clock at 05:00.
 */
export async function seedReportMeetings(t: TestApp, world: World, organizer: Account, setup: ConferenceSetup): Promise<void> {
  const { laoCai, hangzhou } = setup.venues;
  const pair = (vn: string, cn: string) => world.acceptedPair(organizer, setup, { vn, cn });
  const book = async (p: Awaited<ReturnType<typeof pair>>, startsAt: string, mode: 'onsite' | 'online') => {
    const res = await t.http.post(`/api/events/${setup.eventId}/meetings`).set(organizer.auth).send({ connectionId: p.connectionId, startsAt });
    if (res.status !== 201 || res.body.mode !== mode) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...p, meetingId: res.body.id as string };
  };
  const patch = async (meetingId: string, body: Record<string, unknown>, expected?: { status: string; statusOverridden: boolean }) => {
    const res = await t.http.patch(`/api/meetings/${meetingId}`).set(organizer.auth).send(body);
    if (res.status !== 200) throw new Error(`meeting update failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (expected && (res.body.status !== expected.status || res.body.statusOverridden !== expected.statusOverridden)) {
      throw new Error(`meeting ${meetingId} is ${res.body.status} (overridden: ${res.body.statusOverridden}), not ${JSON.stringify(expected)}`);
    }
  };

  const heldLaoCai = await book(await pair(laoCai, laoCai), '2021-01-19T02:00:00Z', 'onsite');
  const heldHangzhou = await book(await pair(hangzhou, hangzhou), '2021-01-19T02:00:00Z', 'onsite');
  const heldOnline = await book(await pair(laoCai, hangzhou), '2021-01-19T02:00:00Z', 'online');
  const cnMissed = await book(await pair(laoCai, hangzhou), '2021-01-19T02:30:00Z', 'online');
  const cancelled = await book(await pair(laoCai, laoCai), '2021-01-19T03:00:00Z', 'onsite');
  const staffNoShow = await book(await pair(laoCai, hangzhou), '2021-01-19T03:00:00Z', 'online');
  const staffHeld = await book(await pair(laoCai, hangzhou), '2021-01-19T03:30:00Z', 'online');
  await book(await pair(hangzhou, hangzhou), '2021-01-19T09:00:00Z', 'onsite');
  await pair(laoCai, hangzhou);

  t.clock.set('2021-01-19T05:00:00Z');
  for (const m of [heldLaoCai, heldHangzhou, heldOnline]) {
    for (const party of [m.vn, m.cn]) await patch(m.meetingId, { registrationId: party.registration.id, attendance: 'attended' });
  }
  await patch(cnMissed.meetingId, { registrationId: cnMissed.vn.registration.id, attendance: 'attended' });
  await patch(cnMissed.meetingId, { registrationId: cnMissed.cn.registration.id, attendance: 'absent' }, { status: 'no_show', statusOverridden: false });
  await patch(cancelled.meetingId, { status: 'cancelled' });
  await patch(staffNoShow.meetingId, { status: 'no_show' }, { status: 'no_show', statusOverridden: true });
  await patch(staffHeld.meetingId, { registrationId: staffHeld.vn.registration.id, attendance: 'absent' });
  await patch(staffHeld.meetingId, { status: 'held' }, { status: 'held', statusOverridden: true });
}
