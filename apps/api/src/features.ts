import { EnterprisesModule } from '@tradebridge/enterprises';
import { EventsModule } from '@tradebridge/events';
import { RegistrationsModule } from '@tradebridge/registrations';
import { MatchmakingModule } from '@tradebridge/matchmaking';
import { ConnectionExpiry, ConnectionsModule } from '@tradebridge/connections';
import { AttendanceSweeper, MeetingsModule } from '@tradebridge/meetings';
import { ReportingModule } from '@tradebridge/reporting';
import { NotificationsModule, Notifier } from '@tradebridge/notifications';
import { ReminderSweeper, RemindersModule } from '@tradebridge/reminders';
import { AnnouncementsModule } from '@tradebridge/announcements';
import { MailModule } from '@tradebridge/mail';
import { DirectoryModule } from '@tradebridge/directory';
import { PasswordResetModule } from '@tradebridge/accounts';
import { ImportsModule } from '@tradebridge/imports';
import { PrintablesModule } from '@tradebridge/printables';
import { ConversationsModule } from '@tradebridge/conversations';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { EventsController } from './events/events.controller';
import { StaffRoomsController } from './events/staff-rooms.controller';
import { RegistrationsController } from './registrations/registrations.controller';
import { ReferenceController } from './reference/reference.controller';
import { EventLogController } from './event-log/event-log.controller';
import { RecommendationsController } from './matchmaking/recommendations.controller';
import { ConnectionsController } from './connections/connections.controller';
import { MeetingsController } from './meetings/meetings.controller';
import { AttendanceNowController } from './meetings/attendance-now.controller';
import { ReportController } from './reporting/report.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { AnnouncementsController } from './announcements/announcements.controller';
import { CalendarFeedController, MailController } from './mail/mail.controller';
import { ImportsController } from './imports/imports.controller';
import { ImportJobsController } from './imports/import-jobs.controller';
import { DirectoryController } from './directory/directory.controller';
import { PrintablesController } from './printables/printables.controller';
import { ConversationsController } from './conversations/conversations.controller';

/** The domain features the API exposes, each a lib module and its thin controllers. */
export const FEATURE_MODULES = [
  EnterprisesModule,
  EventsModule,
  RegistrationsModule,
  MatchmakingModule,
  ConnectionsModule,
  MeetingsModule,
  ReportingModule,
  NotificationsModule,
  RemindersModule,
  AnnouncementsModule,
  MailModule,
  PasswordResetModule,
  ImportsModule,
  DirectoryModule,
  PrintablesModule,
  ConversationsModule,
];
export const FEATURE_CONTROLLERS = [
  ReferenceController,
  EnterprisesController,
  EventsController,
  StaffRoomsController,
  RegistrationsController,
  EventLogController,
  RecommendationsController,
  ConnectionsController,
  MeetingsController,
  AttendanceNowController,
  ReportController,
  NotificationsController,
  AnnouncementsController,
  MailController,
  CalendarFeedController,
  ImportsController,
  ImportJobsController,
  DirectoryController,
  PrintablesController,
  ConversationsController,
];

/** Background work of API processes only (gateways share the feature modules but not this). */
export const FEATURE_PROVIDERS = [ConnectionExpiry, Notifier, ReminderSweeper, AttendanceSweeper];
