import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccountsService, PasswordResetService } from '@tradebridge/accounts';
import type { Actor } from '@tradebridge/core';
import { CurrentActor, Public } from '../http/public.decorator';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import {
  LoginRequest,
  LoginResponseSchema,
  MeResponse,
  PasswordResetAccepted,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  RegisterRequest,
  UpdateMeRequest,
  UserResponse,
} from './accounts.dto';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResetService,
  ) {}

  @Public()
  @Post('auth/register')
  @ApiOperation({ summary: 'Create an account (an enterprise representative, typically)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 409)
  register(@Body() body: RegisterRequest) {
    return this.accounts.register(body);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a bearer token (throttled on failures)' })
  @ApiOkResponse({ type: LoginResponseSchema })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginRequest, @Req() request: Request) {
    return this.accounts.login(body.email, body.password, request.ip ?? 'unknown');
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a single-use reset link (1 hour) to this e-mail; the same answer whether or not the account exists (throttled like login)' })
  @ApiAcceptedResponse({ type: PasswordResetAccepted })
  @ApiErrors(400, 429)
  async requestPasswordReset(@Body() body: PasswordResetRequest, @Req() request: Request): Promise<PasswordResetAccepted> {
    await this.resets.request(body.email, request.ip ?? 'unknown');
    return { message: 'If an account has this e-mail, a reset link is on its way. It works once, within 1 hour.' };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: "Set a new password with a reset link's token; ends every other session of the account" })
  @ApiNoContentResponse()
  @ApiErrors(400)
  async confirmPasswordReset(@Body() body: PasswordResetConfirmRequest): Promise<void> {
    await this.resets.confirm(body.token, body.password);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The current user, its enterprises and the events it staffs' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor) {
    return this.accounts.me(actor);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({ summary: 'Your language, time zone, the notification kinds not sent by e-mail, your name' })
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors(400, 401)
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeRequest) {
    return this.accounts.updateMe(actor, body);
  }
}
