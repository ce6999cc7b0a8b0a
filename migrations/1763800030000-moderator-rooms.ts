import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sector rooms a moderator runs: a moderator calls the next presenter and
 * records connections only in the rooms it is assigned to (organizers run every
 * room). An assignment goes with the staff membership or the room it names.
 */
export class ModeratorRooms1763800030000 implements MigrationInterface {
  name = 'ModeratorRooms1763800030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_rooms (
        event_id uuid NOT NULL,
        user_id  uuid NOT NULL,
        room_id  uuid NOT NULL,
        CONSTRAINT staff_rooms_pkey PRIMARY KEY (event_id, user_id, room_id),
        CONSTRAINT staff_rooms_staff_fkey FOREIGN KEY (event_id, user_id) REFERENCES event_staff (event_id, user_id) ON DELETE CASCADE,
        CONSTRAINT staff_rooms_room_fkey FOREIGN KEY (event_id, room_id) REFERENCES rooms (event_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX staff_rooms_room_idx ON staff_rooms (room_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_rooms`);
  }
}
