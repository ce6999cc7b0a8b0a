import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, DomainError, ErrorCode } from '@tradebridge/core';
import { CalendarFeedService, MailboxService, UnsubscribeService } from '@tradebridge/mail';
import { CurrentActor, Public } from '../http/public.decorator';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import {
  CalendarFeedCreatedResponse,
  CalendarFeedStatusResponse,
  MailboxMessageDetailResponse,
  MailboxPage,
  MailboxQuery,
  UnsubscribedResponse,
  UnsubscribeQuery,
  UnsubscribeRequest,
} from './mail.dto';

/** A path parameter of the wrong shape: 400 naming it, as uuidPipe does for ids. */
function badParam(name: string, message: string): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, `${name} ${message}`, { fields: [{ field: name, message, rule: 'matches' }] });
}

@ApiTags('mail')
@Controller()
export class MailController {
  constructor(
    private readonly mailbox: MailboxService,
    private readonly unsubscribes: UnsubscribeService,
    private readonly feeds: CalendarFeedService,
  ) {}

  @Get('admin/mailbox')
  @Authenticated()
  @ApiOperation({ summary: 'The built-in mailbox (no SMTP_URL): every e-mail that would have been sent, newest first, optionally only those to one recipient (admin)' })
  @ApiOkResponse({ type: MailboxPage })
  @ApiErrors(400, 403)
  list(@CurrentActor() actor: Actor, @Query() query: MailboxQuery) {
    return this.mailbox.list(actor, query.limit ?? 50, query.offset ?? 0, query.to);
  }

  @Get('admin/mailbox/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One message of the built-in mailbox: raw source, text and HTML (admin)' })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: '^[0-9]{1,18}$' } })
  @ApiOkResponse({ type: MailboxMessageDetailResponse })
  @ApiErrors(400, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    if (!/^[0-9]{1,18}$/.test(id)) throw badParam('id', 'must be a message number');
    return this.mailbox.get(actor, id);
  }

  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mute one kind of e-mail by the token of its unsubscribe link (also the RFC 8058 one-click POST)' })
  @ApiOkResponse({ type: UnsubscribedResponse })
  @ApiErrors(400, 404)
  unsubscribe(@Body() body: UnsubscribeRequest, @Query() query: UnsubscribeQuery) {
    const token = body.token ?? query.token;
    if (!token) throw DomainError.invalidFields(ErrorCode.UNSUBSCRIBE_TOKEN_INVALID, [{ field: 'token', message: 'is required' }]);
    return this.unsubscribes.unsubscribe(token);
  }

  @Get('me/calendar-feed')
  @Authenticated()
  @ApiOperation({ summary: 'Whether you have a personal calendar feed' })
  @ApiOkResponse({ type: CalendarFeedStatusResponse })
  feedStatus(@CurrentActor() actor: Actor) {
    return this.feeds.status(actor);
  }

  @Post('me/calendar-feed')
  @Authenticated()
  @ApiOperation({ summary: 'Create (or replace) your personal calendar feed; its URL is shown only now' })
  @ApiOkResponse({ type: CalendarFeedCreatedResponse })
  @HttpCode(200)
  createFeed(@CurrentActor() actor: Actor) {
    return this.feeds.create(actor);
  }

  @Delete('me/calendar-feed')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke your personal calendar feed: its URL answers 404 from now on' })
  @ApiNoContentResponse()
  async revokeFeed(@CurrentActor() actor: Actor): Promise<void> {
    await this.feeds.revoke(actor);
  }
}

/** `GET /calendar/<token>.ics`, outside `/api`: what calendar apps subscribe to (the token is the credential). */
@ApiTags('mail')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Public()
  @Get(':file')
  @ApiOperation({ summary: 'A personal calendar feed (iCalendar); a revoked or unknown token is 404' })
  @ApiParam({ name: 'file', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}\\.ics$' } })
  @ApiOkResponse({ content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404)
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('file') file: string, @Res() response: Response): Promise<void> {
    if (!/^[A-Za-z0-9_-]{16,64}\.ics$/.test(file)) throw badParam('file', 'must be <token>.ics');
    const ics = await this.feeds.render(file.replace(/\.ics$/, ''));
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.send(ics);
  }
}
