import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-enterprise match vectors, so ranking recommendations is one pass over the
 * candidates with array operations instead of joining every product line:
 * - offer_prefixes / need_prefixes: each code's 2-, 4- and (when it has them)
 *   6-digit prefixes, e.g. 081060 → {08, 0810, 081060};
 * - need_codes: the distinct needed codes (a need counts once: score.ts rule 1);
 * - certification_kinds: the kinds it holds; ocop_stars: its best OCOP rating (3–5, else 0).
 * Kept in step by EnterprisesRepository on every write; backfilled here.
 */
export class MatchVectors1763800008000 implements MigrationInterface {
  name = 'MatchVectors1763800008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enterprises
        ADD COLUMN offer_prefixes      text[]   NOT NULL DEFAULT '{}',
        ADD COLUMN need_prefixes       text[]   NOT NULL DEFAULT '{}',
        ADD COLUMN need_codes          text[]   NOT NULL DEFAULT '{}',
        ADD COLUMN certification_kinds text[]   NOT NULL DEFAULT '{}',
        ADD COLUMN ocop_stars          smallint NOT NULL DEFAULT 0,
        ADD CONSTRAINT enterprises_ocop_stars_check CHECK (ocop_stars = 0 OR ocop_stars BETWEEN 3 AND 5)`);
    await q.query(`
      UPDATE enterprises e SET
        offer_prefixes = ARRAY(
          SELECT DISTINCT x FROM enterprise_products p,
                 LATERAL (VALUES (left(p.hs_code, 2)), (CASE WHEN length(p.hs_code) >= 4 THEN left(p.hs_code, 4) END),
                                 (CASE WHEN length(p.hs_code) >= 6 THEN p.hs_code END)) AS v(x)
           WHERE p.enterprise_id = e.id AND p.direction = 'offer' AND x IS NOT NULL ORDER BY x),
        need_prefixes = ARRAY(
          SELECT DISTINCT x FROM enterprise_products p,
                 LATERAL (VALUES (left(p.hs_code, 2)), (CASE WHEN length(p.hs_code) >= 4 THEN left(p.hs_code, 4) END),
                                 (CASE WHEN length(p.hs_code) >= 6 THEN p.hs_code END)) AS v(x)
           WHERE p.enterprise_id = e.id AND p.direction = 'need' AND x IS NOT NULL ORDER BY x),
        need_codes = ARRAY(SELECT DISTINCT hs_code FROM enterprise_products p WHERE p.enterprise_id = e.id AND p.direction = 'need' ORDER BY 1),
        certification_kinds = ARRAY(SELECT DISTINCT c ->> 'kind' FROM jsonb_array_elements(e.certifications) c ORDER BY 1),
        ocop_stars = coalesce((
          SELECT max((c ->> 'stars')::int) FROM jsonb_array_elements(e.certifications) c
           WHERE c ->> 'kind' = 'ocop' AND jsonb_typeof(c -> 'stars') = 'number' AND (c ->> 'stars')::numeric IN (3, 4, 5)), 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enterprises DROP CONSTRAINT enterprises_ocop_stars_check,
        DROP COLUMN ocop_stars, DROP COLUMN certification_kinds, DROP COLUMN need_codes, DROP COLUMN need_prefixes, DROP COLUMN offer_prefixes`);
  }
}
