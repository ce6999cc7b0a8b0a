import type { Expander } from './expander';

/**
 * `announcement.sent`: every approved registration in the audience (resolved
 * when it was sent, in `registrationIds`) is told. The text goes in as
 * written, in every language the organizers used; the template shows each
 * reader theirs, else en, vi, zh (format.ts `pick`).
 */
export const announcementSent: Expander = (entry) => {
  const announcement = entry.data.announcement as { id?: string; text?: Record<string, string> } | undefined;
  if (!announcement?.id || !announcement.text) return [];
  return entry.registrationIds.map((to) => ({
    to,
    kind: 'announcement' as const,
    key: '',
    link: `/events/${entry.eventId}/live`,
    facts: { announcementId: announcement.id, body: announcement.text },
  }));
};
