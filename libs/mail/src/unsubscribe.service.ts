import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, resolveJwtSecret } from '@tradebridge/core';
import { NOTIFICATION_KINDS, type UnsubscribedView } from '@tradebridge/contracts';
import { readUnsubscribeToken } from './unsubscribe-token';
import { UnsubscribeRepository } from './unsubscribe.repository';

const KINDS = new Set<string>(NOTIFICATION_KINDS);

/** The unsubscribe link of a notification e-mail: mutes that kind of e-mail for its user. */
@Injectable()
export class UnsubscribeService {
  private readonly secret: string;

  constructor(
    private readonly repository: UnsubscribeRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = resolveJwtSecret(config);
  }

  async unsubscribe(token: string): Promise<UnsubscribedView> {
    const claim = readUnsubscribeToken(this.secret, token);
    if (!claim || !KINDS.has(claim.kind)) {
      throw DomainError.invalidFields(ErrorCode.UNSUBSCRIBE_TOKEN_INVALID, [{ field: 'token', message: 'is not an unsubscribe link of this site' }]);
    }
    const emailMuted = await this.repository.mute(claim.userId, claim.kind);
    if (!emailMuted) throw DomainError.notFound('User');
    return { kind: claim.kind, emailMuted };
  }
}
