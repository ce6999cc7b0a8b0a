import type { LoggerService } from '@nestjs/common';

/**
 * SIGINT/SIGTERM: run `close` (stop accepting, finish in-flight work, close the
 * pool, stop the embedded PostgreSQL) and exit 0 — or exit 1 if that takes more
 * than `graceMs`, so an orchestrator never waits forever.
 */
export function onShutdown(logger: LoggerService, close: () => Promise<void>, graceMs = 9_000): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`);
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
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
