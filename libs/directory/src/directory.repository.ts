import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Attendance, CertificationKind, Contact, DirectoryEntryView } from '@tradebridge/contracts';
import { fold } from '@tradebridge/reference';

export interface DirectoryFilter {
  /** The sides shown (already narrowed to what the viewer may see). */
  sides: string[];
  /** The viewer's own registration: never listed, and whose favourites are marked. */
  viewerRegistrationId: string | null;
  q?: string;
  sector?: { section?: string; chapters: string[] };
  /** HS code prefix of an offered or needed product. */
  hs?: string;
  country?: string;
  region?: string;
  venueId?: string;
  attendance?: Attendance;
  language?: string;
  certification?: CertificationKind;
  /** At least this many OCOP stars. */
  ocopStars?: number;
  favourites?: boolean;
  /** One registration (the profile page). */
  registrationId?: string;
  limit: number;
  offset: number;
}

/** A row as read; `contact` is the private one, dropped by the service unless the viewer may see it. */
export type EntryRow = Omit<DirectoryEntryView, 'favourite' | 'enterprise'> & {
  favourite: boolean;
  contact: Contact | null;
  enterprise: Omit<DirectoryEntryView['enterprise'], 'website' | 'size' | 'contact'> & { website: string | null; size: DirectoryEntryView['enterprise']['size'] | null };
};

/** The approved registrations of an event with their enterprises' public profiles; always scoped by event id. */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ownSide(eventId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ own_side: boolean }[]>(`SELECT own_side FROM directory_settings WHERE event_id = $1`, [eventId]);
    return rows[0]?.own_side ?? false;
  }

  async setOwnSide(eventId: string, ownSide: boolean, userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO directory_settings (event_id, own_side, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT directory_settings_pkey DO UPDATE SET own_side = EXCLUDED.own_side, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [eventId, ownSide, userId],
    );
  }

  /** Idempotent: saving a favourite twice keeps one row (directory_favourites_pkey). */
  async addFavourite(eventId: string, registrationId: string, favouriteRegistrationId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO directory_favourites (event_id, registration_id, favourite_registration_id) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT directory_favourites_pkey DO NOTHING`,
      [eventId, registrationId, favouriteRegistrationId],
    );
  }

  async removeFavourite(eventId: string, registrationId: string, favouriteRegistrationId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM directory_favourites WHERE event_id = $1 AND registration_id = $2 AND favourite_registration_id = $3`, [
      eventId,
      registrationId,
      favouriteRegistrationId,
    ]);
  }

  /**
   * One page and the total. The page's ids are chosen first over narrow rows (registration and
   * enterprise only, the total as a window count in the same pass), and the wide rows and their
   * JSON are built for those ids alone; a page past the end has no row to carry the total, so
   * only then is it counted on its own. docs/benchmarks.md ("Directory search") has the plans.
   */
  async list(eventId: string, filter: DirectoryFilter): Promise<{ items: EntryRow[]; total: number }> {
    // `bpchar[]`, not `text[]`: `side` is char(2), and a cast to text hides its statistics (estimates of 1%, nested loops).
    const params: unknown[] = [eventId, filter.sides, filter.viewerRegistrationId];
    const where = [`r.event_id = $1`, `r.status = 'approved'`, `r.side = ANY($2::bpchar[])`, `r.id IS DISTINCT FROM $3::uuid`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.registrationId) add('r.id = ?', filter.registrationId);
    if (filter.q) {
      // Every word in the folded names (enterprises.search_text, trigram-indexed), as the registrations search does.
      const words = fold(filter.q).split(/\s+/).filter(Boolean).slice(0, 8);
      for (const word of words) add(`e.search_text LIKE ?`, `%${escapeLike(word)}%`);
    }
    // Products as `e.id IN (…)`, not a correlated `EXISTS`: one hashed subplan instead of a probe per enterprise.
    if (filter.sector) {
      const { section, chapters } = filter.sector;
      params.push([...(section ? [section] : []), ...chapters], chapters);
      where.push(`(e.sectors && $${params.length - 1}::text[] OR e.id IN (SELECT p.enterprise_id FROM enterprise_products p WHERE left(p.hs_code, 2) = ANY($${params.length}::text[])))`);
    }
    if (filter.hs) add(`e.id IN (SELECT p.enterprise_id FROM enterprise_products p WHERE p.hs_code LIKE ?)`, `${filter.hs}%`);
    if (filter.country) add('e.country = ?', filter.country);
    if (filter.region) add('e.region = ?', filter.region);
    if (filter.venueId) add('r.venue_id = ?', filter.venueId);
    if (filter.attendance) add('r.attendance = ?', filter.attendance);
    if (filter.language) add('? = ANY(e.languages)', filter.language);
    if (filter.certification) add('? = ANY(e.certification_kinds)', filter.certification);
    if (filter.ocopStars) add('e.ocop_stars >= ?', filter.ocopStars);
    if (filter.favourites) where.push(`EXISTS (SELECT 1 FROM directory_favourites f WHERE f.registration_id = $3::uuid AND f.favourite_registration_id = r.id)`);
    // Every filter reads registrations and enterprises only (venue_id is NOT NULL with a foreign key, so the venue join drops nothing).
    const matching = `registrations r JOIN enterprises e ON e.id = r.enterprise_id WHERE ${where.join(' AND ')}`;
    const products = (direction: 'offer' | 'need') =>
      `coalesce((SELECT json_agg(json_build_object('hsCode', p.hs_code, 'description', p.description) ORDER BY p.position)
                  FROM enterprise_products p WHERE p.enterprise_id = e.id AND p.direction = '${direction}'), '[]'::json)`;
    const rows = await this.dataSource.query<(EntryRow & { total: number })[]>(
      `WITH page AS (
         SELECT r.id, e.search_text, count(*) OVER () AS total
           FROM ${matching}
          ORDER BY e.search_text, r.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}
       )
       SELECT page.total::int AS total,
              r.id AS "registrationId", r.side, r.attendance, (f.registration_id IS NOT NULL) AS favourite, e.contact,
              json_build_object('id', v.id, 'name', v.name, 'city', v.city) AS venue,
              json_build_object('id', e.id, 'name', e.name, 'country', e.country, 'region', e.region, 'sectors', e.sectors,
                                'offers', ${products('offer')}, 'needs', ${products('need')},
                                'certifications', e.certifications, 'languages', e.languages, 'website', e.website,
                                'size', e.size, 'description', e.description) AS enterprise
         FROM page
         JOIN registrations r ON r.id = page.id
         JOIN enterprises e ON e.id = r.enterprise_id
         JOIN venues v ON v.id = r.venue_id
         LEFT JOIN directory_favourites f ON f.registration_id = $3::uuid AND f.favourite_registration_id = r.id
        ORDER BY page.search_text, r.id`,
      [...params, filter.limit, filter.offset],
    );
    const items = rows.map(({ total: _, ...item }) => item);
    if (rows.length) return { items, total: rows[0].total };
    if (!filter.offset && filter.limit > 0) return { items, total: 0 };
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM ${matching}`, params);
    return { items, total };
  }
}

/** A LIKE pattern that matches `text` literally (`%`, `_` and `\` typed by a user are not wildcards). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
