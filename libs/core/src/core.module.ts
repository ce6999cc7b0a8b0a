import { DynamicModule, Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions, EntityList, MigrationList } from './database/data-source';
import { Database } from './database/database';
import { HealthService } from './runtime/health';
import { EventLogRepository } from './event-log/event-log.repository';
import { TokenService } from './auth/token.service';
import { resolveJwtSecret } from './auth/jwt-secret';
import { Clock, SystemClock } from './runtime/clock';
import { IdempotencyRepository } from './idempotency/idempotency.repository';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Resolved connection URL (external or the embedded server's). */
  databaseUrl: string;
  entities: EntityList;
  migrations: MigrationList;
  applicationName: string;
  /** Default: the system clock. Tests pass one standing at a chosen instant. */
  clock?: Clock;
}

/** Config, database, event log, idempotency keys, tokens and the clock: what every process needs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forConfig(options.config),
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: options.databaseUrl,
            entities: options.entities,
            migrations: options.migrations,
            applicationName: options.applicationName,
            statementTimeoutMs: options.config.database.statementTimeoutMs,
            connectTimeoutMs: options.config.database.connectTimeoutMs,
          }),
        ),
        // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse a
        // public key from the secret on every verify, a measurable cost per handshake.
        JwtModule.register({
          secret: createSecretKey(Buffer.from(resolveJwtSecret(options.config))),
          signOptions: { algorithm: 'HS256' },
        }),
      ],
      providers: [Database, EventLogRepository, IdempotencyRepository, TokenService, HealthService, { provide: Clock, useValue: options.clock ?? new SystemClock() }],
      exports: [ConfigModule, Database, EventLogRepository, IdempotencyRepository, TokenService, HealthService, JwtModule, Clock],
    };
  }
}
