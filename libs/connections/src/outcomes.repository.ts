import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Outcome } from './outcome.entity';

@Injectable()
export class OutcomesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, row: Omit<Outcome, 'id' | 'recordedAt'>): Promise<Outcome> {
    const entity = tx.create(Outcome, row);
    await tx.insert(Outcome, entity);
    return tx.findOneByOrFail(Outcome, { id: entity.id });
  }

  /** Locks an outcome of a connection, with whether a correction already replaced it. */
  async lockOfConnection(tx: EntityManager, connectionId: string, id: string): Promise<{ outcome: Outcome; superseded: boolean } | null> {
    const outcome = await tx
      .getRepository(Outcome)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id AND o.connection_id = :connectionId', { id, connectionId })
      .getOne();
    if (!outcome) return null;
    const superseded = (await tx.countBy(Outcome, { supersedesId: id })) > 0;
    return { outcome, superseded };
  }

  /** Every outcome of a connection, oldest first, with the ids that were corrected. */
  async listOfConnection(connectionId: string): Promise<{ outcomes: Outcome[]; supersededIds: Set<string> }> {
    const outcomes = await this.dataSource.getRepository(Outcome).find({ where: { connectionId }, order: { recordedAt: 'ASC', id: 'ASC' } });
    return { outcomes, supersededIds: new Set(outcomes.map((o) => o.supersedesId).filter((id): id is string => id !== null)) };
  }
}
