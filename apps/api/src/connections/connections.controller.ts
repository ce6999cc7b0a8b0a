import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConnectionsService, OutcomesService } from '@tradebridge/connections';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { ApiIdempotent, IdempotencyKey, REPLAYED_HEADER, replay } from '../http/idempotency';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import {
  ConnectionListQuery,
  ConnectionPage,
  ConnectionResponse,
  CreateConnectionRequest,
  CreateOutcomeRequest,
  OutcomePage,
  OutcomeResponse,
  PartnerPage,
  ScanRequest,
} from './connections.dto';

@ApiTags('connections')
@Authenticated()
@Controller()
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Post('events/:id/connections')
  @ApiOperation({ summary: 'Request a connection with an enterprise of the other side (staff: record one made off-line)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ConnectionResponse, headers: REPLAYED_HEADER })
  @ApiErrors(400, 403, 404, 409, 422, 429)
  async request(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateConnectionRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replay(response, await this.connections.request(actor, id, body, idempotencyKey));
  }

  @Post('events/:id/connections/scan')
  @ApiOperation({ summary: "On site: connect by scanning the partner's badge (both checked in; accepted at once)" })
  @ApiCreatedResponse({ type: ConnectionResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  scan(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ScanRequest) {
    return this.connections.scan(actor, id, body.fromRegistrationId, body.badgeCode);
  }

  @Get('events/:id/connections')
  @ApiOperation({ summary: "Connections: all for staff, your enterprise's otherwise" })
  @ApiOkResponse({ type: ConnectionPage })
  @ApiErrors(400, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ConnectionListQuery) {
    return this.connections.list(actor, id, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('events/:id/registrations/:rid/partners')
  @ApiOperation({ summary: "The enterprises at the other end of a registration's connections, any status (its members and staff)" })
  @ApiOkResponse({ type: PartnerPage })
  @ApiErrors(400, 404)
  partners(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.connections.partners(actor, id, rid);
  }

  @Get('connections/:id')
  @ApiOperation({ summary: 'One connection (its parties and staff)' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.connections.get(actor, id);
  }

  @Post('connections/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a request you received; both sides then see each other’s contact details' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiErrors(400, 403, 404, 409)
  accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.connections.accept(actor, id);
  }

  @Post('connections/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a request you received' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiErrors(400, 403, 404, 409)
  decline(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.connections.decline(actor, id);
  }

  @Post('connections/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a request you made that is not answered yet' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiErrors(400, 403, 404, 409)
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.connections.withdraw(actor, id);
  }

  @Post('connections/:id/outcomes')
  @ApiOperation({ summary: 'Record an outcome (MOU, contract, order, follow-up) of an accepted connection; corrections keep history' })
  @ApiCreatedResponse({ type: OutcomeResponse })
  @ApiErrors(400, 404, 409, 422)
  recordOutcome(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CreateOutcomeRequest) {
    return this.outcomes.record(actor, id, body);
  }

  @Get('connections/:id/outcomes')
  @ApiOperation({ summary: 'Outcomes of a connection, oldest first, corrected ones marked current: false' })
  @ApiOkResponse({ type: OutcomePage })
  @ApiErrors(400, 404)
  listOutcomes(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.outcomes.list(actor, id);
  }
}
