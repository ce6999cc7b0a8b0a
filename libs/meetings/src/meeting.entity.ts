import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingAttendance, MeetingMode, MeetingStatus } from '@tradebridge/contracts';

/**
 * A meeting of an accepted connection. `period` is a tstzrange; the database's
 * exclusion constraints keep tables and participants from double booking.
 */
@Entity({ name: 'meetings' })
export class Meeting {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  /** PostgreSQL range text, e.g. ["2021-01-19 02:00:00+00","2021-01-19 02:30:00+00"). Read through MeetingsRepository. */
  @Column({ type: 'tstzrange' })
  period: string;

  @Column({ type: 'text' })
  mode: MeetingMode;

  @Column({ name: 'venue_id', type: 'uuid', nullable: true })
  venueId: string | null;

  @Column({ name: 'table_no', type: 'integer', nullable: true })
  tableNo: number | null;

  @Column({ type: 'text', nullable: true })
  link: string | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: MeetingStatus;

  /** What the connection's requester's side recorded for itself. */
  @Column({ name: 'from_attendance', type: 'text', nullable: true })
  fromAttendance: MeetingAttendance | null;

  /** What the connection's receiver's side recorded for itself. */
  @Column({ name: 'to_attendance', type: 'text', nullable: true })
  toAttendance: MeetingAttendance | null;

  /** Who wrote fromAttendance: 'party', 'staff', or 'system' (the attendance rules, which may revise it). */
  @Column({ name: 'from_attendance_by', type: 'text', nullable: true })
  fromAttendanceBy: string | null;

  @Column({ name: 'to_attendance_by', type: 'text', nullable: true })
  toAttendanceBy: string | null;

  /** Staff set the status; otherwise it follows both attendances (meetings_status_follows_attendance_check). */
  @Column({ name: 'status_overridden', type: 'boolean', default: false })
  statusOverridden: boolean;

  @Column({ type: 'text' })
  source: 'scheduler' | 'manual';

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
