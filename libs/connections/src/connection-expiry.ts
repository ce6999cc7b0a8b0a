import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, IdempotencyRepository, PeriodicSweep } from '@tradebridge/core';
import { ConnectionsService } from './connections.service';

/**
 * Expires unanswered requests and forgets idempotency keys after 24 h, on a
 * timer in every API process (claims use SKIP LOCKED, so processes share the work).
 */
@Injectable()
export class ConnectionExpiry extends PeriodicSweep {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly idempotency: IdempotencyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('ConnectionExpiry', { enabled: true, everySeconds: config.connections.sweepSeconds, atStart: false });
  }

  protected async pass(): Promise<string | null> {
    const expired = await this.connections.expireOverdue();
    await this.idempotency.prune();
    return expired ? `expired ${expired} unanswered connection requests` : null;
  }
}
