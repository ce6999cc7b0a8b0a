import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The HS chapters an enterprise offers and needs as bit sets, so the results
 * report can tell which sectors a million connections traded with integer
 * ANDs inside one hash join instead of unnesting arrays per connection.
 * Chapters 01–63 live in the `_lo` column (bit n-1), 64–97 in `_hi` (bit n-64).
 * Generated from the match vectors, so PostgreSQL keeps them in step on every write.
 */
export class ChapterBits1763800010000 implements MigrationInterface {
  name = 'ChapterBits1763800010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hs_chapter_bits(prefixes text[], first_chapter int) RETURNS bigint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN (SELECT coalesce(bit_or(1::bigint << (x::int - first_chapter)), 0)
                  FROM unnest(prefixes) AS x
                 WHERE length(x) = 2 AND x::int BETWEEN first_chapter AND first_chapter + 62)`);
    await q.query(`
      ALTER TABLE enterprises
        ADD COLUMN offer_chapters_lo bigint NOT NULL GENERATED ALWAYS AS (hs_chapter_bits(offer_prefixes, 1)) STORED,
        ADD COLUMN offer_chapters_hi bigint NOT NULL GENERATED ALWAYS AS (hs_chapter_bits(offer_prefixes, 64)) STORED,
        ADD COLUMN need_chapters_lo  bigint NOT NULL GENERATED ALWAYS AS (hs_chapter_bits(need_prefixes, 1)) STORED,
        ADD COLUMN need_chapters_hi  bigint NOT NULL GENERATED ALWAYS AS (hs_chapter_bits(need_prefixes, 64)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enterprises
        DROP COLUMN need_chapters_hi, DROP COLUMN need_chapters_lo, DROP COLUMN offer_chapters_hi, DROP COLUMN offer_chapters_lo`);
    await q.query(`DROP FUNCTION hs_chapter_bits(text[], int)`);
  }
}
