import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDataSource, migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createApiApp } from '../../apps/api/src/app';
import { MeetingAttendance1763800015000 } from '../../migrations/1763800015000-meeting-attendance';
import { testConfig, TestApp, TestClock, testDatabaseUrl } from '../factories/app';
import { Account, ConferenceSetup, World } from '../factories/world';

/**
 * The attendance migration on a database that already holds meetings: a held
 * or no-show status set before attendance was recorded per side stays decided
 * (no attendance invented), and a meeting of one second is cancelled. Runs on
 * a database of its own: the conference is set up through the API on the full
 * schema (the entities always follow the newest one), then this migration and
 * every later one are undone, the old rows written, and all migrated up again.
 */
describe('migration 1763800015000-meeting-attendance: existing meetings', () => {
  const server = new URL(testDatabaseUrl());
  const name = `${server.pathname.slice(1)}_attendance_${process.pid}`;
  const url = Object.assign(new URL(server.href), { pathname: `/${name}` }).href;
  let t: TestApp;
  let world: World;
  let organizer: Account;
  let setup: ConferenceSetup;

  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: server.href });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
    await migrateDatabase(url, ENTITIES, MIGRATIONS);
    const config = testConfig({ DATABASE_URL: url });
    const clock = new TestClock();
    const app = await createApiApp(config, url, [], clock);
    await app.init();
    t = { app, http: request(app.getHttpServer()), db: app.get(DataSource), config, clock, close: () => app.close() };
    world = new World(t);
    organizer = await world.organizer();
    setup = await world.openEvent(organizer);
  });
  afterAll(async () => {
    await t?.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
  });

  it('keeps a held or no-show as decided, invents no attendance, and cancels a one-second meeting', async () => {
    const pairs = [await world.acceptedPair(organizer, setup), await world.acceptedPair(organizer, setup), await world.acceptedPair(organizer, setup)];
    const rows: [string, string, string][] = [
      ['held', '2021-01-19T02:00:00Z', '2021-01-19T02:30:00Z'],
      ['no_show', '2021-01-19T02:00:00Z', '2021-01-19T02:30:00Z'],
      ['scheduled', '2021-01-19T04:00:00Z', '2021-01-19T04:00:01Z'],
    ];
    const undo = createDataSource({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 1, applicationName: 'tradebridge-test-undo' });
    await undo.initialize();
    try {
      const later = MIGRATIONS.length - MIGRATIONS.indexOf(MeetingAttendance1763800015000);
      for (let i = 0; i < later; i++) await undo.undoLastMigration({ transaction: 'each' });
    } finally {
      await undo.destroy();
    }
    const ids: string[] = [];
    for (const [i, [status, from, to]] of rows.entries()) {
      const [{ id }] = await t.db.query(
        `INSERT INTO meetings (event_id, connection_id, period, mode, link, status, source, created_by)
         VALUES ($1, $2, tstzrange($3, $4, '[)'), 'online', 'x', $5, 'manual', $6) RETURNING id`,
        [setup.eventId, pairs[i].connectionId, from, to, status, organizer.id],
      );
      ids.push(id);
    }

    expect(await migrateDatabase(url, ENTITIES, MIGRATIONS)).toContain('MeetingAttendance1763800015000');

    const read = async (id: string) => (await t.http.get(`/api/meetings/${id}`).set(organizer.auth).expect(200)).body;
    expect(await read(ids[0])).toMatchObject({ status: 'held', statusOverridden: true, attendance: [null, null] });
    expect(await read(ids[1])).toMatchObject({ status: 'no_show', statusOverridden: true, attendance: [null, null] });
    expect(await read(ids[2])).toMatchObject({ status: 'cancelled' });
    // The cancelled one freed its parties' time; a decided one takes no party's change.
    const [{ active }] = await t.db.query(`SELECT bool_or(active) AS active FROM meeting_participants WHERE meeting_id = $1`, [ids[2]]);
    expect(active).toBe(false);
    const refused = await t.http.patch(`/api/meetings/${ids[0]}`).set(pairs[0].vn.account.auth).send({ attendance: 'absent' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_STATUS_TRANSITION');
  });
});
