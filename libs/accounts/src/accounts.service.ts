import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Actor, APP_CONFIG, AppConfig, Database, DomainError, ErrorCode, hashPassword, isAdmin, isConstraintViolation, PlatformRole, TokenService, verifyPassword } from '@tradebridge/core';
import { PLATFORM_ROLES, type Locale, type LoginResponse, type MeView, type NotificationKind, type Page, type UserView } from '@tradebridge/contracts';
import { isIanaTimeZone } from '@tradebridge/reference';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { LoginThrottleRepository } from './login-throttle.repository';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  locale?: Locale;
  timezone?: string;
}

export interface Preferences {
  displayName?: string;
  locale?: Locale;
  timezone?: string;
  emailMuted?: NotificationKind[];
}

/** Accounts, credentials, platform roles and the first admin. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(input: Registration): Promise<UserView> {
    checkTimezone(input.timezone);
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.db.transaction((tx) =>
        this.users.insert(tx, {
          email: input.email,
          passwordHash,
          displayName: input.displayName,
          roles: [],
          ...(input.locale ? { locale: input.locale } : {}),
          ...(input.timezone ? { timezone: input.timezone } : {}),
        }),
      );
      return toUserView(user);
    } catch (error) {
      if (isConstraintViolation(error, 'users_email_key')) {
        throw new DomainError(ErrorCode.EMAIL_TAKEN, 'An account with this e-mail already exists', {
          fields: [{ field: 'email', message: 'is already registered' }],
        });
      }
      throw error;
    }
  }

  /** Throttled per e-mail and per client address, across every API process. */
  async login(email: string, password: string, ip: string): Promise<LoginResponse> {
    const { maxFailures, maxFailuresPerAddress, windowSeconds } = this.config.loginThrottle;
    // The attempt is counted before the (slow) password check, so parallel guesses see each other.
    const attempt = await this.throttle.reserve(email, ip, windowSeconds);
    if (attempt.byEmail > maxFailures || attempt.byIp >= maxFailuresPerAddress) {
      await this.throttle.release(attempt.id);
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many failed logins; try again in ${Math.ceil(windowSeconds / 60)} minutes`, {
        retryAfterSeconds: windowSeconds,
      });
    }
    const user = await this.users.findCredentials(email);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok) {
      // The reserved attempt stays: it is this failure.
      await this.throttle.fail(attempt.id);
      if (Math.random() < 0.01) void this.throttle.prune();
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'E-mail or password is wrong');
    }
    await this.throttle.clear(email);
    const actor: Actor = { userId: user.id, email: user.email, roles: user.roles };
    const { accessToken, expiresIn } = this.tokens.issue(actor, user.sessionEpoch);
    return { accessToken, tokenType: 'Bearer', expiresIn, user: toUserView(user) };
  }

  /**
   * Turns a bearer token into the current actor. Roles are read from the
   * database, so a granted or revoked role takes effect on the next request.
   */
  async authenticate(token: string): Promise<Actor> {
    const claims = this.tokens.verify(token);
    const user = await this.users.findById(claims.userId);
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The account of this token no longer exists');
    if (claims.sessionEpoch < user.sessionEpoch) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This session was ended (the password was changed); log in again');
    return { userId: user.id, email: user.email, roles: user.roles };
  }

  async me(actor: Actor): Promise<MeView> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw DomainError.notFound('User', actor.userId);
    const memberships = await this.users.memberships(user.id);
    return { ...toUserView(user), locale: user.locale, timezone: user.timezone, emailMuted: user.emailMuted, ...memberships };
  }

  /** The user's own language, time zone, e-mail choices and name. */
  async updateMe(actor: Actor, change: Preferences): Promise<MeView> {
    checkTimezone(change.timezone);
    const emailMuted = change.emailMuted ? [...new Set(change.emailMuted)].sort() : undefined;
    const user = await this.db.transaction((tx) =>
      this.users.setPreferences(tx, actor.userId, {
        ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
        ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
        ...(emailMuted ? { emailMuted } : {}),
      }),
    );
    if (!user) throw DomainError.notFound('User', actor.userId);
    return this.me(actor);
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    if (actor.userId !== id && !isAdmin(actor)) throw DomainError.forbidden('Only an admin may read other accounts');
    const user = await this.users.findById(id);
    if (!user) throw DomainError.notFound('User', id);
    return toUserView(user);
  }

  async list(actor: Actor, limit: number, offset: number): Promise<Page<UserView>> {
    if (!isAdmin(actor)) throw DomainError.forbidden('Only an admin may list accounts');
    const [users, total] = await this.users.list(limit, offset);
    return { items: users.map(toUserView), total };
  }

  /** Platform roles are granted by an admin; an admin cannot drop its own admin role. */
  async setRoles(actor: Actor, id: string, roles: PlatformRole[]): Promise<UserView> {
    if (!isAdmin(actor)) throw DomainError.forbidden('Only an admin may change platform roles');
    if (actor.userId === id && !roles.includes('admin')) {
      throw new DomainError(ErrorCode.CONFLICT, 'An admin cannot remove its own admin role', {
        fields: [{ field: 'roles', message: 'must keep "admin" for your own account' }],
      });
    }
    const unique = [...new Set(roles)].sort();
    const user = await this.db.transaction((tx) => this.users.setRoles(tx, id, unique));
    if (!user) throw DomainError.notFound('User', id);
    return toUserView(user);
  }

  /**
   * Makes sure the platform has an admin (who is also an organizer, so a
   * newcomer can create an event at once). Returns the credentials when this
   * call created the account, so they are printed once. Several API processes
   * start together: the check and the write run in one transaction under an
   * advisory lock, so exactly one of them creates the admin (and prints it)
   * and the others find it.
   */
  async ensureAdmin(): Promise<{ email: string; password: string; generated: boolean } | null> {
    if ((await this.users.countAdmins()) > 0) return null;
    const email = this.config.adminEmail ?? 'admin@tradebridge.local';
    const generated = this.config.adminPassword === undefined;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    const created = await this.db.transaction(async (tx) => {
      await this.users.lockFirstAdmin(tx);
      if ((await this.users.countAdmins(tx)) > 0) return null;
      const existing = await this.users.findByEmail(email, tx);
      if (existing) {
        await this.users.setRoles(tx, existing.id, [...PLATFORM_ROLES]);
        return false;
      }
      await this.users.insert(tx, { email, passwordHash, displayName: 'Administrator', roles: [...PLATFORM_ROLES] });
      return true;
    });
    if (created === null) return null;
    this.logger.log(created ? `created the first admin ${email}` : `made ${email} the first admin`);
    return created ? { email, password, generated } : null;
  }
}

// A real hash of a random secret: checking against it costs as much as a real check.
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

function checkTimezone(zone: string | undefined): void {
  if (zone !== undefined && !isIanaTimeZone(zone)) {
    throw DomainError.invalidFields(ErrorCode.UNKNOWN_TIMEZONE, [{ field: 'timezone', message: `"${zone}" is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)` }]);
  }
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, createdAt: user.createdAt.toISOString() };
}
