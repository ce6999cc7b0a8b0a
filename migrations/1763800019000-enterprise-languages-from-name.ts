import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repairs `enterprises.languages` written by a bug: an enterprise created
 * without `languages` got every locale (`{en,vi,zh}`, stored sorted), because
 * the default read the keys of the validated name, which carries unset
 * locales as `undefined`. Recommendations then claimed shared languages nobody
 * declared ("you both work in English").
 *
 * Which rows declared the full set on purpose is not recorded, so the repair
 * is a heuristic: a row whose languages are exactly `{en,vi,zh}` while its name
 * lacks at least one of those locales is what the bug wrote (a declared
 * `{en,vi,zh}` with such a name is possible but unlikely, and its owner can set
 * it again). Those rows get the locales their name is written in (non-blank
 * values), as the corrected default does. A row whose name has all three
 * locales, or with any other languages, is left as it is. Nothing derived from
 * languages is stored (ranking reads the column), so nothing else is rebuilt.
 */
export class EnterpriseLanguagesFromName1763800019000 implements MigrationInterface {
  name = 'EnterpriseLanguagesFromName1763800019000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH written AS (
        SELECT e.id,
               ARRAY(SELECT n.key FROM jsonb_each(e.name) AS n(key, value)
                     WHERE n.key IN ('en', 'vi', 'zh') AND jsonb_typeof(n.value) = 'string' AND btrim(n.value #>> '{}') <> ''
                     ORDER BY n.key) AS locales
        FROM enterprises e
        WHERE e.languages = ARRAY['en', 'vi', 'zh']::text[]
      )
      UPDATE enterprises e SET languages = w.locales
      FROM written w
      WHERE e.id = w.id AND w.locales <> ARRAY['en', 'vi', 'zh']::text[] AND cardinality(w.locales) > 0`);
  }

  async down(): Promise<void> {
    // The wrong values are not worth restoring.
  }
}
