import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { PrintablesRepository } from './printables.repository';
import { PrintablesService } from './printables.service';

@Module({
  imports: [EventsModule],
  providers: [PrintablesRepository, PrintablesService],
  exports: [PrintablesService],
})
export class PrintablesModule {}
