import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DirectoryService } from '@tradebridge/directory';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { DirectoryEntryResponse, DirectoryPageResponse, DirectoryQuery, DirectorySettingsRequest, DirectorySettingsResponse, DirectoryViewerQuery } from './directory.dto';

@ApiTags('directory')
@Authenticated()
@Controller('events/:id/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiOperation({ summary: 'The approved participants you may browse (the other side; your own if the organizers allow), searched and filtered' })
  @ApiOkResponse({ type: DirectoryPageResponse })
  @ApiErrors(400, 403, 404, 422)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: DirectoryQuery) {
    const { favourites, ...filters } = query;
    return this.directory.list(actor, id, { ...filters, favourites: favourites === 'true', limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('settings')
  @ApiOperation({ summary: "The directory's settings (staff)" })
  @ApiOkResponse({ type: DirectorySettingsResponse })
  @ApiErrors(403, 404)
  settings(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.directory.settings(actor, id);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Open or close each side of the directory to its own side (organizers)' })
  @ApiOkResponse({ type: DirectorySettingsResponse })
  @ApiErrors(400, 403, 404)
  updateSettings(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: DirectorySettingsRequest) {
    return this.directory.updateSettings(actor, id, { ownSide: body.ownSide });
  }

  @Get(':registrationId')
  @ApiOperation({ summary: "One participant's public profile (contact details only as the privacy rule allows)" })
  @ApiOkResponse({ type: DirectoryEntryResponse })
  @ApiErrors(400, 403, 404, 422)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('registrationId') registrationId: string, @Query() query: DirectoryViewerQuery) {
    return this.directory.get(actor, id, registrationId, query.as);
  }

  @Put('favourites/:registrationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Save a participant as a favourite of the registration you browse as (idempotent)' })
  @ApiNoContentResponse()
  @ApiErrors(400, 403, 404, 422)
  async favourite(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('registrationId') registrationId: string, @Query() query: DirectoryViewerQuery) {
    await this.directory.setFavourite(actor, id, registrationId, true, query.as);
  }

  @Delete('favourites/:registrationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a favourite (idempotent)' })
  @ApiNoContentResponse()
  @ApiErrors(400, 403, 404, 422)
  async unfavourite(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('registrationId') registrationId: string, @Query() query: DirectoryViewerQuery) {
    await this.directory.setFavourite(actor, id, registrationId, false, query.as);
  }
}
