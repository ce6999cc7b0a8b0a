import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConnectionChannel, ConnectionStatus } from '@tradebridge/contracts';

/**
 * A connection between two registrations of different sides in one event.
 * "Connections made" are the accepted ones.
 */
@Entity({ name: 'connections' })
export class Connection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'from_registration_id', type: 'uuid' })
  fromRegistrationId: string;

  @Column({ name: 'from_side', type: 'char', length: 2 })
  fromSide: string;

  @Column({ name: 'to_registration_id', type: 'uuid' })
  toRegistrationId: string;

  @Column({ name: 'to_side', type: 'char', length: 2 })
  toSide: string;

  @Column({ type: 'text', default: 'requested' })
  status: ConnectionStatus;

  @Column({ type: 'text' })
  channel: ConnectionChannel;

  /** The room where it was made (the requester's room at the time). */
  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** The pair's recommendation score when it was made: the scheduler's weight. */
  @Column({ type: 'integer', default: 0 })
  score: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy: string | null;
}
