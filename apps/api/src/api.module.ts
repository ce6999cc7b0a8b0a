import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig, Clock, CoreModule } from '@tradebridge/core';
import { AccountsModule } from '@tradebridge/accounts';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { ErrorFilter } from './http/error.filter';
import { AuthGuard } from './http/auth.guard';
import { AuthController } from './accounts/auth.controller';
import { UsersController } from './accounts/users.controller';
import { HealthController } from './health/health.controller';
import { FEATURE_MODULES, FEATURE_CONTROLLERS, FEATURE_PROVIDERS } from './features';

@Module({})
export class ApiModule {
  /**
   * `alongside`: modules a composition root mounts in the same process (npm start adds the live gateway).
   * `clock`: default the system's; tests stand at a chosen instant.
   */
  static forRoot(config: AppConfig, databaseUrl: string, alongside: Type[] = [], clock?: Clock): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot({ config, databaseUrl, entities: ENTITIES, migrations: MIGRATIONS, applicationName: 'tradebridge-api', clock }),
        AccountsModule,
        ...FEATURE_MODULES,
        ...alongside,
      ],
      controllers: [HealthController, AuthController, UsersController, ...FEATURE_CONTROLLERS],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_FILTER, useClass: ErrorFilter }, ...FEATURE_PROVIDERS],
    };
  }
}
