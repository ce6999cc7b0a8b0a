import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Attendance } from '@tradebridge/contracts';

/** Lookups an import plans against: stored keys, the event's registrations and on-site places. Always scoped by event. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async enterprisesByKey(taxCodes: string[], emails: string[], tx: EntityManager = this.dataSource.manager): Promise<{ id: string; taxCode: string | null; email: string | null }[]> {
    if (!taxCodes.length && !emails.length) return [];
    return tx.query(
      `SELECT id, tax_code AS "taxCode", lower(contact->>'email') AS email FROM enterprises
        WHERE tax_code = ANY($1::text[]) OR lower(contact->>'email') = ANY($2::text[])
        ORDER BY created_at, id`,
      [taxCodes, emails],
    );
  }

  async registrationsOf(
    eventId: string,
    enterpriseIds: string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; enterpriseId: string; venueId: string; attendance: Attendance }[]> {
    if (!enterpriseIds.length) return [];
    return tx.query(`SELECT id, enterprise_id AS "enterpriseId", venue_id AS "venueId", attendance FROM registrations WHERE event_id = $1 AND enterprise_id = ANY($2::uuid[])`, [
      eventId,
      enterpriseIds,
    ]);
  }

  async onsitePerVenue(eventId: string, tx: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows = await tx.query<{ venueId: string; n: number }[]>(
      `SELECT venue_id AS "venueId", count(*)::int AS n FROM registrations
        WHERE event_id = $1 AND attendance = 'onsite' AND status IN ('pending', 'approved') GROUP BY venue_id`,
      [eventId],
    );
    return new Map(rows.map((r) => [r.venueId, r.n]));
  }

  async setTaxCode(tx: EntityManager, enterpriseId: string, taxCode: string | null): Promise<void> {
    if (taxCode) await tx.query(`UPDATE enterprises SET tax_code = $2 WHERE id = $1`, [enterpriseId, taxCode]);
  }

  async addMember(tx: EntityManager, enterpriseId: string, userId: string): Promise<void> {
    await tx.query(`INSERT INTO enterprise_members (enterprise_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [enterpriseId, userId]);
  }
}
