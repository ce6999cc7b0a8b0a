import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RecommendationsService } from '@tradebridge/matchmaking';
import type { Actor } from '@tradebridge/core';
import { LOCALES, type Locale, type RecommendationView } from '@tradebridge/contracts';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { PageQuery } from '../http/page.query';
import { LocalizedText } from '../common/responses';

class RecommendationQuery extends PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  declare limit?: number;

  @ApiProperty({ format: 'uuid', description: 'The registration to recommend partners for (yours, or any as staff)' })
  @IsUUID('all', { message: 'must be a UUID' })
  registrationId: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'Language of the reasons' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

class ProductLineSchema {
  @ApiProperty() hsCode: string;
  @ApiProperty() description: string;
}
class RecommendedEnterprise {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
  @ApiProperty() country: string;
  @ApiProperty() region: string;
  @ApiProperty({ type: [ProductLineSchema] }) offers: ProductLineSchema[];
  @ApiProperty({ type: [ProductLineSchema] }) needs: ProductLineSchema[];
}
class RecommendationSchema implements RecommendationView {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ type: RecommendedEnterprise }) enterprise: RecommendedEnterprise;
  @ApiProperty({ example: 72 }) score: number;
  @ApiProperty({ type: [String], example: ['offers HS 081060 (Durians, fresh), which you need', 'holds a growing-area code you require'] }) reasons: string[];
}
class RecommendationPage {
  @ApiProperty({ type: [RecommendationSchema] }) items: RecommendationSchema[];
  @ApiProperty({ type: 'integer' }) total: number;
}

@ApiTags('matchmaking')
@Authenticated()
@Controller('events/:id/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  @ApiOperation({ summary: 'Ranked enterprises of the other side for a registration, each with reasons in your language' })
  @ApiOkResponse({ type: RecommendationPage })
  @ApiErrors(400, 404, 422)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: RecommendationQuery) {
    return this.recommendations.list(actor, id, query.registrationId, query.locale ?? 'en', query.limit ?? 20, query.offset ?? 0);
  }
}
