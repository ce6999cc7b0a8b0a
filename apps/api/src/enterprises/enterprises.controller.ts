import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnterprisesService } from '@tradebridge/enterprises';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { CreateEnterpriseRequest, EnterpriseListQuery, EnterprisePage, EnterpriseResponse, UpdateEnterpriseRequest } from './enterprises.dto';

@ApiTags('enterprises')
@Authenticated()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a company profile; you become its first member' })
  @ApiCreatedResponse({ type: EnterpriseResponse })
  @ApiErrors(400)
  create(@CurrentActor() actor: Actor, @Body() body: CreateEnterpriseRequest) {
    return this.enterprises.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List company profiles, filtered by country, sector, HS code or name' })
  @ApiOkResponse({ type: EnterprisePage })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() query: EnterpriseListQuery) {
    return this.enterprises.list(actor, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One company profile (contact details only for those allowed)' })
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.enterprises.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Edit a company profile (the enterprise's members)" })
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiErrors(400, 403, 404)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateEnterpriseRequest) {
    return this.enterprises.update(actor, id, body);
  }
}
