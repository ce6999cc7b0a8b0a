import { useCallback, useState } from 'react';
import type { Localized } from '@tradebridge/contracts';
import { useSession } from '../../auth/AuthProvider';

const KEY = 'tradebridge.enterprise';

/** The enterprise the user acts for (the first one unless another was picked). */
export function useMyEnterprise(): { enterprise: { id: string; name: Localized } | null; all: { id: string; name: Localized }[]; choose(id: string): void } {
  const { me } = useSession();
  const [chosen, setChosen] = useState<string | null>(() => {
    try {
      return window.localStorage.getItem(KEY);
    } catch {
      return null;
    }
  });
  const all = me?.enterprises ?? [];
  const enterprise = all.find((e) => e.id === chosen) ?? all[0] ?? null;
  const choose = useCallback((id: string) => {
    setChosen(id);
    try {
      window.localStorage.setItem(KEY, id);
    } catch {
      // kept for this page only
    }
  }, []);
  return { enterprise, all, choose };
}
