import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Walk-in registration and frozen sides.
 *
 * - `events.walk_in_registration` (default true): an on-site conference takes
 *   walk-ins, so registration stays open while the event is `live` unless the
 *   organizers turn it off. Existing events get true, like new ones.
 * - `events_sides_frozen`: once an event has any registration, its sides no
 *   longer change. Every registration's side is one of the event's sides when
 *   it is made; changing the sides afterwards would leave registrations on a
 *   side the event no longer has. The service checks this under the event row
 *   lock (which registering shares), so the check and the registrations it
 *   counts cannot race; these triggers are the same rule in the database, for
 *   every writer: an event's sides do not change while it has registrations
 *   (`events_sides_frozen`), and a registration's side is one of its event's
 *   sides (`registrations_side_of_event`, reading the event row FOR SHARE, so
 *   a concurrent change of the sides waits for it or it for the change).
 *   Rows already on a side their event lost are left as they are: which side
 *   they meant cannot be told; the organizers can see them by `side`.
 */
export class EventWalkInAndFrozenSides1763800016000 implements MigrationInterface {
  name = 'EventWalkInAndFrozenSides1763800016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN walk_in_registration boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE FUNCTION events_sides_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM registrations WHERE event_id = NEW.id) THEN
          RAISE EXCEPTION 'events_sides_frozen: the sides of event % cannot change, it has registrations', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'events_sides_frozen';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER events_sides_frozen_trg BEFORE UPDATE OF sides ON events
      FOR EACH ROW WHEN (OLD.sides IS DISTINCT FROM NEW.sides) EXECUTE FUNCTION events_sides_frozen()`);
    await q.query(`
      CREATE FUNCTION registrations_side_of_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.event_id AND NEW.side = ANY (sides) FOR SHARE) THEN
          RAISE EXCEPTION 'registrations_side_of_event: % is not a side of event %', NEW.side, NEW.event_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'registrations_side_of_event';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER registrations_side_of_event_trg BEFORE INSERT OR UPDATE OF side, event_id ON registrations
      FOR EACH ROW EXECUTE FUNCTION registrations_side_of_event()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER registrations_side_of_event_trg ON registrations`);
    await q.query(`DROP FUNCTION registrations_side_of_event()`);
    await q.query(`DROP TRIGGER events_sides_frozen_trg ON events`);
    await q.query(`DROP FUNCTION events_sides_frozen()`);
    await q.query(`ALTER TABLE events DROP COLUMN walk_in_registration`);
  }
}
