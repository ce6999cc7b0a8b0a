import type { MeetingAttendance, MeetingStatus } from '@tradebridge/contracts';

/**
 * The status a meeting's two attendance records give: both attended → held;
 * either absent → no_show; otherwise still scheduled. The same rule is the
 * database's meetings_status_follows_attendance_check.
 */
export function statusFromAttendance(from: MeetingAttendance | null, to: MeetingAttendance | null): MeetingStatus {
  if (from === 'absent' || to === 'absent') return 'no_show';
  return from === 'attended' && to === 'attended' ? 'held' : 'scheduled';
}
