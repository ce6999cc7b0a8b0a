/** IANA time zones known to this Node runtime (ICU), e.g. Asia/Ho_Chi_Minh, Asia/Shanghai. */
const ZONES = new Set<string>(Intl.supportedValuesOf('timeZone'));
// Canonical aliases ICU accepts but does not list.
for (const alias of ['UTC', 'Etc/UTC', 'Asia/Saigon']) ZONES.add(alias);

export function isIanaTimeZone(zone: string): boolean {
  if (ZONES.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/');
  } catch {
    return false;
  }
}
