import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { EnterprisesModule } from '@tradebridge/enterprises';
import { RegistrationsModule } from '@tradebridge/registrations';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

@Module({
  imports: [EventsModule, EnterprisesModule, RegistrationsModule],
  providers: [DirectoryRepository, DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
