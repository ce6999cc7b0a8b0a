import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MeView } from '@tradebridge/contracts';
import { ApiError, configureClient } from '../api/client';
import { auth } from '../api/endpoints';
import { useI18n } from '../i18n/I18nProvider';

const TOKEN_KEY = 'tradebridge.token';

export interface Session {
  token: string | null;
  me: MeView | null;
  /** True until the saved token has been checked. */
  loading: boolean;
  login(email: string, password: string): Promise<MeView>;
  logout(): void;
  refresh(): Promise<void>;
  /** Platform organizers and admins set up events; event staff run them. */
  isOrganizer: boolean;
  /** Platform admins also read the built-in mailbox. */
  isAdmin: boolean;
  isStaffOf(eventId: string): boolean;
}

const AuthContext = createContext<Session | null>(null);

function savedToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function saveToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the session lasts for this tab
  }
}

/** Holds the bearer token (localStorage) and the signed-in user. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(savedToken);
  const [me, setMe] = useState<MeView | null>(null);
  const [loading, setLoading] = useState<boolean>(() => savedToken() !== null);
  const { setLocale } = useI18n();

  const logout = useCallback(() => {
    saveToken(null);
    setToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    configureClient({ token: () => savedToken(), unauthorized: logout });
  }, [logout]);

  const refresh = useCallback(async () => {
    if (!savedToken()) return;
    setMe(await auth.me());
  }, []);

  useEffect(() => {
    if (!token) {
      setLoading(false);
      return;
    }
    let live = true;
    // Only a 401 ends the session; a slow or failed answer (a busy server, a network blip) is
    // retried with backoff, so a reload under load does not throw the user back to the login page.
    void (async () => {
      for (let attempt = 0; live; attempt++) {
        try {
          const user = await auth.me();
          if (live) setMe(user);
          break;
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) {
            if (live) logout();
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
        }
      }
      if (live) setLoading(false);
    })();
    return () => {
      live = false;
    };
  }, [token, logout]);

  const login = useCallback(
    async (email: string, password: string) => {
      const answer = await auth.login({ email, password });
      saveToken(answer.accessToken);
      const user = await auth.me();
      // Signing in on a new browser speaks the account's language; the header's buttons still switch this browser.
      setLocale(user.locale);
      setMe(user);
      setToken(answer.accessToken);
      return user;
    },
    [setLocale],
  );

  const value = useMemo<Session>(() => {
    const isOrganizer = Boolean(me && (me.roles.includes('organizer') || me.roles.includes('admin')));
    return {
      token,
      me,
      loading,
      login,
      logout,
      refresh,
      isOrganizer,
      isAdmin: Boolean(me && me.roles.includes('admin')),
      isStaffOf: (eventId: string) => Boolean(me && (me.roles.includes('admin') || me.staffOf.some((s) => s.eventId === eventId))),
    };
  }, [token, me, loading, login, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useSession outside AuthProvider');
  return value;
}
