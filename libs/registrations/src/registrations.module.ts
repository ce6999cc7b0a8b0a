import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { EnterprisesModule } from '@tradebridge/enterprises';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [EventsModule, EnterprisesModule],
  providers: [RegistrationsRepository, RegistrationsService],
  exports: [RegistrationsRepository, RegistrationsService],
})
export class RegistrationsModule {}
