import { MouseEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useNotifications } from '../live/useNotifications';
import { navigate } from '../router';
import { asyncHandler } from './async-handler';

/** The bell in the Shell: the unread count, and the newest notifications (each opens its page and is marked read). */
export function NotificationBell() {
  const { t, date } = useI18n();
  const { items, unread, markRead, markAllRead } = useNotifications(true);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: globalThis.MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="btn btn-ghost btn-small bell-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={t('notifications.open', { count: unread })}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm0 18a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 21z" fill="currentColor" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="region" aria-label={t('notifications.title')}>
          <div className="bell-head">
            <strong>{t('notifications.title')}</strong>
            {unread > 0 && (
              <button type="button" className="btn btn-ghost btn-small" onClick={asyncHandler(markAllRead)}>
                {t('notifications.markAll')}
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'bell-item' : 'bell-item unread'}>
                  <a
                    href={n.link}
                    data-kind={n.kind}
                    onClick={asyncHandler(async (e: MouseEvent<HTMLAnchorElement>) => {
                      e.preventDefault();
                      setOpen(false);
                      navigate(n.link);
                      await markRead(n.id);
                    })}
                  >
                    <span className="bell-title">{n.title}</span>
                    <span className="bell-body">{n.body}</span>
                    <span className="bell-time">{date(n.createdAt, Intl.DateTimeFormat().resolvedOptions().timeZone, 'datetime', false)}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
