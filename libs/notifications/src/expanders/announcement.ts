import type { Expander } from './expander';

/**
 * The hook for `announcement.sent`: the `remind` branch defines that entry
 * and replaces this file with its expansion (its audience and wording).
 * Until then an announcement tells no one through the notifier.
 */
export const announcementSent: Expander = () => [];
