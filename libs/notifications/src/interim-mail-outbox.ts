import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailOutbox, OutboundMail } from '@tradebridge/mail';

/**
 * Stands in for the real outbox until the `mail` branch lands: the notifier
 * renders every e-mail and hands it here, and here it goes nowhere.
 */
// replaced by @tradebridge/mail's PgBossMailOutbox at merge
@Injectable()
export class InterimMailOutbox extends MailOutbox {
  enqueue(_tx: EntityManager, _mails: OutboundMail[]): Promise<void> {
    return Promise.resolve();
  }
}
