import { Module } from '@nestjs/common';
import { EnterprisesRepository } from './enterprises.repository';
import { EnterprisesService } from './enterprises.service';

@Module({
  providers: [EnterprisesRepository, EnterprisesService],
  exports: [EnterprisesRepository, EnterprisesService],
})
export class EnterprisesModule {}
