import { Module } from '@nestjs/common';
import { MailModule } from '@tradebridge/mail';
import { AccountsModule } from './accounts.module';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';

/** Password reset: API processes only (it queues e-mail, so it brings the mail queue; the gateway needs neither). */
@Module({
  imports: [AccountsModule, MailModule],
  providers: [PasswordResetRepository, PasswordResetService],
  exports: [PasswordResetService],
})
export class PasswordResetModule {}
