import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { UsersRepository } from './users.repository';
import { LoginThrottleRepository } from './login-throttle.repository';

@Module({
  providers: [AccountsService, UsersRepository, LoginThrottleRepository],
  exports: [AccountsService, UsersRepository, LoginThrottleRepository],
})
export class AccountsModule {}
