import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import {
  ATTENDANCES,
  CONNECTION_CHANNELS,
  CONNECTION_STATUSES,
  OUTCOME_KINDS,
  type Attendance,
  type ConnectionChannel,
  type ConnectionStatus,
  type ConnectionView,
  type OutcomeKind,
  type OutcomeView,
  type PartnerView,
} from '@tradebridge/contracts';
import { PageQuery } from '../http/page.query';
import { LocalizedText } from '../common/responses';
import { amountInput, isAmount } from './amount';

const AMOUNT_MESSAGE =
  'must be a non-negative decimal number with at most 16 digits before the point and 2 after: a string such as "1500000.50", or a JSON number of at most 15 significant digits';

const STATUSES = CONNECTION_STATUSES;
const CHANNELS = CONNECTION_CHANNELS;

export class CreateConnectionRequest {
  @ApiProperty({ format: 'uuid', description: 'Your registration' }) @IsUUID('all', { message: 'must be a UUID' }) fromRegistrationId: string;
  @ApiProperty({ format: 'uuid', description: "The partner's registration (the other side)" }) @IsUUID('all', { message: 'must be a UUID' }) toRegistrationId: string;

  @ApiPropertyOptional({ example: 'Chúng tôi muốn nhập vải polyester cho xưởng may / We would like to buy polyester fabric', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @ApiPropertyOptional({ enum: ['online', 'recorded'], default: 'online', description: '`recorded`: staff record a connection made off-line (accepted at once)' })
  @IsOptional()
  @IsIn(['online', 'recorded'], { message: 'must be online or recorded' })
  channel?: 'online' | 'recorded';

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'With `channel: "recorded"` only: the registration (one of the two) that asked staff to record it, kept in the log. ' +
      'After a decline, staff may record the pair only when the declining registration asked (otherwise 409 CONNECTION_DECLINED).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  requestedBy?: string;
}

export class ScanRequest {
  @ApiProperty({ format: 'uuid', description: 'Your registration' }) @IsUUID('all', { message: 'must be a UUID' }) fromRegistrationId: string;
  @ApiProperty({ example: '7K2M-Q9XW-3HTR-8BNC-V4PD', description: "The partner's badge code (its QR)" }) @IsString() @MaxLength(64) badgeCode: string;
}

export class ConnectionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }) status?: ConnectionStatus;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }) channel?: ConnectionChannel;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) roomId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Connections with this registration at either end' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  registrationId?: string;
}

export class ConnectionResponse implements ConnectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) fromRegistrationId: string;
  @ApiProperty({ format: 'uuid' }) toRegistrationId: string;
  @ApiProperty({ enum: STATUSES }) status: ConnectionStatus;
  @ApiProperty({ enum: CHANNELS }) channel: ConnectionChannel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) roomId: string | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ description: 'Recommendation score of the pair when it was made' }) score: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: string | null;
}
export class ConnectionPage {
  @ApiProperty({ type: [ConnectionResponse] }) items: ConnectionResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

class PartnerEnterpriseSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
  @ApiProperty({ example: 'CN' }) country: string;
  @ApiProperty({ example: 'CN-ZJ' }) region: string;
}

export class PartnerResponse implements PartnerView {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ example: 'CN' }) side: string;
  @ApiProperty({ format: 'uuid' }) venueId: string;
  @ApiProperty({ enum: ATTENDANCES }) attendance: Attendance;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) roomId: string | null;
  @ApiProperty({ type: PartnerEnterpriseSchema }) enterprise: PartnerEnterpriseSchema;
}

export class PartnerPage {
  @ApiProperty({ type: [PartnerResponse] }) items: PartnerResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class MoneyInput {
  @ApiProperty({
    oneOf: [
      { type: 'string', example: '1500000.50' },
      { type: 'number', example: 250000 },
    ],
    example: '1500000.50',
    description:
      'Non-negative, at most 16 digits before the point and 2 after: a decimal string, or a JSON number of at most 15 significant digits ' +
      '(larger amounts as a string, since a JSON number that long may not arrive exactly). Answered as a string with 2 decimals.',
  })
  @Transform(({ value }) => amountInput(value))
  @ValidateBy({ name: 'isAmount', validator: { validate: isAmount, defaultMessage: () => AMOUNT_MESSAGE } })
  amount: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @Matches(/^[A-Za-z]{3}$/, { message: 'must be an ISO 4217 currency code' })
  currency: string;
}

export class CreateOutcomeRequest {
  @ApiProperty({ enum: OUTCOME_KINDS }) @IsIn(OUTCOME_KINDS, { message: `must be one of ${OUTCOME_KINDS.join(', ')}` }) kind: OutcomeKind;

  @ApiPropertyOptional({ type: MoneyInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInput)
  value?: MoneyInput;

  @ApiPropertyOptional({ example: 'Ký biên bản ghi nhớ 200 tấn sầu riêng / MOU for 200 t of durian', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This records a correction of that earlier outcome (kept as history)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  correctsOutcomeId?: string;
}

class MoneySchema {
  @ApiProperty({ example: '250000.00' }) amount: string;
  @ApiProperty({ example: 'USD' }) currency: string;
}
export class OutcomeResponse implements OutcomeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ enum: OUTCOME_KINDS }) kind: OutcomeKind;
  @ApiPropertyOptional({ type: MoneySchema }) value?: MoneySchema;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedesId: string | null;
  @ApiProperty({ description: 'false once a correction replaced it' }) current: boolean;
}
export class OutcomePage {
  @ApiProperty({ type: [OutcomeResponse] }) items: OutcomeResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}
