import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Company profiles. Offers and needs live in their own table, one row per HS
 * code, so matchmaking can join on indexed HS prefixes instead of scanning JSON.
 */
export class Enterprises1763800001000 implements MigrationInterface {
  name = 'Enterprises1763800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprises (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        name           jsonb       NOT NULL,
        country        char(2)     NOT NULL,
        region         text        NOT NULL,
        sectors        text[]      NOT NULL DEFAULT '{}',
        certifications jsonb       NOT NULL DEFAULT '[]',
        website        text,
        size           text,
        description    jsonb       NOT NULL DEFAULT '{}',
        contact        jsonb,
        search_text    text        NOT NULL DEFAULT '',
        created_by     uuid        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enterprises_pkey PRIMARY KEY (id),
        CONSTRAINT enterprises_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT enterprises_name_check CHECK (
          jsonb_typeof(name) = 'object' AND (name ? 'vi' OR name ? 'zh' OR name ? 'en')),
        CONSTRAINT enterprises_country_check CHECK (country ~ '^[A-Z]{2}$'),
        CONSTRAINT enterprises_size_check CHECK (size IS NULL OR size IN ('micro', 'small', 'medium', 'large'))
      )`);
    await q.query(`CREATE INDEX enterprises_country_idx ON enterprises (country)`);
    await q.query(`CREATE INDEX enterprises_sectors_idx ON enterprises USING gin (sectors)`);

    await q.query(`
      CREATE TABLE enterprise_members (
        enterprise_id uuid        NOT NULL,
        user_id       uuid        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enterprise_members_pkey PRIMARY KEY (enterprise_id, user_id),
        CONSTRAINT enterprise_members_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises (id) ON DELETE CASCADE,
        CONSTRAINT enterprise_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX enterprise_members_user_id_idx ON enterprise_members (user_id)`);

    await q.query(`
      CREATE TABLE enterprise_products (
        enterprise_id uuid     NOT NULL,
        direction     text     NOT NULL,
        position      smallint NOT NULL,
        hs_code       text     NOT NULL,
        description   text     NOT NULL DEFAULT '',
        CONSTRAINT enterprise_products_pkey PRIMARY KEY (enterprise_id, direction, position),
        CONSTRAINT enterprise_products_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises (id) ON DELETE CASCADE,
        CONSTRAINT enterprise_products_direction_check CHECK (direction IN ('offer', 'need')),
        CONSTRAINT enterprise_products_hs_code_check CHECK (hs_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$')
      )`);
    // Prefix lookups (chapter, heading, subheading) for filters and matchmaking.
    await q.query(`CREATE INDEX enterprise_products_hs_code_idx ON enterprise_products (hs_code text_pattern_ops, direction)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enterprise_products`);
    await q.query(`DROP TABLE enterprise_members`);
    await q.query(`DROP TABLE enterprises`);
  }
}
