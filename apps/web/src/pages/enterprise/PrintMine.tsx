import { printables } from '../../api/endpoints';
import { useSession } from '../../auth/AuthProvider';
import { DownloadStatus, useFileDownload } from '../../components/useFileDownload';
import { useI18n } from '../../i18n/I18nProvider';
import type { MyEvent } from './useMyEvent';

/**
 * The enterprise's own printables: its badge (A6, to print at home or the venue's desk)
 * or its meeting schedule, in the page's language and the member's time zone.
 */
export function PrintMine({ my, what }: { my: MyEvent; what: 'badge' | 'schedule' }) {
  const { t, locale } = useI18n();
  const download = useFileDownload();
  const { me } = useSession();
  const mine = my.registration;
  if (!mine || mine.status !== 'approved') return null;
  const label = what === 'badge' ? t('print.myBadge') : t('print.mySchedule');
  const fetch =
    what === 'badge'
      ? (p: Parameters<typeof printables.badges>[2]) => printables.badges(my.event.id, { layout: 'a6', locale, registrationId: mine.id }, p)
      : (p: Parameters<typeof printables.schedules>[2]) => printables.schedules(my.event.id, { locale, timezone: me?.timezone ?? my.timezone, registrationId: mine.id }, p);
  return (
    <div className="stack no-print print-mine">
      <div className="button-row">
        <button type="button" className="btn btn-secondary btn-small" disabled={download.busy !== null} onClick={download.start(label, fetch)}>
          {label}
        </button>
      </div>
      <DownloadStatus download={download} />
    </div>
  );
}
