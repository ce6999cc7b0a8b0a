import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EventStatus, Localized, RoomStatus, StaffRole, VenueKind } from '@tradebridge/contracts';

@Entity({ name: 'events' })
export class TradeEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'jsonb' })
  name: Localized;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', default: 'draft' })
  status: EventStatus;

  /** The two delegations' country codes, e.g. ["VN", "CN"]. */
  @Column({ type: 'text', array: true })
  sides: [string, string];

  /** Length of a meeting slot in the scheduler's grid. */
  @Column({ name: 'slot_minutes', type: 'integer', default: 30 })
  slotMinutes: number;

  /** Registration stays open while the event is live (on-site walk-ins). */
  @Column({ name: 'walk_in_registration', type: 'boolean', default: true })
  walkInRegistration: boolean;

  /** Minutes before each meeting its parties are reminded (up to 5 offsets, 1 to 10080). */
  @Column({ name: 'reminder_minutes', type: 'integer', array: true, default: () => "'{1440,15}'" })
  reminderMinutes: number[];

  /** When it closed: outcomes may still be recorded for the follow-up period after. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'event_staff' })
export class EventStaff {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: StaffRole;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A bridge point (điểm cầu): the main venue, a satellite venue, one abroad, or online. */
@Entity({ name: 'venues' })
export class Venue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text' })
  kind: VenueKind;

  @Column({ type: 'integer' })
  capacity: number;

  /** Meeting tables available for on-site meetings. */
  @Column({ type: 'integer', default: 0 })
  tables: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A sector trade room (phòng giao thương theo lĩnh vực). */
@Entity({ name: 'rooms' })
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'jsonb' })
  name: Localized;

  /** HS sections (roman) or chapters (2 digits). */
  @Column({ name: 'sector_codes', type: 'text', array: true, default: () => "'{}'" })
  sectorCodes: string[];

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'text', default: 'scheduled' })
  status: RoomStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
