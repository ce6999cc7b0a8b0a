import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';
import { ConnectionsService } from './connections.service';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * Expires unanswered requests and forgets idempotency keys after 24 h, on a
 * timer in every API process (claims use SKIP LOCKED, so processes share the work).
 */
@Injectable()
export class ConnectionExpiry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ConnectionExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly idempotency: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.connections.sweepSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; safe to call any time (tests call it directly). */
  sweep(): Promise<void> {
    this.running ??= (async () => {
      try {
        const expired = await this.connections.expireOverdue();
        if (expired) this.logger.log(`expired ${expired} unanswered connection requests`);
        await this.idempotency.prune();
      } catch (error) {
        this.logger.warn(`sweep failed: ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
