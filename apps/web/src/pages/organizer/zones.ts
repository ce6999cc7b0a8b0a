/** Time zones offered first: the region's venues (every IANA zone is accepted by the API). */
export const COMMON_ZONES = [
  'Asia/Ho_Chi_Minh',
  'Asia/Shanghai',
  'Asia/Vientiane',
  'Asia/Bangkok',
  'Asia/Phnom_Penh',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Jakarta',
  'Asia/Manila',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Europe/Berlin',
  'Europe/London',
  'UTC',
];

export function allZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...COMMON_ZONES, ...supported.filter((z) => !COMMON_ZONES.includes(z))];
}
