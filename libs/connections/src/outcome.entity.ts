import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OutcomeKind } from '@tradebridge/contracts';

/** What came of a connection. Corrections are new rows that supersede the old. */
@Entity({ name: 'outcomes' })
export class Outcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Column({ type: 'text' })
  kind: OutcomeKind;

  /** numeric(18,2), read as a string to keep every digit. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
