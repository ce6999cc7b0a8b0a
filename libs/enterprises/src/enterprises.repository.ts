import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { fold } from '@tradebridge/reference';
import type { ProductLine } from '@tradebridge/contracts';
import { Enterprise, EnterpriseMember, EnterpriseProduct } from './enterprise.entity';
import { matchVectors } from './match-vectors';

export interface EnterpriseRecord {
  enterprise: Enterprise;
  offers: ProductLine[];
  needs: ProductLine[];
}

export interface EnterpriseFilter {
  country?: string;
  /** HS section (roman) or chapter (2 digits): declared sectors or any product line in it. */
  sector?: { section?: string; chapters: string[] };
  /** HS code prefix of an offered or needed product. */
  hs?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** Rows per multi-row INSERT: far below PostgreSQL's 65,535 parameters per statement. */
const INSERT_CHUNK = 500;

/** An enterprise's product rows: offers then needs, each list in its order. */
function productRows(enterpriseId: string, offers: ProductLine[], needs: ProductLine[]) {
  return [
    ...offers.map((p, position) => ({ enterpriseId, direction: 'offer' as const, position, hsCode: p.hsCode, description: p.description })),
    ...needs.map((p, position) => ({ enterpriseId, direction: 'need' as const, position, hsCode: p.hsCode, description: p.description })),
  ];
}

@Injectable()
export class EnterprisesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    tx: EntityManager,
    enterprise: Omit<Enterprise, 'id' | 'createdAt' | 'updatedAt' | 'searchText' | 'offerPrefixes' | 'needPrefixes' | 'needCodes' | 'certificationKinds' | 'ocopStars'>,
    offers: ProductLine[],
    needs: ProductLine[],
  ): Promise<string> {
    const row = tx.create(Enterprise, { ...enterprise, searchText: searchText(enterprise.name), ...matchVectors(offers, needs, enterprise.certifications) });
    await tx.insert(Enterprise, row);
    await this.replaceProducts(tx, row.id, offers, needs);
    await tx.insert(EnterpriseMember, { enterpriseId: row.id, userId: enterprise.createdBy });
    return row.id;
  }

  /**
   * Many enterprises in multi-row INSERTs (a bulk import): each with its products and its
   * creator as member, as `insert` writes one. Answers their ids in order.
   */
  async insertMany(tx: EntityManager, items: { enterprise: Parameters<EnterprisesRepository['insert']>[1]; offers: ProductLine[]; needs: ProductLine[] }[]): Promise<string[]> {
    const rows = items.map(({ enterprise, offers, needs }) =>
      tx.create(Enterprise, { ...enterprise, searchText: searchText(enterprise.name), ...matchVectors(offers, needs, enterprise.certifications) }),
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(Enterprise, rows.slice(i, i + INSERT_CHUNK));
    const products = items.flatMap(({ offers, needs }, k) => productRows(rows[k].id, offers, needs));
    for (let i = 0; i < products.length; i += INSERT_CHUNK) await tx.insert(EnterpriseProduct, products.slice(i, i + INSERT_CHUNK));
    const members = items.map(({ enterprise }, k) => ({ enterpriseId: rows[k].id, userId: enterprise.createdBy }));
    for (let i = 0; i < members.length; i += INSERT_CHUNK) await tx.insert(EnterpriseMember, members.slice(i, i + INSERT_CHUNK));
    return rows.map((r) => r.id);
  }

  /** `products` and `certifications` are the enterprise's full lists after the change (match vectors are rebuilt from them). */
  async update(
    tx: EntityManager,
    id: string,
    patch: Partial<Enterprise>,
    after: { offers: ProductLine[]; needs: ProductLine[]; certifications: Enterprise['certifications'] },
    replaceProducts: boolean,
  ): Promise<void> {
    const changes: Partial<Enterprise> = { ...patch, ...matchVectors(after.offers, after.needs, after.certifications), updatedAt: new Date() };
    if (patch.name) changes.searchText = searchText(patch.name);
    await tx.update(Enterprise, { id }, changes);
    if (replaceProducts) await this.replaceProducts(tx, id, after.offers, after.needs);
  }

  /** Locks the row for the rest of the transaction (concurrent PATCHes apply one after the other). */
  async lock(tx: EntityManager, id: string): Promise<Enterprise | null> {
    return tx.getRepository(Enterprise).createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :id', { id }).getOne();
  }

  async findOne(id: string, tx: EntityManager = this.dataSource.manager): Promise<EnterpriseRecord | null> {
    const enterprise = await tx.findOneBy(Enterprise, { id });
    if (!enterprise) return null;
    const products = await this.products(tx, [id]);
    return { enterprise, ...(products.get(id) ?? { offers: [], needs: [] }) };
  }

  async list(filter: EnterpriseFilter): Promise<{ items: EnterpriseRecord[]; total: number }> {
    const qb = this.dataSource.getRepository(Enterprise).createQueryBuilder('e');
    if (filter.country) qb.andWhere('e.country = :country', { country: filter.country });
    if (filter.sector) {
      const { section, chapters } = filter.sector;
      qb.andWhere(
        `(e.sectors && :sectorCodes::text[] OR EXISTS (
           SELECT 1 FROM enterprise_products p WHERE p.enterprise_id = e.id AND left(p.hs_code, 2) = ANY(:chapters::text[])))`,
        { sectorCodes: [...(section ? [section] : []), ...chapters], chapters },
      );
    }
    if (filter.hs) {
      qb.andWhere(`EXISTS (SELECT 1 FROM enterprise_products p WHERE p.enterprise_id = e.id AND p.hs_code LIKE :hsPrefix)`, {
        hsPrefix: `${filter.hs}%`,
      });
    }
    if (filter.q) qb.andWhere(`e.search_text LIKE :q`, { q: `%${escapeLike(fold(filter.q))}%` });
    qb.orderBy('e.created_at', 'ASC').addOrderBy('e.id', 'ASC').take(filter.limit).skip(filter.offset);
    const [rows, total] = await qb.getManyAndCount();
    const products = await this.products(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return { items: rows.map((enterprise) => ({ enterprise, ...(products.get(enterprise.id) ?? { offers: [], needs: [] }) })), total };
  }

  async isMember(enterpriseId: string, userId: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await tx.countBy(EnterpriseMember, { enterpriseId, userId })) > 0;
  }

  /**
   * Enterprises (of `ids`) whose contact details `userId` may see: its own,
   * those registered for an event `userId` staffs, and the partners of its
   * accepted connections.
   */
  async contactVisibleTo(userId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT m.enterprise_id AS id FROM enterprise_members m WHERE m.user_id = $1 AND m.enterprise_id = ANY($2::uuid[])
       UNION
       SELECT r.enterprise_id FROM registrations r JOIN event_staff s ON s.event_id = r.event_id
        WHERE s.user_id = $1 AND r.enterprise_id = ANY($2::uuid[])
       UNION
       SELECT partner.enterprise_id
         FROM enterprise_members m
         JOIN registrations mine ON mine.enterprise_id = m.enterprise_id
         JOIN connections c ON c.status = 'accepted' AND mine.id IN (c.from_registration_id, c.to_registration_id)
         JOIN registrations partner ON partner.id = CASE WHEN c.from_registration_id = mine.id THEN c.to_registration_id ELSE c.from_registration_id END
        WHERE m.user_id = $1 AND partner.enterprise_id = ANY($2::uuid[])`,
      [userId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  private async replaceProducts(tx: EntityManager, enterpriseId: string, offers: ProductLine[], needs: ProductLine[]): Promise<void> {
    await tx.delete(EnterpriseProduct, { enterpriseId });
    const rows = productRows(enterpriseId, offers, needs);
    if (rows.length) await tx.insert(EnterpriseProduct, rows);
  }

  private async products(tx: EntityManager, ids: string[]): Promise<Map<string, { offers: ProductLine[]; needs: ProductLine[] }>> {
    const out = new Map<string, { offers: ProductLine[]; needs: ProductLine[] }>();
    if (ids.length === 0) return out;
    const rows = await tx
      .getRepository(EnterpriseProduct)
      .createQueryBuilder('p')
      .where('p.enterprise_id IN (:...ids)', { ids })
      .orderBy('p.enterprise_id')
      .addOrderBy('p.direction')
      .addOrderBy('p.position')
      .getMany();
    for (const row of rows) {
      const entry = out.get(row.enterpriseId) ?? { offers: [], needs: [] };
      (row.direction === 'offer' ? entry.offers : entry.needs).push({ hsCode: row.hsCode, description: row.description });
      out.set(row.enterpriseId, entry);
    }
    return out;
  }
}

function searchText(name: Record<string, string | undefined>): string {
  return fold(Object.values(name).filter(Boolean).join(' '));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
