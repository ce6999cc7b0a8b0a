import { Accounts1763800000000 } from './1763800000000-accounts';
import { Enterprises1763800001000 } from './1763800001000-enterprises';
import { Events1763800002000 } from './1763800002000-events';
import { Registrations1763800003000 } from './1763800003000-registrations';
import { EventLog1763800004000 } from './1763800004000-event-log';
import { Matchmaking1763800005000 } from './1763800005000-matchmaking';
import { Meetings1763800006000 } from './1763800006000-meetings';
import { Outcomes1763800007000 } from './1763800007000-outcomes';
import { MatchVectors1763800008000 } from './1763800008000-match-vectors';
import { PitchQueue1763800009000 } from './1763800009000-pitch-queue';
import { ChapterBits1763800010000 } from './1763800010000-chapter-bits';
import { RegistrationChapterBits1763800011000 } from './1763800011000-registration-chapter-bits';
import { NeedPrefixCounts1763800012000 } from './1763800012000-need-prefix-counts';
import { LoginAttemptsChecked1763800013000 } from './1763800013000-login-attempts-checked';
import { OfferPrefixKeys1763800014000 } from './1763800014000-offer-prefix-keys';
import { MeetingAttendance1763800015000 } from './1763800015000-meeting-attendance';
import { EventWalkInAndFrozenSides1763800016000 } from './1763800016000-event-walk-in-and-frozen-sides';
import { RoomsFollowEventStatus1763800016500 } from './1763800016500-rooms-follow-event-status';
import { EnterpriseLanguagesFromName1763800019000 } from './1763800019000-enterprise-languages-from-name';
import { Notifications1763800020000 } from './1763800020000-notifications';
import { Mail1763800022000 } from './1763800022000-mail';
import { RemindersAndAnnouncements1763800023000 } from './1763800023000-reminders-and-announcements';
import { MailBundles1763800024000 } from './1763800024000-mail-bundles';
import { MeetingsThatHappen1763800025000 } from './1763800025000-meetings-that-happen';
import { TableCodes1763800026000 } from './1763800026000-table-codes';
import { RegistrationSearch1763800028000 } from './1763800028000-registration-search';
import { ParticipantDirectory1763800029000 } from './1763800029000-participant-directory';
import { ModeratorRooms1763800030000 } from './1763800030000-moderator-rooms';
import { Imports1763800031000 } from './1763800031000-imports';
import { ImportJobs1763800032000 } from './1763800032000-import-jobs';
import { Conversations1763800033000 } from './1763800033000-conversations';

/** Every migration, in order. A new file is reviewed, then listed here. */
export const MIGRATIONS = [
  Accounts1763800000000,
  Enterprises1763800001000,
  Events1763800002000,
  Registrations1763800003000,
  EventLog1763800004000,
  Matchmaking1763800005000,
  Meetings1763800006000,
  Outcomes1763800007000,
  MatchVectors1763800008000,
  PitchQueue1763800009000,
  ChapterBits1763800010000,
  RegistrationChapterBits1763800011000,
  NeedPrefixCounts1763800012000,
  LoginAttemptsChecked1763800013000,
  OfferPrefixKeys1763800014000,
  MeetingAttendance1763800015000,
  EventWalkInAndFrozenSides1763800016000,
  RoomsFollowEventStatus1763800016500,
  EnterpriseLanguagesFromName1763800019000,
  Notifications1763800020000,
  Mail1763800022000,
  RemindersAndAnnouncements1763800023000,
  MailBundles1763800024000,
  MeetingsThatHappen1763800025000,
  TableCodes1763800026000,
  RegistrationSearch1763800028000,
  ParticipantDirectory1763800029000,
  ModeratorRooms1763800030000,
  Imports1763800031000,
  ImportJobs1763800032000,
  Conversations1763800033000,
];
