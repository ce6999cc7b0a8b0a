import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '@tradebridge/accounts';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { PageQuery } from '../http/page.query';
import { UpdateUserRequest, UserPage, UserResponse } from './accounts.dto';
import { UuidParam } from '../http/uuid.pipe';

@ApiTags('accounts')
@Authenticated()
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'List accounts (admin)' })
  @ApiOkResponse({ type: UserPage })
  @ApiErrors(403)
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.accounts.list(actor, page.limit ?? 50, page.offset ?? 0);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account (yourself, or any as admin)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.accounts.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Grant or revoke platform roles (admin): "organizer" may create events' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateUserRequest) {
    return this.accounts.setRoles(actor, id, body.roles);
  }
}
