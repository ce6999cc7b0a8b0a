import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

export interface SweepSchedule {
  /** Whether this process sweeps on a timer at all (a sweep can still be called by hand). */
  enabled: boolean;
  everySeconds: number;
  /** Sweep once at start, to catch up what came due while no process ran. */
  atStart: boolean;
}

/**
 * Work done on a timer in every API process: expiring requests, sending
 * reminders, recording attendance. One pass at a time per process (a call while
 * one runs gets that pass); a failed pass is logged and the next tick tries again;
 * shutting down waits for the pass in progress. Processes sweep at once safely
 * because each sweep claims its rows in the database, never here.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(
    name: string,
    private readonly schedule: SweepSchedule,
  ) {
    this.logger = new Logger(name);
  }

  /** One pass; what it did, to log, or nothing when it found nothing to do. */
  protected abstract pass(): Promise<string | null>;

  onApplicationBootstrap(): void {
    if (!this.schedule.enabled) return;
    this.timer = setInterval(() => void this.sweep(), this.schedule.everySeconds * 1000);
    this.timer.unref();
    if (this.schedule.atStart) void this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; safe to call any time (tests call it directly). Resolves once the pass in progress ends. */
  sweep(): Promise<void> {
    this.running ??= (async () => {
      try {
        const done = await this.pass();
        if (done) this.logger.log(done);
      } catch (error) {
        this.logger.warn(`sweep failed: ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
