import { Module } from '@nestjs/common';
import { AccountsModule, PasswordResetModule } from '@tradebridge/accounts';
import { EnterprisesModule } from '@tradebridge/enterprises';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { ImportsRepository } from './imports.repository';
import { ImportJobsRepository } from './import-jobs.repository';
import { ImportsService } from './imports.service';

/** Bulk import of participants from XLSX/CSV (issue 15.2). */
@Module({
  imports: [AccountsModule, PasswordResetModule, EnterprisesModule, EventsModule, RegistrationsModule],
  providers: [ImportsRepository, ImportJobsRepository, ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
