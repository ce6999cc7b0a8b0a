import { Module } from '@nestjs/common';
import { EventsModule } from '@tradebridge/events';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';

@Module({
  imports: [EventsModule],
  providers: [ReportRepository, ReportService],
  exports: [ReportService],
})
export class ReportingModule {}
