import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';
import { RemindersService } from './reminders.service';

/**
 * Sends due reminders on a timer in every API process (as ConnectionExpiry
 * expires requests). Processes share the work through the notifications lock
 * and the claims; a restart loses nothing, since what is due is read from the
 * meetings and requests themselves, and repeats nothing, since each claim and
 * each notification's (user, source) is written once.
 */
@Injectable()
export class ReminderSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReminderSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly reminders: RemindersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reminders.enabled) return;
    this.timer = setInterval(() => void this.sweep(), this.config.reminders.sweepSeconds * 1000);
    this.timer.unref();
    void this.sweep(); // catch up what came due while no process ran
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; safe to call any time (tests call it directly). Resolves once the pass in progress ends. */
  sweep(): Promise<void> {
    this.running ??= (async () => {
      try {
        const meetings = await this.reminders.sendDueMeetingReminders();
        const requests = await this.reminders.sendExpiringRequestReminders();
        if (meetings + requests) this.logger.log(`sent ${meetings} meeting and ${requests} request-expiring reminders`);
      } catch (error) {
        this.logger.warn(`sweep failed: ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
