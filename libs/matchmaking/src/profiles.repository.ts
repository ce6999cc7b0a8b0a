import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MatchProfile } from './score';

export interface ProfileRow extends MatchProfile {
  enterpriseId: string;
}

/** What matchmaking knows of registrations: their enterprise's goods, certifications, languages, room and venue. */
@Injectable()
export class ProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(eventId: string, registrationIds: string[], tx: EntityManager = this.dataSource.manager): Promise<Map<string, ProfileRow>> {
    if (!registrationIds.length) return new Map();
    const rows = await tx.query<ProfileRow[]>(
      `SELECT r.id AS "registrationId", r.enterprise_id AS "enterpriseId", r.side, r.room_id AS "roomId", r.venue_id AS "venueId",
              r.attendance, e.certifications, e.languages,
              coalesce(array_agg(p.hs_code ORDER BY p.position) FILTER (WHERE p.direction = 'offer'), '{}') AS offers,
              coalesce(array_agg(p.hs_code ORDER BY p.position) FILTER (WHERE p.direction = 'need'), '{}') AS needs
         FROM registrations r
         JOIN enterprises e ON e.id = r.enterprise_id
         LEFT JOIN enterprise_products p ON p.enterprise_id = e.id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[])
        GROUP BY r.id, e.id`,
      [eventId, registrationIds],
    );
    return new Map(rows.map((r) => [r.registrationId, { ...r, side: r.side.trim() }]));
  }
}
