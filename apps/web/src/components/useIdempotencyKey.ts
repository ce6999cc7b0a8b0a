import { useRef } from 'react';

/**
 * One `Idempotency-Key` per intended create: the same body submitted again
 * (a double click, a retry after a dropped answer) carries the same key, so the
 * API makes one row; a changed body, or the next create after a success, gets a
 * new key.
 */
export function useIdempotencyKey(): { keyFor(body: unknown): string; done(): void } {
  const current = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (current.current?.body !== text) current.current = { body: text, key: newKey() };
      return current.current.key;
    },
    done(): void {
      current.current = null;
    },
  };
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
