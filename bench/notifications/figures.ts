/** Pure helpers of the notifications benchmark (unit-tested in ./figures.spec.ts). */

/** The Message-ID of a message's header block (folded headers allowed), without its angle brackets; null when it has none. */
export function messageIdOf(head: string): string | null {
  const end = head.indexOf('\r\n\r\n');
  const headers = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:\s*<?([^>\r\n]+?)>?\s*$/im.exec(headers);
  return match ? match[1].trim() : null;
}

/**
 * The URL of another database on the same PostgreSQL server (the same
 * credentials, host and options), so both sides of a comparison run against
 * the same server on the same machine.
 */
export function siblingDatabaseUrl(url: string, database: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** measured / baseline, rounded to 3 digits (NaN when the baseline is 0). */
export function ratioOf(measured: number, baseline: number): number {
  return baseline > 0 ? Math.round((measured / baseline) * 1000) / 1000 : NaN;
}

/** `PASS` or `FAIL` for a figure against its goal (`atMost` or `atLeast`); a figure that is not a number fails. */
export function verdict(value: number, goal: { atMost?: number; atLeast?: number }): 'PASS' | 'FAIL' {
  if (!Number.isFinite(value)) return 'FAIL';
  if (goal.atMost !== undefined && value > goal.atMost) return 'FAIL';
  if (goal.atLeast !== undefined && value < goal.atLeast) return 'FAIL';
  return 'PASS';
}

/**
 * The order of the two sides' turns over `rounds` (off, on, on, off, …), each
 * turn on a database of its own: which side runs on the i-th database.
 */
export function schedulerTurns(rounds: number): ('off' | 'on')[] {
  return Array.from({ length: Math.max(1, rounds) }, (_, i): ('off' | 'on')[] => (i % 2 === 0 ? ['off', 'on'] : ['on', 'off'])).flat();
}

/** The connection a `notification` is about: from its data, else from its link. */
export function connectionOf(notification: { link?: string; data?: Record<string, unknown> }): string | undefined {
  const data = notification.data ?? {};
  const nested = data.connection as { id?: unknown } | undefined;
  const id = data.connectionId ?? nested?.id;
  if (typeof id === 'string') return id;
  return /connections\/([0-9a-f-]{36})/i.exec(notification.link ?? '')?.[1];
}

/** The mean of `f` over the turns of one side, rounded to `digits`. */
export function sideMean<T>(turns: T[], ofSide: (turn: T) => boolean, f: (turn: T) => number, digits: number): number {
  const list = turns.filter(ofSide).map(f);
  const scale = 10 ** digits;
  return Math.round((list.reduce((a, b) => a + b, 0) / list.length) * scale) / scale;
}
