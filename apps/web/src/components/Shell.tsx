import { ReactNode, useEffect, useRef } from 'react';
import { LOCALES, Locale } from '@tradebridge/contracts';
import { useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { Link, navigate, useLocation } from '../router';
import { NotificationBell } from './NotificationBell';

const LANGUAGE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', zh: '中文', en: 'English' };
const LANGUAGE_SHORT: Record<Locale, string> = { vi: 'VI', zh: '中文', en: 'EN' };

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code === 'zh' ? 'zh-Hans' : code}
          aria-pressed={locale === code}
          aria-label={LANGUAGE_NAMES[code]}
          title={LANGUAGE_NAMES[code]}
          onClick={() => setLocale(code)}
        >
          {LANGUAGE_SHORT[code]}
        </button>
      ))}
    </div>
  );
}

function NavLink({ to, children, exact = false }: { to: string; children: ReactNode; exact?: boolean }) {
  const { path } = useLocation();
  const current = exact ? path === to : path === to || path.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The logo and name; a link home, except where nothing may be clicked (the dashboard's kiosk). */
export function Brand({ link = true }: { link?: boolean }) {
  const mark = (
    <>
      <svg viewBox="0 0 32 32" width="30" height="30" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#0f2a44" />
        <path d="M6 21c4-8 16-8 20 0" stroke="#56c2b6" strokeWidth="3" fill="none" strokeLinecap="round" />
        <circle cx="9" cy="21" r="2.5" fill="#f2b84b" />
        <circle cx="23" cy="21" r="2.5" fill="#f2b84b" />
      </svg>
      <span>TradeBridge</span>
    </>
  );
  return link ? (
    <Link to="/" className="brand" aria-label="TradeBridge">
      {mark}
    </Link>
  ) : (
    <span className="brand">{mark}</span>
  );
}

/** The header on every page: brand, navigation by role, language, account. */
export function Shell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const { me, logout, isOrganizer, isAdmin } = useSession();
  const member = Boolean(me && me.enterprises.length > 0);
  const staff = Boolean(me && (isOrganizer || me.staffOf.length > 0));
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Brand />
          {me && (
            <nav className="main-nav" aria-label={t('nav.main')}>
              {(member || !staff) && <NavLink to="/events">{t('nav.events')}</NavLink>}
              {(member || !staff) && <NavLink to="/profile">{t('nav.profile')}</NavLink>}
              {staff && <NavLink to="/org">{t('nav.organizer')}</NavLink>}
              {isAdmin && <NavLink to="/admin/mailbox">{t('nav.mailbox')}</NavLink>}
              <NavLink to="/settings">{t('nav.settings')}</NavLink>
            </nav>
          )}
          <div className="topbar-end">
            <LanguageSwitcher />
            {me && <NotificationBell />}
            {me && (
              <div className="account">
                <span className="account-name" title={me.email}>
                  {me.displayName}
                </span>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  onClick={() => {
                    logout();
                    navigate('/login');
                  }}
                >
                  {t('nav.logout')}
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <main id="main" className={wide ? 'content content-wide' : 'content'} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** Tabs between the pages of one event (enterprise or organizer side). */
export function EventTabs({ tabs, label }: { tabs: { to: string; label: string }[]; label: string }) {
  const strip = useRef<HTMLElement>(null);
  const { path } = useLocation();
  // On a phone the strip scrolls sideways: bring the current page's tab into view.
  useEffect(() => {
    const current = strip.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && strip.current && strip.current.scrollWidth > strip.current.clientWidth) {
      const box = strip.current.getBoundingClientRect();
      const tab = current.getBoundingClientRect();
      strip.current.scrollLeft += tab.left - box.left - (box.width - tab.width) / 2;
    }
  }, [path]);
  return (
    <nav className="tabs" aria-label={label} ref={strip}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} exact>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
