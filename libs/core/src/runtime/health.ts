import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { HealthView } from '@tradebridge/contracts';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Database } from '../database/database';

/** Liveness and readiness of a process: the database, and Redis when configured. */
@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly startedAt = Date.now();
  private redis?: Redis;
  private draining = false;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Shutting down: from now on the process reports `draining` (503), whatever its checks say. */
  drain(): void {
    this.draining = true;
  }

  async check(service: HealthView['service']): Promise<HealthView> {
    const [database, redis] = await Promise.all([this.db.ping(), this.pingRedis()]);
    const checks: HealthView['checks'] = { database: database ? 'up' : 'down', redis };
    return {
      status: this.draining ? 'draining' : checks.database === 'up' && redis !== 'down' ? 'ok' : 'degraded',
      service,
      checks,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  private async pingRedis(): Promise<'up' | 'down' | 'not_configured'> {
    if (!this.config.redisUrl) return 'not_configured';
    // One lazily opened connection; a health probe must answer fast even when Redis is gone.
    this.redis ??= new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1_000, enableOfflineQueue: false });
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      const answer = await Promise.race([this.redis.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000))]);
      return answer === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }
}
