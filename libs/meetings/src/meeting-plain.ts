import type { MeetingView } from '@tradebridge/contracts';
import type { MeetingRecord } from './meetings.repository';

/** A meeting as the API and the event log show it, before local times are added. */
export function toPlain(m: MeetingRecord): Omit<MeetingView, 'local' | 'partnerLocal'> {
  return {
    id: m.id,
    eventId: m.eventId,
    connectionId: m.connectionId,
    registrationIds: m.registrationIds,
    startsAt: new Date(m.startsAt).toISOString(),
    endsAt: new Date(m.endsAt).toISOString(),
    mode: m.mode,
    venueId: m.venueId,
    table: m.tableNo,
    link: m.link,
    status: m.status,
    attendance: [m.fromAttendance, m.toAttendance],
    statusOverridden: m.statusOverridden,
    sequence: m.sequence,
  };
}
