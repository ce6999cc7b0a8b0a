import { useEffect, useState } from 'react';
import type { Locale } from '@tradebridge/contracts';
import { reference } from './endpoints';

/** HS names by locale and code, fetched once per page load from the reference API. */
const cache = new Map<string, Promise<string | null>>();

export function hsName(code: string, locale: Locale): Promise<string | null> {
  const key = `${locale}:${code}`;
  let found = cache.get(key);
  if (!found) {
    found = reference
      .hs({ q: code, locale, limit: 5 })
      .then((page) => page.items.find((item) => item.code === code)?.name ?? null)
      .catch(() => {
        cache.delete(key);
        return null;
      });
    cache.set(key, found);
  }
  return found;
}

/** The names of some HS codes in a locale (missing ones stay absent until they arrive). */
export function useHsNames(codes: string[], locale: Locale): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let live = true;
    const list = key ? key.split(',') : [];
    // hsName never rejects (a failed lookup is null), so nothing is lost by not awaiting.
    void Promise.all(list.map(async (code) => [code, await hsName(code, locale)] as const)).then((pairs) => {
      if (!live) return;
      const next: Record<string, string> = {};
      for (const [code, name] of pairs) if (name) next[code] = name;
      setNames(next);
    });
    return () => {
      live = false;
    };
  }, [key, locale]);
  return names;
}
