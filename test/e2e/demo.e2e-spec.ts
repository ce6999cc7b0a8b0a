import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import type { ConnectionView, EventView, Page, RegistrationView, RoomView, VenueView } from '@tradebridge/contracts';
import { migrateDatabase } from '@tradebridge/core';
import { resolveRegion } from '@tradebridge/reference';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { ApiClient, Session } from '../../apps/demo/src/api-client';
import { featuredEnterprises, referenceEnterprises } from '../../apps/demo/src/enterprises';
import { DemoAccounts, LoadedConference, loadReferenceConference } from '../../apps/demo/src/loader';
import { ConferenceSimulator } from '../../apps/demo/src/simulator';
import { closeStandaloneApp, createStandaloneApp } from '../../apps/standalone/src/compose';
import { testConfig } from '../factories/app';
import { grantRoles } from '../factories/world';

/**
 * `npm run demo`: the reference conference loaded through the real HTTP API of
 * a standalone server (API and `/live` on one port, as `npm start` runs them),
 * then a short, accelerated simulation.
 */
describe('npm run demo: the reference conference', () => {
  let app: INestApplication;
  let url: string;
  let api: ApiClient;
  let accounts: DemoAccounts;
  let conference: LoadedConference;
  let organizer: Session;
  const enterprises = referenceEnterprises();

  beforeAll(async () => {
    const config = testConfig();
    await migrateDatabase(config.databaseUrl!, ENTITIES, MIGRATIONS);
    app = await createStandaloneApp(config, config.databaseUrl!);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    api = new ApiClient(url);

    // Tests share one database: accounts on a domain of this run only.
    const emailDomain = `demo-${randomUUID().slice(0, 8)}.test`;
    const admin = { email: `admin@${emailDomain}`, password: 'admin password of the demo test' };
    const adminSession = await api.signUp(admin.email, admin.password, 'Admin');
    await grantRoles(app.get(DataSource), adminSession.userId, ['admin', 'organizer']);
    accounts = { admin, organizerPassword: 'organizer password 2021', memberPassword: 'member password 2021', emailDomain };

    conference = await loadReferenceConference({ api, accounts, enterprises });
    organizer = conference.organizer;
  }, 120_000);

  afterAll(async () => {
    if (app) await closeStandaloneApp(app);
  });

  it('registers and approves 100 Chinese and 138 Vietnamese enterprises, each in a room with both sides', async () => {
    expect(conference.loadedNow).toBe(true);
    const approved = await api.all<RegistrationView>(`/events/${conference.eventId}/registrations?status=approved`, organizer);
    expect(approved.filter((r) => r.side === 'CN')).toHaveLength(100);
    expect(approved.filter((r) => r.side === 'VN')).toHaveLength(138);
    expect(conference.participants).toHaveLength(238);

    const rooms = await api.all<RoomView>(`/events/${conference.eventId}/rooms`, organizer);
    expect(rooms).toHaveLength(2);
    for (const room of rooms) {
      const inRoom = approved.filter((r) => r.roomId === room.id);
      expect(new Set(inRoom.map((r) => r.side))).toEqual(new Set(['VN', 'CN']));
    }
    expect(approved.every((r) => r.roomId !== null)).toBe(true);
    const agriculture = approved.filter((r) => r.roomId === conference.rooms.agriculture.id);
    expect(agriculture.some((r) => r.enterprise?.name.en?.includes('Fruit'))).toBe(true);

    // On-site enterprises that turned up are checked in; nobody online is.
    const checkedIn = approved.filter((r) => r.checkedInAt !== null);
    expect(checkedIn).toHaveLength(enterprises.filter((e) => e.checksIn).length);
    expect(checkedIn.every((r) => r.attendance === 'onsite')).toBe(true);
  });

  it('has its venues, every region valid (2021 provinces resolved to 2025 units) and is live now', async () => {
    const venues = await api.all<VenueView>(`/events/${conference.eventId}/venues`, organizer);
    expect(venues.map((v) => v.kind).sort()).toEqual(['main', 'online', 'satellite', 'satellite', 'satellite', 'satellite', 'satellite']);
    expect(venues.find((v) => v.city === 'Hangzhou')).toMatchObject({ country: 'CN', timezone: 'Asia/Shanghai' });

    for (const { registration } of conference.participants) {
      const { country, region } = registration.enterprise!;
      expect(resolveRegion(country, region)?.code).toBe(region);
    }
    const yenBai = conference.participants.filter((p) => p.enterprise.profile.region === 'VN-06');
    expect(yenBai.length).toBeGreaterThan(0);
    expect(yenBai.every((p) => p.registration.enterprise?.region === 'VN-02')).toBe(true);

    const event = await api.get<EventView>(`/events/${conference.eventId}`, organizer);
    expect(event.status).toBe('live');
    expect(Date.parse(event.startsAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(event.endsAt)).toBeGreaterThan(Date.now());
  });

  it('is not loaded twice', async () => {
    const again = await loadReferenceConference({ api, accounts, enterprises, eventId: conference.eventId });
    expect(again.loadedNow).toBe(false);
    expect(again.eventId).toBe(conference.eventId);
    expect(again.participants).toHaveLength(238);
  });

  it('plays the conference: requests are sent and accepted, badges scanned, connections recorded; then it stops cleanly', async () => {
    const steps: string[] = [];
    const simulator = new ConferenceSimulator({
      apiUrl: url,
      liveUrl: url,
      conference,
      accounts,
      cast: 60,
      reserved: featuredEnterprises(enterprises).map((e) => e.key),
      speed: 40,
      seed: 7,
      log: (line) => steps.push(line),
    });
    await simulator.start();
    const connections = async (query: string) => (await api.get<Page<ConnectionView>>(`/events/${conference.eventId}/connections?${query}limit=1`, organizer)).total;
    // At 40× a minute of the conference passes in 1.5 s; a busy machine may need a few more.
    const deadline = Date.now() + 25_000;
    let seen = { all: 0, accepted: 0, scanned: 0, recorded: 0 };
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      seen = {
        all: await connections(''),
        accepted: await connections('status=accepted&channel=online&'),
        scanned: await connections('channel=qr&'),
        recorded: await connections('channel=recorded&'),
      };
      if (seen.all >= 10 && seen.accepted > 0 && seen.scanned > 0 && seen.recorded > 0) break;
    }
    expect(simulator.present).toBeGreaterThan(30);
    await simulator.stop();

    expect(seen.all).toBeGreaterThanOrEqual(10);
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.scanned).toBeGreaterThan(0);
    expect(seen.recorded).toBeGreaterThan(0);
    expect({ errors: simulator.tally.errors, failures: steps.filter((s) => s.includes('failed')) }).toEqual({ errors: 0, failures: [] });

    const all = await connections('');
    // Stopped means stopped: nothing more happens.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await connections('')).toBe(all);
  }, 45_000);
});
