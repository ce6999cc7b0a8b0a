import type { LoggerService } from '@nestjs/common';

export interface ShutdownSteps {
  /**
   * How long to drain first: `drain` is called at once (health checks start
   * answering 503 so the load balancer takes this process out), requests keep
   * being served, and only then does `close` run. 0: close at once.
   */
  drainMs?: number;
  drain?: () => void;
  /** Stop accepting, finish in-flight work, close the pool, stop the embedded PostgreSQL. */
  close: () => Promise<void>;
  /** How long `close` may take before the process exits 1 anyway. */
  graceMs?: number;
}

/**
 * SIGINT/SIGTERM: drain (see `ShutdownSteps.drainMs`), then run `close` and
 * exit 0 — or exit 1 if closing takes more than `graceMs`, so an orchestrator
 * never waits forever. A second signal during the drain ends it early (Ctrl-C
 * twice stops at once).
 */
export function onShutdown(logger: LoggerService, steps: ShutdownSteps): void {
  const { drainMs = 0, drain, close, graceMs = 9_000 } = steps;
  let state: 'running' | 'draining' | 'closing' = 'running';
  let endDrain = () => undefined as void;
  const closeNow = () => {
    state = 'closing';
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${graceMs} ms; exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  const handler = (signal: NodeJS.Signals) => {
    if (state === 'draining') return endDrain();
    if (state === 'closing') return;
    if (drainMs <= 0) {
      logger.log(`${signal} received: shutting down`);
      return closeNow();
    }
    state = 'draining';
    logger.log(`${signal} received: draining for ${drainMs} ms (/health answers 503), then shutting down`);
    drain?.();
    const timer = setTimeout(() => endDrain(), drainMs);
    endDrain = () => {
      clearTimeout(timer);
      closeNow();
    };
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
