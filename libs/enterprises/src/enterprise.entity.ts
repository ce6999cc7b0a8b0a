import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Certification, Contact, EnterpriseSize, Localized } from '@tradebridge/contracts';

@Entity({ name: 'enterprises' })
export class Enterprise {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'jsonb' })
  name: Localized;

  @Column({ type: 'char', length: 2 })
  country: string;

  /** ISO 3166-2, always the current unit (aliases resolved on write). */
  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  certifications: Certification[];

  /** ISO 639-1 languages it works in (matchmaking's "shared language"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  size: EnterpriseSize | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  description: Localized;

  /** The key a bulk import matches a re-imported row on (enterprises_tax_code_key); set by imports only. */
  @Column({ name: 'tax_code', type: 'text', nullable: true })
  taxCode?: string | null;

  /** Private: only members, the staff of its events and accepted partners see it. */
  @Column({ type: 'jsonb', nullable: true })
  contact: Contact | null;

  // Match vectors for ranking recommendations, maintained by the repository.
  @Column({ name: 'offer_prefixes', type: 'text', array: true, default: () => "'{}'" })
  offerPrefixes: string[];

  @Column({ name: 'need_prefixes', type: 'text', array: true, default: () => "'{}'" })
  needPrefixes: string[];

  @Column({ name: 'need_codes', type: 'text', array: true, default: () => "'{}'" })
  needCodes: string[];

  @Column({ name: 'certification_kinds', type: 'text', array: true, default: () => "'{}'" })
  certificationKinds: string[];

  @Column({ name: 'ocop_stars', type: 'smallint', default: 0 })
  ocopStars: number;

  /** Folded names for `q` search, maintained by the repository. */
  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type ProductDirection = 'offer' | 'need';

/** One offered or needed product line, by HS code (indexed for matchmaking). */
@Entity({ name: 'enterprise_products' })
export class EnterpriseProduct {
  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @PrimaryColumn({ type: 'text' })
  direction: ProductDirection;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ name: 'hs_code', type: 'text' })
  hsCode: string;

  @Column({ type: 'text', default: '' })
  description: string;
}

@Entity({ name: 'enterprise_members' })
export class EnterpriseMember {
  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
