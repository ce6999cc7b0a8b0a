import { Injectable } from '@nestjs/common';
import type { HealthView } from '@tradebridge/contracts';
import { Database } from '../database/database';

/** Liveness and readiness of a process: ok when the database answers. */
@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(private readonly db: Database) {}

  async check(service: HealthView['service']): Promise<HealthView> {
    const database = (await this.db.ping()) ? 'up' : 'down';
    return {
      status: database === 'up' ? 'ok' : 'degraded',
      service,
      checks: { database },
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }
}
