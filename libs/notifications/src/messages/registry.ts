import type { NotificationKind } from '@tradebridge/contracts';
import type { MessageTemplate } from './template';
import { announcement } from './announcement';
import { connectionAccepted } from './connection-accepted';
import { connectionDeclined } from './connection-declined';
import { connectionExpired } from './connection-expired';
import { connectionExpiring } from './connection-expiring';
import { connectionRequested } from './connection-requested';
import { connectionWithdrawn } from './connection-withdrawn';
import { meetingBooked } from './meeting-booked';
import { meetingCancelled } from './meeting-cancelled';
import { meetingMoved } from './meeting-moved';
import { meetingNoShow } from './meeting-no-show';
import { meetingRescheduleProposed } from './meeting-reschedule-proposed';
import { meetingReminder } from './meeting-reminder';
import { messageReceived } from './message-received';
import { outcomeRecorded } from './outcome-recorded';
import { registrationApproved } from './registration-approved';
import { registrationRejected } from './registration-rejected';
import { registrationRoomAssigned } from './registration-room-assigned';

/** Every kind's wording; the Record type makes a kind without a template a compile error. */
export const MESSAGES: Record<NotificationKind, MessageTemplate> = {
  'connection.requested': connectionRequested,
  'connection.accepted': connectionAccepted,
  'connection.declined': connectionDeclined,
  'connection.withdrawn': connectionWithdrawn,
  'connection.expired': connectionExpired,
  'connection.expiring': connectionExpiring,
  'meeting.booked': meetingBooked,
  'meeting.moved': meetingMoved,
  'meeting.cancelled': meetingCancelled,
  'meeting.reminder': meetingReminder,
  'meeting.no_show': meetingNoShow,
  'meeting.reschedule_proposed': meetingRescheduleProposed,
  'registration.approved': registrationApproved,
  'registration.rejected': registrationRejected,
  'registration.room_assigned': registrationRoomAssigned,
  'outcome.recorded': outcomeRecorded,
  announcement,
  'message.received': messageReceived,
};
