import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SlotCountsRow } from './attendance-now';

/**
 * One pass over an event's meetings overlapping a slot, counted per place in the
 * database (the buckets are defined in attendance-now.ts). A party "shown up" is
 * the attendance rules' evidence: a party's call session or a scan inside the
 * window `opensMinutes` before the start to the end, or an `attended` record.
 */
const SLOT_COUNTS = `
  SELECT m.venue_id AS "venueId", v.name,
         count(*)::int AS meetings,
         count(*) FILTER (WHERE m.status = 'scheduled' AND shown.any)::int AS "underWay",
         count(*) FILTER (WHERE m.status = 'held')::int AS held,
         count(*) FILTER (WHERE m.status = 'no_show')::int AS missed,
         count(*) FILTER (WHERE m.status = 'scheduled' AND NOT shown.any)::int AS waiting,
         count(*) FILTER (WHERE m.status = 'cancelled')::int AS cancelled
    FROM meetings m
    LEFT JOIN venues v ON v.id = m.venue_id
    CROSS JOIN LATERAL (
      SELECT m.status = 'scheduled' AND (
               'attended' IN (COALESCE(m.from_attendance, ''), COALESCE(m.to_attendance, ''))
               OR EXISTS (SELECT 1 FROM meeting_call_sessions s
                           WHERE s.meeting_id = m.id AND s.role = 'party' AND s.joined_at <= upper(m.period)
                             AND s.seen_at >= lower(m.period) - make_interval(mins => $4::int))
               OR EXISTS (SELECT 1 FROM meeting_scans x
                           WHERE x.meeting_id = m.id AND x.at <= upper(m.period)
                             AND x.at >= lower(m.period) - make_interval(mins => $4::int))
             ) AS any
    ) AS shown
   WHERE m.event_id = $1 AND m.period && tstzrange($2::timestamptz, $3::timestamptz, '[)')
   GROUP BY m.venue_id, v.name, v.created_at
   ORDER BY m.venue_id IS NULL, v.created_at, m.venue_id`;

@Injectable()
export class AttendanceNowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The meetings of `eventId` overlapping the slot, counted per venue (online: `venueId` null, last). */
  slotCounts(eventId: string, slot: { startsAt: Date; endsAt: Date }, opensMinutes: number): Promise<SlotCountsRow[]> {
    return this.dataSource.query<SlotCountsRow[]>(SLOT_COUNTS, [eventId, slot.startsAt.toISOString(), slot.endsAt.toISOString(), Math.ceil(opensMinutes)]);
  }
}
