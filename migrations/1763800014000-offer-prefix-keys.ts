import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An enterprise's offer prefixes as sorted integer keys (`hsPrefixKey`:
 * "0810" → 810·10 + 2), generated from offer_prefixes. Ranking scores "they
 * offer what you need" as a weighted overlap: per weight, one intarray
 * intersection `icount(offer_prefix_keys & {viewer's keys of that weight})`,
 * a merge of two short sorted arrays, instead of a `text = ANY(text[])` per
 * need code and HS level, which unpacked the candidate's array every time.
 * intarray ships with PostgreSQL (contrib) and is a trusted extension.
 */
export class OfferPrefixKeys1763800014000 implements MigrationInterface {
  name = 'OfferPrefixKeys1763800014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS intarray`);
    await q.query(`
      CREATE FUNCTION hs_prefix_keys(prefixes text[]) RETURNS int[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN ARRAY(SELECT DISTINCT p::int * 10 + length(p) / 2 FROM unnest(prefixes) AS p ORDER BY 1)`);
    await q.query(`
      ALTER TABLE enterprises
        ADD COLUMN offer_prefix_keys int[] NOT NULL GENERATED ALWAYS AS (hs_prefix_keys(offer_prefixes)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprises DROP COLUMN offer_prefix_keys`);
    await q.query(`DROP FUNCTION hs_prefix_keys(text[])`);
  }
}
