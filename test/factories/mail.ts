import { randomUUID } from 'node:crypto';
import type { Locale } from '@tradebridge/contracts';
import { Database } from '@tradebridge/core';
import { MailOutbox, OutboundMail } from '@tradebridge/mail';
import type { TestApp } from './app';

/** A fully rendered e-mail as the notifier hands it to the outbox. */
export function outboundMail(to: { id: string; email: string }, overrides: Partial<OutboundMail> = {}): OutboundMail {
  const locale: Locale = overrides.locale ?? 'vi';
  return {
    id: randomUUID(),
    userId: to.id,
    to: to.email,
    locale,
    kind: 'connection.requested',
    subject: 'Yêu cầu kết nối mới từ Zhejiang Silk',
    text: 'Zhejiang Silk muốn kết nối với bạn.',
    html: '<p>Zhejiang Silk muốn kết nối với bạn.</p>',
    unsubscribe: true,
    ...overrides,
  };
}

/** Queues mails through the real outbox in one transaction; `rollback` aborts it after the enqueue. */
export async function enqueueMails(t: Pick<TestApp, 'app'>, mails: OutboundMail[], rollback = false): Promise<void> {
  const outbox = t.app.get(MailOutbox);
  const database = t.app.get(Database);
  await database
    .transaction(async (tx) => {
      await outbox.enqueue(tx, mails);
      if (rollback) throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
}

class RollBack extends Error {}

/** A queue name of its own per spec, so specs running side by side never take each other's mail. */
export function mailQueueName(spec: string): string {
  return `mail-${spec}-${randomUUID().slice(0, 8)}`;
}
