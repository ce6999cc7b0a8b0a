import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PlatformRole } from '@tradebridge/core';
import type { Locale, NotificationKind } from '@tradebridge/contracts';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Always lower-case (users_email_check). */
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: PlatformRole[];

  /** Raised to end every session issued before (a password reset); tokens carry it as `ep`. */
  @Column({ name: 'session_epoch', type: 'integer', default: 0 })
  sessionEpoch: number;

  /** The language every message, e-mail and printable is written in for this user (users_locale_check). */
  @Column({ type: 'text', default: 'en' })
  locale: Locale;

  /** IANA zone the user's times are shown in. */
  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  /** Notification kinds the user does not want by e-mail (still in the app). */
  @Column({ name: 'email_muted', type: 'text', array: true, default: () => "'{}'" })
  emailMuted: NotificationKind[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
