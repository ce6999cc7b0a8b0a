import type { LocalTime } from '@tradebridge/contracts';

/**
 * An instant as local wall-clock time with its UTC offset, e.g.
 * 2021-01-19T09:00:00+07:00 in Asia/Ho_Chi_Minh (Lào Cai) and
 * 2021-01-19T10:00:00+08:00 in Asia/Shanghai (Hangzhou).
 */
export function toLocalIso(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

export function localTime(startsAt: Date, endsAt: Date, timezone: string): LocalTime {
  return { timezone, startsAt: toLocalIso(startsAt, timezone), endsAt: toLocalIso(endsAt, timezone) };
}
