import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ConversationMessageView, Locale, PhrasebookView, PhraseView, ReportedMessageView, ThreadSummaryView } from '@tradebridge/contracts';
import { MAX_PAGE_SIZE, MAX_POSITION } from '@tradebridge/core';
import { MESSAGE_MAX_LENGTH } from '@tradebridge/conversations';

const THREE_LANGUAGES: ApiPropertyOptions = {
  type: 'object',
  required: ['vi', 'zh', 'en'],
  selfRequired: true,
  properties: { vi: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' } },
};
/** Inline rather than a $ref: a nullable $ref has no type of its own for client generators (OpenAPI 3.0). */
const PHRASE_TEXT: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  required: ['vi', 'zh', 'en'],
  selfRequired: true,
  properties: { vi: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' } },
  description: 'A phrasebook message in each language (the reader shows theirs); null for free text',
};

export class SendMessageRequest {
  @ApiPropertyOptional({ description: 'A phrase of the phrasebook (GET /api/reference/phrasebook), by key: each reader sees it in their own language', example: 'samples.request' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  phraseKey?: string;

  @ApiPropertyOptional({ maxLength: MESSAGE_MAX_LENGTH, description: 'Free text, shown as written (exactly one of phraseKey and text)', example: 'Chúng tôi có thể giao 20 tấn mỗi tuần.' })
  @IsOptional()
  @IsString()
  @MaxLength(MESSAGE_MAX_LENGTH)
  text?: string;
}

export class MessageListQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'Only messages after this id (the last one you have)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  afterId?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class MarkThreadReadRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Read up to this message (default: the last one)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_POSITION)
  upTo?: number;
}

export class ReportMessageRequest {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why, for the organizers' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class MessageResponse implements ConversationMessageView {
  @ApiProperty({ type: 'integer', description: 'Grows in the order messages are written' }) id: number;
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ format: 'uuid' }) fromRegistrationId: string;
  @ApiProperty({ description: "Written by the reader's own enterprise" }) mine: boolean;
  @ApiProperty() senderName: string;
  @ApiProperty({ type: String, nullable: true }) phraseKey: string | null;
  @ApiProperty(PHRASE_TEXT) phrase: Record<Locale, string> | null;
  @ApiProperty({ type: String, nullable: true, description: 'Free text as written; null for a phrase' }) text: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'A party reported it to the organizers' }) reported: boolean;
}

export class MessagePage {
  @ApiProperty({ type: [MessageResponse], description: 'Oldest first' }) items: MessageResponse[];
  @ApiProperty({ type: 'integer', description: 'Messages in the whole thread' }) total: number;
}

export class ThreadSummaryResponse implements ThreadSummaryView {
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ type: 'integer' }) messages: number;
  @ApiProperty({ type: 'integer', description: "The other party's messages after your last read (0 for staff)" }) unread: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastMessageAt: string | null;
  @ApiProperty({ type: 'integer' }) reported: number;
}

export class ThreadSummaryPage {
  @ApiProperty({ type: [ThreadSummaryResponse], description: 'Latest message first' }) items: ThreadSummaryResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class ReportedMessageResponse implements ReportedMessageView {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ format: 'uuid' }) fromRegistrationId: string;
  @ApiProperty() senderName: string;
  @ApiProperty({ type: String, nullable: true }) phraseKey: string | null;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class ReportedMessagePage {
  @ApiProperty({ type: [ReportedMessageResponse] }) items: ReportedMessageResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

class PhraseResponse implements PhraseView {
  @ApiProperty({ example: 'samples.request' }) key: string;
  @ApiProperty({ example: 'samples' }) category: string;
  @ApiProperty(THREE_LANGUAGES) text: Record<Locale, string>;
}

class PhraseCategoryResponse {
  @ApiProperty() key: string;
  @ApiProperty(THREE_LANGUAGES) name: Record<Locale, string>;
}

export class PhrasebookResponse implements PhrasebookView {
  @ApiProperty({ type: [PhraseCategoryResponse] }) categories: PhraseCategoryResponse[];
  @ApiProperty({ type: [PhraseResponse] }) items: PhraseResponse[];
}
