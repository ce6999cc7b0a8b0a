import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ConversationsService } from '@tradebridge/conversations';
import { DomainError, ErrorCode, MAX_POSITION, type Actor } from '@tradebridge/core';
import { CurrentActor, Public } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import {
  MarkThreadReadRequest,
  MessageListQuery,
  MessagePage,
  MessageResponse,
  PhrasebookResponse,
  ReportedMessagePage,
  ReportMessageRequest,
  SendMessageRequest,
  ThreadSummaryPage,
} from './conversations.dto';

const messageIdPipe = new ParseIntPipe({
  exceptionFactory: () =>
    new DomainError(ErrorCode.VALIDATION_FAILED, 'messageId must be a positive integer', { fields: [{ field: 'messageId', message: 'must be a positive integer', rule: 'isInt' }] }),
});

function positive(id: number): number {
  if (id < 1 || id > MAX_POSITION) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'messageId must be a positive integer', { fields: [{ field: 'messageId', message: 'must be a positive integer', rule: 'min' }] });
  }
  return id;
}

/** Each connection's message thread (docs/realtime.md: `message.sent` carries it live), and the trade phrasebook. */
@ApiTags('conversations')
@Authenticated()
@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Public()
  @Get('reference/phrasebook')
  @ApiOperation({ summary: 'The trade phrasebook: common B2B phrases in vi, zh and en, by key and category' })
  @ApiOkResponse({ type: PhrasebookResponse })
  phrasebook() {
    return this.conversations.phrasebook();
  }

  @Post('connections/:id/messages')
  @ApiOperation({
    summary: "Write in the connection's thread (members of its two enterprises): a phrase by key, or free text",
    description: 'A declined, withdrawn or expired connection: 409 THREAD_CLOSED. Staff: 403 NOT_A_PARTICIPANT. The partner is notified (`message.received`).',
  })
  @ApiCreatedResponse({ type: MessageResponse })
  @ApiErrors(400, 403, 404, 409)
  send(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: SendMessageRequest) {
    return this.conversations.send(actor, id, body);
  }

  @Get('connections/:id/messages')
  @ApiOperation({ summary: "The connection's thread, oldest first (members of its two enterprises; staff: 403 NOT_A_PARTICIPANT)" })
  @ApiOkResponse({ type: MessagePage })
  @ApiErrors(400, 403, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: MessageListQuery) {
    return this.conversations.list(actor, id, query.afterId ?? 0, query.limit ?? 100);
  }

  @Post('connections/:id/messages/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark the thread read, up to a message or to its last one' })
  @ApiNoContentResponse({ description: 'Marked' })
  @ApiErrors(400, 403, 404)
  async markRead(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: MarkThreadReadRequest): Promise<void> {
    await this.conversations.markRead(actor, id, body.upTo);
  }

  @Post('connections/:id/messages/:messageId/report')
  @HttpCode(204)
  @ApiOperation({ summary: "Report the other party's message to the organizers, who may then read it" })
  @ApiParam({ name: 'messageId', schema: { type: 'integer', minimum: 1 } })
  @ApiNoContentResponse({ description: 'Reported (a second report keeps the first)' })
  @ApiErrors(400, 403, 404)
  async report(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Param('messageId', messageIdPipe) messageId: number, @Body() body: ReportMessageRequest): Promise<void> {
    await this.conversations.report(actor, id, positive(messageId), body.reason?.trim() || null);
  }

  @Get('events/:id/conversations')
  @ApiOperation({ summary: "Threads with messages: your enterprise's with unread counts; for staff all of the event's, counts only" })
  @ApiOkResponse({ type: ThreadSummaryPage })
  @ApiErrors(400, 404)
  summaries(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.conversations.summaries(actor, id);
  }

  @Get('events/:id/reported-messages')
  @ApiOperation({ summary: 'Messages a party reported, with their content (staff)' })
  @ApiOkResponse({ type: ReportedMessagePage })
  @ApiErrors(400, 403, 404)
  reported(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.conversations.reported(actor, id);
  }
}
