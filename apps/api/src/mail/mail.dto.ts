import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../http/page.query';
import type { CalendarFeedCreatedView, CalendarFeedStatusView, MailboxMessageDetailView, MailboxMessageView, UnsubscribedView } from '@tradebridge/contracts';

export class MailboxMessageResponse implements MailboxMessageView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: '<6f1c2a9e-0000-4000-8000-000000000001@tradebridge.local>' }) messageId: string;
  @ApiProperty({ example: 'nguyen.van.a@laocai-agri.vn' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ example: 'connection.requested' }) kind: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MailboxMessageDetailResponse extends MailboxMessageResponse implements MailboxMessageDetailView {
  @ApiProperty({ description: 'The whole RFC 822 message as it would have been sent' }) raw: string;
  @ApiProperty() text: string;
  @ApiProperty() html: string;
}

/** `?to=`: only the messages whose recipient contains this (any case), e.g. one user's address. */
export class MailboxQuery extends PageQuery {
  @ApiPropertyOptional({ maxLength: 320, example: 'laocai-agri.vn', description: 'Only messages whose recipient address contains this, in any case' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MinLength(1)
  @MaxLength(320)
  to?: string;
}

export class MailboxPage {
  @ApiProperty({ type: [MailboxMessageResponse] }) items: MailboxMessageResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class UnsubscribeRequest {
  @ApiPropertyOptional({ description: 'The token of the e-mail’s unsubscribe link (or `?token=` for the one-click POST of List-Unsubscribe)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  token?: string;

  @ApiPropertyOptional({ description: 'RFC 8058 one-click: `One-Click`', enum: ['One-Click'] })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  'List-Unsubscribe'?: string;
}

export class UnsubscribeQuery {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  token?: string;
}

export class UnsubscribedResponse implements UnsubscribedView {
  @ApiProperty({ example: 'connection.requested' }) kind: string;
  @ApiProperty({ type: [String], description: 'Every kind now muted for e-mail' }) emailMuted: string[];
}

export class CalendarFeedCreatedResponse implements CalendarFeedCreatedView {
  @ApiProperty({ example: 'https://trade.example.vn/calendar/3q2f…Z.ics' }) url: string;
  @ApiProperty({ example: 'webcal://trade.example.vn/calendar/3q2f…Z.ics' }) webcalUrl: string;
}

export class CalendarFeedStatusResponse implements CalendarFeedStatusView {
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) createdAt: string | null;
}
