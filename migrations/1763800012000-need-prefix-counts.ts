import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many of an enterprise's needed codes fall under each HS prefix, e.g.
 * needs {081060, 081090} → {"08": 2, "0810": 2, "081060": 1, "081090": 1}.
 * Ranking scores "you offer what they need" per need code (score.ts rule 1);
 * with these counts that is a weighted sum of a few lookups per candidate
 * instead of unnesting every candidate's needs in a subquery. Generated from
 * need_codes, so PostgreSQL keeps it in step.
 */
export class NeedPrefixCounts1763800012000 implements MigrationInterface {
  name = 'NeedPrefixCounts1763800012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hs_prefix_counts(codes text[]) RETURNS jsonb
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN (SELECT coalesce(jsonb_object_agg(t.prefix, t.n), '{}'::jsonb)
                  FROM (SELECT v.prefix, count(*) AS n
                          FROM unnest(codes) AS m,
                               LATERAL (VALUES (left(m, 2)), (CASE WHEN length(m) >= 4 THEN left(m, 4) END),
                                               (CASE WHEN length(m) >= 6 THEN left(m, 6) END)) AS v(prefix)
                         WHERE v.prefix IS NOT NULL
                         GROUP BY v.prefix) AS t)`);
    await q.query(`
      ALTER TABLE enterprises
        ADD COLUMN need_prefix_counts jsonb NOT NULL GENERATED ALWAYS AS (hs_prefix_counts(need_codes)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprises DROP COLUMN need_prefix_counts`);
    await q.query(`DROP FUNCTION hs_prefix_counts(text[])`);
  }
}
