import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { AccessTokenClaims, Actor } from './actor';

/** Issues and checks bearer tokens; used by the HTTP guard and the gateway handshake. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `sessionEpoch`: the user's `session_epoch` now; raising it later ends this token (see AccountsService.authenticate). */
  issue(actor: Actor, sessionEpoch = 0): { accessToken: string; expiresIn: number } {
    const claims: AccessTokenClaims = { sub: actor.userId, email: actor.email, roles: actor.roles, ep: sessionEpoch };
    return { accessToken: this.jwt.sign(claims, { expiresIn: this.config.jwtTtlSeconds }), expiresIn: this.config.jwtTtlSeconds };
  }

  /** The token's actor and session epoch (0 for tokens issued before epochs existed). */
  verify(token: string): Actor & { sessionEpoch: number } {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw new Error('malformed claims');
      const sessionEpoch = typeof claims.ep === 'number' && Number.isInteger(claims.ep) ? claims.ep : 0;
      return { userId: claims.sub, email: claims.email, roles: claims.roles, sessionEpoch };
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'The access token has expired; log in again');
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is invalid');
    }
  }
}
