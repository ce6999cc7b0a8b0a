import { ReactNode } from 'react';
import { AuthProvider, useSession } from './auth/AuthProvider';
import { Shell } from './components/Shell';
import { EmptyState, Loading } from './components/ui';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { LoginPage, SignupPage } from './pages/Auth';
import { MeetPage } from './pages/MeetPage';
import { SettingsPage } from './pages/SettingsPage';
import { MailboxPage } from './pages/admin/MailboxPage';
import { ForgotPasswordPage, ResetPasswordPage, UnsubscribePage } from './pages/PasswordReset';
import { BadgePage } from './pages/enterprise/BadgePage';
import { ConnectionsPage } from './pages/enterprise/ConnectionsPage';
import { DirectoryPage } from './pages/enterprise/DirectoryPage';
import { EnterpriseProfilePage } from './pages/enterprise/EnterpriseProfilePage';
import { EventsPage } from './pages/enterprise/EventsPage';
import { LiveRoomPage } from './pages/enterprise/LiveRoomPage';
import { MeetingsPage } from './pages/enterprise/MeetingsPage';
import { ProfilePage } from './pages/enterprise/ProfilePage';
import { DashboardPage } from './pages/organizer/DashboardPage';
import { OrgEventsPage } from './pages/organizer/OrgEventsPage';
import { RegistrationsPage } from './pages/organizer/RegistrationsPage';
import { CheckInDeskPage } from './pages/organizer/CheckInDeskPage';
import { RoomAssignmentPage } from './pages/organizer/RoomAssignmentPage';
import { AnnouncementsPage } from './pages/organizer/AnnouncementsPage';
import { ReportPage } from './pages/organizer/ReportPage';
import { PrintPage } from './pages/organizer/PrintPage';
import { ImportPage } from './pages/organizer/ImportPage';
import { SchedulePage } from './pages/organizer/SchedulePage';
import { SetupPage } from './pages/organizer/SetupPage';
import { TableSignsPage } from './pages/organizer/TableSignsPage';
import { ResultsPage } from './pages/public/ResultsPage';
import { Link, match, Redirect, useLocation } from './router';

type Page = (params: Record<string, string>) => ReactNode;

/** Routes that need a signed-in user; `/login` and `/signup` are public. */
const ROUTES: [string, Page][] = [
  ['/events', () => <EventsPage />],
  ['/profile', () => <ProfilePage />],
  ['/settings', () => <SettingsPage />],
  ['/admin/mailbox', () => <MailboxPage />],
  ['/admin/mailbox/:id', (p) => <MailboxPage messageId={p.id} />],
  ['/events/:eventId/live', (p) => <LiveRoomPage eventId={p.eventId} />],
  ['/events/:eventId/connections', (p) => <ConnectionsPage eventId={p.eventId} />],
  ['/events/:eventId/meetings', (p) => <MeetingsPage eventId={p.eventId} />],
  ['/events/:eventId/badge', (p) => <BadgePage eventId={p.eventId} />],
  ['/events/:eventId/directory', (p) => <DirectoryPage eventId={p.eventId} />],
  ['/events/:eventId/enterprises/:registrationId', (p) => <EnterpriseProfilePage eventId={p.eventId} registrationId={p.registrationId} />],
  ['/meet/:meetingId', (p) => <MeetPage meetingId={p.meetingId} />],
  ['/org', () => <OrgEventsPage />],
  ['/org/events/:eventId', (p) => <Redirect to={`/org/events/${p.eventId}/setup`} />],
  ['/org/events/:eventId/setup', (p) => <SetupPage eventId={p.eventId} />],
  ['/org/events/:eventId/venues/:venueId/tables', (p) => <TableSignsPage eventId={p.eventId} venueId={p.venueId} />],
  ['/org/events/:eventId/registrations', (p) => <RegistrationsPage eventId={p.eventId} />],
  ['/org/events/:eventId/rooms-assignment', (p) => <RoomAssignmentPage eventId={p.eventId} />],
  ['/org/events/:eventId/check-in', (p) => <CheckInDeskPage eventId={p.eventId} />],
  ['/org/events/:eventId/dashboard', (p) => <DashboardPage eventId={p.eventId} />],
  ['/org/events/:eventId/schedule', (p) => <SchedulePage eventId={p.eventId} />],
  ['/org/events/:eventId/report', (p) => <ReportPage eventId={p.eventId} />],
  ['/org/events/:eventId/print', (p) => <PrintPage eventId={p.eventId} />],
  ['/org/events/:eventId/import', (p) => <ImportPage eventId={p.eventId} />],
  ['/org/events/:eventId/announcements', (p) => <AnnouncementsPage eventId={p.eventId} />],
];

function NotFound() {
  const { t } = useI18n();
  return (
    <Shell>
      <EmptyState title={t('notFound.title')}>
        <Link to="/">{t('notFound.home')}</Link>
      </EmptyState>
    </Shell>
  );
}

function Routes() {
  const { path, href } = useLocation();
  const { me, loading, isOrganizer } = useSession();
  if (path === '/login') return me ? <Redirect to="/" /> : <LoginPage />;
  if (path === '/signup') return me ? <Redirect to="/" /> : <SignupPage />;
  // Reached from e-mails, signed in or not.
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/unsubscribe') return <UnsubscribePage />;
  // Public: the results of a closed event, for the press, with no account.
  const results = match('/results/:eventId', path);
  if (results) return <ResultsPage eventId={results.eventId} />;
  if (loading) return <Loading />;
  if (!me) return <Redirect to={path === '/' ? '/login' : `/login?next=${encodeURIComponent(href)}`} />;
  if (path === '/') return <Redirect to={(isOrganizer || me.staffOf.length > 0) && me.enterprises.length === 0 ? '/org' : '/events'} />;
  for (const [pattern, page] of ROUTES) {
    const params = match(pattern, path);
    if (params) return <>{page(params)}</>;
  }
  return <NotFound />;
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Routes />
      </AuthProvider>
    </I18nProvider>
  );
}
