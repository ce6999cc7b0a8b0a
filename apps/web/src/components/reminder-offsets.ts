/**
 * The event form's reminder offsets as organizers type them ("1440, 15"):
 * parsed into what the API takes, or null when the API would refuse it (up to
 * 5 distinct whole minutes from 1 to 10080), and shown back as durations.
 */
import type { EventInput } from '../api/endpoints';

/** What the API takes: at most 5 offsets (the document says maxItems, so the generated type is a tuple). */
export type ReminderOffsets = NonNullable<EventInput['reminderMinutes']>;

export function parseOffsets(text: string): ReminderOffsets | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^\d+$/.test(p))) return null;
  const minutes = parts.map(Number);
  if (minutes.length > 5 || minutes.some((m) => m < 1 || m > 10080) || new Set(minutes).size !== minutes.length) return null;
  return minutes.sort((a, b) => b - a) as ReminderOffsets;
}

export function offsetsText(minutes: readonly number[]): string {
  return minutes.join(', ');
}

/** 1440 → "1 d", 90 → "1 h 30 min", 15 → "15 min" (units every language here reads). */
export function offsetLabel(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}
