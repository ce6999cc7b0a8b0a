import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingMode, MeetingStatus } from '@tradebridge/contracts';

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

  @Column({ type: 'text' })
  source: 'scheduler' | 'manual';

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
