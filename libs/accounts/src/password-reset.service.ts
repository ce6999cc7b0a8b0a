import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, Clock, Database, DomainError, ErrorCode, hashPassword } from '@tradebridge/core';
import { LOCALES, type Locale } from '@tradebridge/contracts';
import { MailOutbox } from '@tradebridge/mail';
import { UsersRepository } from './users.repository';
import { LoginThrottleRepository } from './login-throttle.repository';
import { PasswordResetRepository } from './password-reset.repository';
import { passwordResetMail } from './password-reset-mail';
import { accountInvitationMail } from './account-invitation-mail';

export const RESET_LINK_SECONDS = 3600;
/** An invitation to claim an account made for someone (a bulk import) is a reset link that lasts longer. */
export const INVITATION_LINK_SECONDS = 14 * 24 * 3600;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * "Forgot password": a single-use link valid for an hour, stored only as a
 * hash. The request answers the same at once whether or not the account
 * exists: the lookup and the e-mail happen after the answer. Requests are
 * throttled with login's limits (each request counts as a failure, per e-mail
 * and per client address). Opening the link's page consumes nothing (mail
 * filters fetch links); only the form's POST does, and it ends every other
 * session by raising the user's session epoch.
 */
@Injectable()
export class PasswordResetService implements OnModuleDestroy {
  private readonly logger = new Logger('PasswordReset');
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly resets: PasswordResetRepository,
    private readonly outbox: MailOutbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(email: string, ip: string): Promise<void> {
    const { maxFailures, maxFailuresPerAddress, windowSeconds } = this.config.loginThrottle;
    // Counted under its own key, so a reset request never locks the login of the same e-mail.
    const attempt = await this.throttle.reserve(`reset:${email}`, ip, windowSeconds);
    if (attempt.byEmail > maxFailures || attempt.byIp >= maxFailuresPerAddress) {
      await this.throttle.release(attempt.id);
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many password-reset requests; try again in ${Math.ceil(windowSeconds / 60)} minutes`, {
        retryAfterSeconds: windowSeconds,
      });
    }
    await this.throttle.fail(attempt.id);
    const work = this.send(email)
      .catch((error: Error) => this.logger.warn(`reset e-mail not queued: ${error.message}`))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async send(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    const locale: Locale = (LOCALES as readonly string[]).includes(user.locale) ? user.locale : 'en';
    const link = `${this.config.publicUrl}/reset-password?token=${token}`;
    const expiresAt = new Date(this.clock.now().getTime() + RESET_LINK_SECONDS * 1000);
    await this.db.transaction(async (tx) => {
      await this.resets.create(tx, hash(token), user.id, expiresAt);
      await this.outbox.enqueue(tx, [{ id: randomUUID(), userId: user.id, to: user.email, locale, kind: 'password-reset', unsubscribe: false, ...passwordResetMail(locale, link) }]);
    });
  }

  /**
   * Invites the users of accounts made for them (without a password) to claim
   * them: a reset link each, in the caller's transaction, so the e-mails leave
   * only if what made the accounts commits. The reset page sets the password.
   */
  async invite(tx: EntityManager, invitees: { userId: string; email: string; locale: Locale; enterprise: string }[]): Promise<void> {
    if (!invitees.length) return;
    const expiresAt = new Date(this.clock.now().getTime() + INVITATION_LINK_SECONDS * 1000);
    const mails = [];
    for (const invitee of invitees) {
      const token = randomBytes(32).toString('base64url');
      await this.resets.create(tx, hash(token), invitee.userId, expiresAt);
      const link = `${this.config.publicUrl}/reset-password?token=${token}`;
      mails.push({
        id: randomUUID(),
        userId: invitee.userId,
        to: invitee.email,
        locale: invitee.locale,
        kind: 'account-invitation',
        unsubscribe: false,
        ...accountInvitationMail(invitee.locale, invitee.enterprise, link),
      });
    }
    await this.outbox.enqueue(tx, mails);
  }

  async confirm(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      const userId = await this.resets.consume(tx, hash(token), this.clock.now());
      if (!userId) {
        throw DomainError.invalidFields(ErrorCode.RESET_TOKEN_INVALID, [{ field: 'token', message: 'is not a valid reset link: it was used, has expired or never existed' }]);
      }
      await this.resets.setPasswordEndingSessions(tx, userId, passwordHash);
    });
  }
}
