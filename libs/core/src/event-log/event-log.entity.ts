import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One state change of an event. Appended in the same transaction as the change,
 * with a gapless `seq` per event (see EventLogRepository.append). Feeds live
 * views, reconnect catch-up and the audit trail.
 */
@Entity({ name: 'event_log' })
export class EventLogEntry {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** Registrations the change concerns: who besides staff may see the entry. */
  @Column({ name: 'registration_ids', type: 'uuid', array: true, default: () => "'{}'" })
  registrationIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
