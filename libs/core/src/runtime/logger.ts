import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/config';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

// Nest's start-up chatter (every module and route) is only useful when debugging.
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'WebSocketsController']);

/** The process logger: LOG_LEVEL decides, and boot chatter shows only at debug. */
export class AppLogger extends ConsoleLogger {
  private readonly verboseBoot: boolean;

  constructor(level: AppConfig['logLevel']) {
    super({ logLevels: LEVELS[level] });
    this.verboseBoot = level === 'debug';
  }

  override log(message: unknown, context?: string): void {
    if (!this.verboseBoot && context && BOOT_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}
