import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config';

/** Injection token for the validated `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the config the process loaded once (see readConfigOrExit) before Nest boots. */
@Global()
@Module({})
export class ConfigModule {
  static forConfig(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
