import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Localized, ProductLine } from '@tradebridge/contracts';
import type { MatchProfile } from './score';
import { rankRecommendationsQuery } from './recommendations.sql';

export interface RankedCandidate {
  id: string;
  score: number;
}

export interface EnterpriseSummary {
  registrationId: string;
  id: string;
  name: Localized;
  country: string;
  region: string;
  offers: ProductLine[];
  needs: ProductLine[];
}

@Injectable()
export class RecommendationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of candidates ranked by score (see recommendations.sql.ts), with the total. */
  async rank(eventId: string, viewer: MatchProfile, limit: number, offset: number): Promise<{ items: RankedCandidate[]; total: number }> {
    const { sql, params } = rankRecommendationsQuery(eventId, viewer, limit, offset);
    const rows = await this.dataSource.query<{ id: string; score: number; total: number }[]>(sql, params);
    // Past the last page the window total is absent: ask for the first row to learn it.
    const total = rows.length ? rows[0].total : offset > 0 ? (await this.rank(eventId, viewer, 1, 0)).total : 0;
    return { items: rows.map((r) => ({ id: r.id, score: r.score })), total };
  }

  /** The enterprises behind some registrations, with their goods (for a page of results). */
  async summaries(eventId: string, registrationIds: string[]): Promise<Map<string, EnterpriseSummary>> {
    if (!registrationIds.length) return new Map();
    const rows = await this.dataSource.query<EnterpriseSummary[]>(
      `SELECT r.id AS "registrationId", e.id, e.name, e.country, e.region,
              coalesce(jsonb_agg(jsonb_build_object('hsCode', p.hs_code, 'description', p.description) ORDER BY p.position)
                       FILTER (WHERE p.direction = 'offer'), '[]') AS offers,
              coalesce(jsonb_agg(jsonb_build_object('hsCode', p.hs_code, 'description', p.description) ORDER BY p.position)
                       FILTER (WHERE p.direction = 'need'), '[]') AS needs
         FROM registrations r JOIN enterprises e ON e.id = r.enterprise_id
         LEFT JOIN enterprise_products p ON p.enterprise_id = e.id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[])
        GROUP BY r.id, e.id`,
      [eventId, registrationIds],
    );
    return new Map(rows.map((r) => [r.registrationId, r]));
  }
}
