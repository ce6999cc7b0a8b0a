import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Database, DomainError, isAdmin } from '@tradebridge/core';
import { sectionOfChapter } from '@tradebridge/reference';
import type { Certification, Contact, EnterpriseSize, EnterpriseView, Localized, Page, ProductLine } from '@tradebridge/contracts';
import { EnterpriseRecord, EnterprisesRepository } from './enterprises.repository';
import { checkProfile } from './enterprise-rules';

export interface EnterpriseInput {
  name: Localized;
  country: string;
  region: string;
  sectors?: string[];
  offers: ProductLine[];
  needs: ProductLine[];
  certifications?: Certification[];
  /** ISO 639-1; defaults to the languages of the name. */
  languages?: string[];
  website?: string | null;
  size?: EnterpriseSize | null;
  description?: Localized;
  contact?: Contact | null;
}

export type EnterprisePatch = Partial<EnterpriseInput>;

export interface EnterpriseQuery {
  country?: string;
  sector?: string;
  hs?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** Company profiles. The user who creates an enterprise is its first member. */
@Injectable()
export class EnterprisesService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: EnterprisesRepository,
  ) {}

  async create(actor: Actor, input: EnterpriseInput): Promise<EnterpriseView> {
    const { region } = checkProfile(input);
    const id = await this.db.transaction((tx) =>
      this.enterprises.insert(
        tx,
        {
          name: input.name,
          country: input.country,
          region: region!,
          sectors: input.sectors ?? [],
          certifications: input.certifications ?? [],
          languages: normalizeLanguages(input.languages ?? localesWritten(input.name)),
          website: input.website ?? null,
          size: input.size ?? null,
          description: input.description ?? {},
          contact: input.contact ?? null,
          createdBy: actor.userId,
        },
        input.offers,
        input.needs,
      ),
    );
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<EnterpriseView> {
    const record = await this.enterprises.findOne(id);
    if (!record) throw DomainError.notFound('Enterprise', id);
    const visible = await this.contactVisibility(actor, [id]);
    return toView(record, visible.has(id));
  }

  /** Only the enterprise's members (and platform admins) edit its profile. */
  async update(actor: Actor, id: string, patch: EnterprisePatch): Promise<EnterpriseView> {
    await this.db.transaction(async (tx) => {
      const current = await this.enterprises.lock(tx, id);
      if (!current) throw DomainError.notFound('Enterprise', id);
      if (!isAdmin(actor) && !(await this.enterprises.isMember(id, actor.userId, tx))) {
        throw DomainError.forbidden('Only members of this enterprise may edit its profile');
      }
      const country = patch.country ?? current.country;
      // A country change re-validates the stored region against it.
      const { region } = checkProfile({ ...patch, country, region: patch.region ?? (patch.country ? current.region : undefined) });
      const products = await this.productsAfter(tx, id, patch);
      await this.enterprises.update(
        tx,
        id,
        {
          ...(patch.name && { name: patch.name }),
          ...(patch.country && { country }),
          ...(region && { region }),
          ...(patch.sectors && { sectors: patch.sectors }),
          ...(patch.certifications && { certifications: patch.certifications }),
          ...(patch.languages && { languages: normalizeLanguages(patch.languages) }),
          ...(patch.website !== undefined && { website: patch.website }),
          ...(patch.size !== undefined && { size: patch.size }),
          ...(patch.description && { description: patch.description }),
          ...(patch.contact !== undefined && { contact: patch.contact }),
        },
        { ...products, certifications: patch.certifications ?? current.certifications },
        Boolean(patch.offers || patch.needs),
      );
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, query: EnterpriseQuery): Promise<Page<EnterpriseView>> {
    const sector = query.sector ? sectorFilter(query.sector) : undefined;
    const { items, total } = await this.enterprises.list({ ...query, sector });
    const visible = await this.contactVisibility(
      actor,
      items.map((r) => r.enterprise.id),
    );
    return { items: items.map((r) => toView(r, visible.has(r.enterprise.id))), total };
  }

  private async contactVisibility(actor: Actor, ids: string[]): Promise<Set<string>> {
    if (isAdmin(actor)) return new Set(ids);
    return this.enterprises.contactVisibleTo(actor.userId, ids);
  }

  private async productsAfter(tx: EntityManager, id: string, patch: EnterprisePatch): Promise<{ offers: ProductLine[]; needs: ProductLine[] }> {
    const current = await this.enterprises.findOne(id, tx);
    return { offers: patch.offers ?? current?.offers ?? [], needs: patch.needs ?? current?.needs ?? [] };
  }
}

/**
 * The locales a localized text is actually written in. Not `Object.keys`: the
 * validated DTO instance carries every locale it declares, unset ones as
 * `undefined` (class fields), and those are no language anyone works in.
 */
export function localesWritten(text: Localized): string[] {
  return Object.entries(text)
    .filter(([, value]) => typeof value === 'string' && value.trim() !== '')
    .map(([locale]) => locale);
}

function normalizeLanguages(languages: string[]): string[] {
  return [...new Set(languages.map((l) => l.toLowerCase()))].sort();
}

/** A sector filter: a section ("II") covers its chapters; a chapter ("08") is itself. */
export function sectorFilter(sector: string): { section?: string; chapters: string[] } {
  if (/^\d{2}$/.test(sector)) return { chapters: [sector] };
  return { section: sector, chapters: Object.keys(sectionOfChapter).filter((c) => sectionOfChapter[c] === sector) };
}

export function toView(record: EnterpriseRecord, withContact: boolean): EnterpriseView {
  const e = record.enterprise;
  return {
    id: e.id,
    name: e.name,
    country: e.country,
    region: e.region,
    sectors: e.sectors,
    offers: record.offers,
    needs: record.needs,
    certifications: e.certifications,
    languages: e.languages,
    ...(e.website ? { website: e.website } : {}),
    ...(e.size ? { size: e.size } : {}),
    description: e.description,
    ...(withContact && e.contact ? { contact: e.contact } : {}),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
