import type { Expander } from './expander';
import { announcementSent } from './announcement';
import { connectionAccepted, connectionDeclined, connectionExpired, connectionRequested, connectionWithdrawn, messageSent } from './connections';
import { meetingRescheduleProposed, meetingScheduled, meetingUpdated } from './meetings';
import { outcomeRecorded } from './outcomes';
import { registrationApproved, registrationRejected, registrationRoomAssigned, registrationsRoomsAssigned } from './registrations';

export * from './expander';

/**
 * Which log entries concern whom: log type → its expansion. Other types notify no one,
 * but `meetings.scheduled` (a scheduler run), which the database expands (Notifier, NotificationWriter.writeScheduled).
 */
export const EXPANDERS: Record<string, Expander> = {
  'connection.requested': connectionRequested,
  'connection.accepted': connectionAccepted,
  'connection.declined': connectionDeclined,
  'connection.withdrawn': connectionWithdrawn,
  'connection.expired': connectionExpired,
  'meeting.scheduled': meetingScheduled,
  'meeting.updated': meetingUpdated,
  'meeting.reschedule_proposed': meetingRescheduleProposed,
  'registration.approved': registrationApproved,
  'registration.rejected': registrationRejected,
  'registration.room_assigned': registrationRoomAssigned,
  'registrations.rooms_assigned': registrationsRoomsAssigned,
  'outcome.recorded': outcomeRecorded,
  'announcement.sent': announcementSent,
  'message.sent': messageSent,
};
