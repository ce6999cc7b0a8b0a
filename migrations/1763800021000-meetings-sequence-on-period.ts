import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * meetings_sequence_bump() read NEW.starts_at / NEW.ends_at, which meetings
 * do not have (a meeting's time is its `period` range): every UPDATE of a
 * meeting failed. The same rule over the real columns: the SEQUENCE grows when
 * the period, mode, venue, table, link or "is cancelled" changes.
 */
export class MeetingsSequenceOnPeriod1763800021000 implements MigrationInterface {
  name = 'MeetingsSequenceOnPeriod1763800021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION meetings_sequence_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.period, NEW.mode, NEW.venue_id, NEW.table_no, NEW.link, NEW.status = 'cancelled')
           IS DISTINCT FROM (OLD.period, OLD.mode, OLD.venue_id, OLD.table_no, OLD.link, OLD.status = 'cancelled') THEN
          NEW.sequence := OLD.sequence + 1;
        ELSE
          NEW.sequence := OLD.sequence;
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION meetings_sequence_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.starts_at, NEW.ends_at, NEW.mode, NEW.venue_id, NEW.table_no, NEW.link, NEW.status = 'cancelled')
           IS DISTINCT FROM (OLD.starts_at, OLD.ends_at, OLD.mode, OLD.venue_id, OLD.table_no, OLD.link, OLD.status = 'cancelled') THEN
          NEW.sequence := OLD.sequence + 1;
        ELSE
          NEW.sequence := OLD.sequence;
        END IF;
        RETURN NEW;
      END $$`);
  }
}
