import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Attendance, RegistrationStatus } from '@tradebridge/contracts';

/** An enterprise's registration for an event, at one venue, on site or online. */
@Entity({ name: 'registrations' })
export class Registration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'venue_id', type: 'uuid' })
  venueId: string;

  @Column({ type: 'text' })
  attendance: Attendance;

  /** The delegation: the enterprise's country, one of the event's two sides. */
  @Column({ type: 'char', length: 2 })
  side: string;

  @Column({ type: 'text', default: 'pending' })
  status: RegistrationStatus;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  /** Unguessable code printed as the badge's QR; staff check in and partners connect with it. */
  @Column({ name: 'badge_code', type: 'text' })
  badgeCode: string;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
