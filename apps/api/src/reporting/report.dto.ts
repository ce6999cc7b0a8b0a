import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  LOCALES,
  REPORT_FORMATS,
  type ConnectionCounts,
  type Locale,
  type MeetingCounts,
  type NoShowCounts,
  type RegistrationCounts,
  type ReportFormat,
  type ReportView,
} from '@tradebridge/contracts';
import type { PublicSummary } from '@tradebridge/reporting';
import { LocalizedText } from '../common/responses';

const INT = { type: 'integer' } as const;

export class LocaleQuery {
  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

export class ReportQuery extends LocaleQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'The response content type follows: application/json, text/csv, xlsx or application/pdf' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'must be json, csv, xlsx or pdf' })
  format?: ReportFormat;
}

class ReportEvent {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'In the report’s locale' }) name: string;
  @ApiProperty({ type: LocalizedText }) names: LocalizedText;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timezone: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: 'closed' }) status: string;
  @ApiProperty({ type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2, example: ['VN', 'CN'] }) sides: [string, string];
}

class ReportTotals {
  @ApiProperty(INT) registered: number;
  @ApiProperty(INT) approved: number;
  @ApiProperty(INT) checkedIn: number;
  @ApiProperty(INT) connectionsRequested: number;
  @ApiProperty({ ...INT, description: 'Accepted connections: what the conference is judged by' }) connectionsMade: number;
  @ApiProperty(INT) connectionsDeclined: number;
  @ApiProperty(INT) connectionsExpired: number;
  @ApiProperty({ description: 'made / requested (0 with none requested)' }) acceptanceRate: number;
  @ApiProperty(INT) meetingsScheduled: number;
  @ApiProperty(INT) meetingsHeld: number;
  @ApiProperty(INT) meetingsNoShow: number;
  @ApiProperty({ ...INT, description: 'Current outcomes (corrections replace)' }) outcomes: number;
  @ApiProperty({ ...INT, description: 'Accepted connections that ended in a held meeting' }) connectionsWithHeldMeeting: number;
  @ApiProperty({ description: 'connectionsWithHeldMeeting / connectionsMade (0 with none made)' }) heldMeetingShare: number;
}

class RegistrationCountsSchema implements RegistrationCounts {
  @ApiProperty() key: string;
  @ApiProperty(INT) registered: number;
  @ApiProperty(INT) approved: number;
  @ApiProperty(INT) checkedIn: number;
}
class NamedRegistrationCounts extends RegistrationCountsSchema {
  @ApiProperty() name: string;
}
class ConnectionCountsSchema implements ConnectionCounts {
  @ApiProperty() key: string;
  @ApiProperty(INT) requested: number;
  @ApiProperty(INT) made: number;
  @ApiProperty(INT) declined: number;
  @ApiProperty(INT) expired: number;
}
class SideCounts extends RegistrationCountsSchema implements ConnectionCounts {
  @ApiProperty(INT) requested: number;
  @ApiProperty(INT) made: number;
  @ApiProperty(INT) declined: number;
  @ApiProperty(INT) expired: number;
}
class RoomCounts extends SideCounts {
  @ApiProperty() name: string;
}
class VenuePairCount {
  @ApiProperty({ format: 'uuid' }) venueA: string;
  @ApiProperty({ format: 'uuid' }) venueB: string;
  @ApiProperty({ type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 }) names: [string, string];
  @ApiProperty(INT) made: number;
}
class SectorCount {
  @ApiProperty({ example: 'II' }) section: string;
  @ApiProperty() name: string;
  @ApiProperty(INT) made: number;
}
class HsPairCount {
  @ApiProperty({ example: '08' }) chapter: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'VN' }) sellerSide: string;
  @ApiProperty({ example: 'CN' }) buyerSide: string;
  @ApiProperty(INT) made: number;
}
class KindCount {
  @ApiProperty({ example: 'mou_signed' }) kind: string;
  @ApiProperty(INT) count: number;
}
class CurrencyValue {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '250000.00', description: 'Decimal string, 2 decimals' }) amount: string;
  @ApiProperty(INT) count: number;
}
class OutcomesInMonth {
  @ApiProperty({ example: '2021-03' }) month: string;
  @ApiProperty(INT) total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { mou_signed: 2 } }) byKind: Record<string, number>;
}
class MeetingCountsSchema implements MeetingCounts {
  @ApiProperty({ example: 'online' }) key: string;
  @ApiProperty({ ...INT, description: 'Booked and not cancelled' }) scheduled: number;
  @ApiProperty(INT) held: number;
  @ApiProperty(INT) noShow: number;
  @ApiProperty(INT) cancelled: number;
}
class NamedMeetingCounts extends MeetingCountsSchema {
  @ApiProperty({ description: 'The venue’s name, or “Online” in the report’s locale' }) name: string;
}
class NoShowCountsSchema implements NoShowCounts {
  @ApiProperty({ example: 'VN' }) side: string;
  @ApiProperty({ ...INT, description: 'Meetings of this side’s parties not cancelled and over (or already decided)' }) due: number;
  @ApiProperty({ ...INT, description: 'Of those, the ones this side’s party missed' }) absent: number;
  @ApiProperty({ description: 'absent / due (0 with none due)' }) rate: number;
}
class HourCount {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty(INT) made: number;
}

export class ReportResponse implements ReportView {
  @ApiProperty({ type: ReportEvent }) event: ReportEvent;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ type: ReportTotals }) totals: ReportTotals;
  @ApiProperty({ type: [SideCounts] }) bySide: SideCounts[];
  @ApiProperty({ type: [NamedRegistrationCounts] }) byCountry: NamedRegistrationCounts[];
  @ApiProperty({ type: [NamedRegistrationCounts] }) byRegion: NamedRegistrationCounts[];
  @ApiProperty({ type: [NamedRegistrationCounts] }) byVenue: NamedRegistrationCounts[];
  @ApiProperty({ type: [RegistrationCountsSchema] }) byAttendance: RegistrationCountsSchema[];
  @ApiProperty({ type: [RoomCounts] }) byRoom: RoomCounts[];
  @ApiProperty({ type: [ConnectionCountsSchema] }) byChannel: ConnectionCountsSchema[];
  @ApiProperty({ type: [VenuePairCount], description: 'Connections made between two venues, e.g. Lào Cai ↔ Hangzhou' }) byVenuePair: VenuePairCount[];
  @ApiProperty({ type: [SectorCount], description: 'Connections made per HS section traded' }) bySector: SectorCount[];
  @ApiProperty({ type: [HsPairCount], description: 'The goods connected most: HS chapter, seller side, buyer side, connections made' }) topHsPairs: HsPairCount[];
  @ApiProperty({ type: [KindCount] }) outcomesByKind: KindCount[];
  @ApiProperty({ type: [CurrencyValue] }) valueByCurrency: CurrencyValue[];
  @ApiProperty({ type: [OutcomesInMonth], description: 'Outcomes recorded per month since the event, by kind' }) outcomesOverTime: OutcomesInMonth[];
  @ApiProperty({ type: [HourCount], description: 'Connections made per hour (UTC)' }) timeline: HourCount[];
  @ApiProperty({ type: [MeetingCountsSchema], description: 'Meetings by mode: onsite and online, both always listed' }) meetingsByMode: MeetingCountsSchema[];
  @ApiProperty({
    type: [NamedMeetingCounts],
    description: 'Meetings where they take place: on-site ones by venue id, online ones (no venue) in one row keyed `online`; only places with meetings',
  })
  meetingsByVenue: NamedMeetingCounts[];
  @ApiProperty({
    type: [NoShowCountsSchema],
    description:
      'Per side of the event: of its parties’ meetings that are due, those it missed. A no-show staff set with nobody recorded absent counts against every party not recorded as attended',
  })
  noShowBySide: NoShowCountsSchema[];
}

class PublicEvent {
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2, example: ['VN', 'CN'] }) sides: [string, string];
  @ApiProperty({ type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2, example: ['Việt Nam', 'Trung Quốc'] }) sideNames: [string, string];
}
class PublicTotals {
  @ApiProperty(INT) registered: number;
  @ApiProperty(INT) approved: number;
  @ApiProperty(INT) checkedIn: number;
  @ApiProperty(INT) connectionsMade: number;
  @ApiProperty() acceptanceRate: number;
  @ApiProperty(INT) meetingsHeld: number;
  @ApiProperty(INT) outcomes: number;
}
class PublicSide {
  @ApiProperty({ example: 'VN' }) side: string;
  @ApiProperty() name: string;
  @ApiProperty(INT) approved: number;
  @ApiProperty(INT) checkedIn: number;
}
class PublicVenue {
  @ApiProperty() name: string;
  @ApiProperty() city: string;
  @ApiProperty({ example: 'VN' }) country: string;
  @ApiProperty(INT) approved: number;
}
class PublicRoom {
  @ApiProperty({ example: 'Nông sản & thực phẩm' }) name: string;
  @ApiProperty(INT) approved: number;
  @ApiProperty(INT) connectionsMade: number;
}
class PublicValue {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '250000.00' }) amount: string;
}

export class PublicSummaryResponse implements PublicSummary {
  @ApiProperty({ type: PublicEvent }) event: PublicEvent;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ type: PublicTotals }) totals: PublicTotals;
  @ApiProperty({ type: [PublicSide] }) bySide: PublicSide[];
  @ApiProperty({ type: [PublicVenue] }) venues: PublicVenue[];
  @ApiProperty({ type: [PublicRoom], description: 'Each sector trade room: approved participants placed in it and connections made there' }) rooms: PublicRoom[];
  @ApiProperty({ type: [SectorCount] }) bySector: SectorCount[];
  @ApiProperty({ type: [KindCount] }) outcomesByKind: KindCount[];
  @ApiProperty({ type: [PublicValue] }) valueByCurrency: PublicValue[];
  @ApiProperty({ type: [HourCount] }) timeline: HourCount[];
}
