import { Client } from 'pg';
import { migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createIsolatedDatabase } from '../factories/database-guard';

/**
 * Migrations that repair stored rows, run against rows written before them: the
 * schema up to the migration before, the rows, then the migration itself.
 */
describe('migrations that fix stored rows', () => {
  it('EnterpriseLanguagesFromName: rows given every locale by the old default get the locales of their name', async () => {
    const index = MIGRATIONS.findIndex((m) => m.name === 'EnterpriseLanguagesFromName1763800019000');
    expect(index).toBeGreaterThan(0);
    const database = await createIsolatedDatabase('languages_fix');
    const db = new Client({ connectionString: database.url });
    try {
      await migrateDatabase(database.url, ENTITIES, MIGRATIONS.slice(0, index));
      await db.connect();
      const { rows: users } = await db.query(`INSERT INTO users (email, password_hash, display_name) VALUES ('old@example.test', 'x', 'Old') RETURNING id`);
      const insert = async (name: object, languages: string[]): Promise<string> => {
        const { rows } = await db.query(`INSERT INTO enterprises (name, country, region, created_by, languages) VALUES ($1, 'VN', 'VN-02', $2, $3) RETURNING id`, [
          JSON.stringify(name),
          users[0].id,
          languages,
        ]);
        return rows[0].id;
      };
      const buggy = await insert({ vi: 'Hợp tác xã Chè Shan Tuyết', zh: '雪山茶合作社' }, ['en', 'vi', 'zh']);
      const buggyOne = await insert({ zh: '云南普洱茶业' }, ['en', 'vi', 'zh']);
      // All three names written: the full set is what the name says, kept.
      const allThree = await insert({ vi: 'Công ty A', zh: '甲公司', en: 'Company A' }, ['en', 'vi', 'zh']);
      // Anything else was declared (or defaulted correctly): kept.
      const declared = await insert({ vi: 'Công ty B' }, ['en', 'vi']);
      const other = await insert({ zh: '乙公司' }, ['en', 'fr', 'vi', 'zh']);

      const applied = await migrateDatabase(database.url, ENTITIES, MIGRATIONS);
      expect(applied).toContain('EnterpriseLanguagesFromName1763800019000');
      const languagesOf = async (id: string) => (await db.query('SELECT languages FROM enterprises WHERE id = $1', [id])).rows[0].languages;
      expect(await languagesOf(buggy)).toEqual(['vi', 'zh']);
      expect(await languagesOf(buggyOne)).toEqual(['zh']);
      expect(await languagesOf(allThree)).toEqual(['en', 'vi', 'zh']);
      expect(await languagesOf(declared)).toEqual(['en', 'vi']);
      expect(await languagesOf(other)).toEqual(['en', 'fr', 'vi', 'zh']);
    } finally {
      await db.end();
      await database.drop();
    }
  }, 60_000);
});
