import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { AttendanceNowView, SlotAttendanceCounts } from '@tradebridge/contracts';

/** The buckets split the place's meetings: underWay + held + missed + waiting + cancelled = meetings. */
export class SlotAttendanceCountsResponse implements SlotAttendanceCounts {
  @ApiProperty({ example: 'online', description: "The venue's id for on-site meetings, `online` for the online meetings' row (they have no venue), `all` for the totals" })
  key: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The venue; null for the online row and the totals' }) venueId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Điểm cầu chính Lào Cai', description: "The venue's name; null for the online row and the totals" }) name: string | null;
  @ApiProperty({ type: 'integer', description: 'Meetings whose time overlaps the slot, whatever their status (cancelled ones included)' }) meetings: number;
  @ApiProperty({
    type: 'integer',
    description:
      "Still `scheduled` (not decided held or no_show), and at least one party has shown up: a party's session in the video call or a scan at the table, from when the call opens (max(MEETING_NO_SHOW_MINUTES, 10) minutes before the start) to the end, or a party's (or staff's) `attended` record",
  })
  underWay: number;
  @ApiProperty({ type: 'integer', description: 'Status `held`: both parties attended (from the evidence, their records, or staff)' }) held: number;
  @ApiProperty({ type: 'integer', description: 'Status `no_show`: a party was recorded absent, or staff set it' }) missed: number;
  @ApiProperty({ type: 'integer', description: 'Still `scheduled`, and no sign of either party yet (no call session, no scan, no `attended` record)' }) waiting: number;
  @ApiProperty({ type: 'integer', description: 'Status `cancelled`' }) cancelled: number;
}

/** Inline rather than a $ref: a nullable $ref has no type of its own for client generators (OpenAPI 3.0). */
const CURRENT_SLOT: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  required: ['index', 'startsAt', 'endsAt', 'state'],
  selfRequired: true,
  properties: {
    index: { type: 'integer', description: "The slot's place in the event's grid (0 = the first)" },
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time' },
    state: {
      type: 'string',
      enum: ['in_progress', 'upcoming'],
      description: '`in_progress`: now is inside the slot (start inclusive, end exclusive); `upcoming`: between slots or before the first, the next one',
    },
  },
};

interface CurrentSlot {
  index: number;
  startsAt: string;
  endsAt: string;
  state: 'in_progress' | 'upcoming';
}

export class AttendanceNowResponse implements AttendanceNowView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'date-time', description: "The app's clock when the meetings were counted" }) now: string;
  @ApiProperty({ ...CURRENT_SLOT, description: "The slot of the event's grid containing now, else the next one; null once every slot is over (then no rows)" })
  slot: CurrentSlot | null;
  @ApiProperty({ type: [SlotAttendanceCountsResponse], description: "Venues with meetings in the slot, in the event's venue order, then the `online` row when there are online meetings" })
  venues: SlotAttendanceCountsResponse[];
  @ApiProperty({ type: SlotAttendanceCountsResponse, description: 'The rows added up (key `all`)' }) totals: SlotAttendanceCountsResponse;
}
