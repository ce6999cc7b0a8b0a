import { Injectable } from '@nestjs/common';
import { Actor, DomainError, isAdmin } from '@tradebridge/core';
import type { MailboxMessageDetailView, MailboxMessageView, Page } from '@tradebridge/contracts';
import { MailboxRepository, MailboxRow } from './mailbox.repository';

/** The built-in mailbox, read by admins only: it holds every user's e-mail. */
@Injectable()
export class MailboxService {
  constructor(private readonly mailbox: MailboxRepository) {}

  async list(actor: Actor, limit: number, offset: number, to?: string): Promise<Page<MailboxMessageView>> {
    if (!isAdmin(actor)) throw DomainError.forbidden('Only an admin may read the mailbox');
    const [rows, total] = await this.mailbox.list(limit, offset, to?.trim() || undefined);
    return { items: rows.map(toView), total };
  }

  async get(actor: Actor, id: string): Promise<MailboxMessageDetailView> {
    if (!isAdmin(actor)) throw DomainError.forbidden('Only an admin may read the mailbox');
    const row = /^\d{1,18}$/.test(id) ? await this.mailbox.find(id) : null;
    if (!row) throw DomainError.notFound('Message', id);
    return { ...toView(row), raw: row.raw, text: row.text, html: row.html };
  }
}

function toView(row: MailboxRow): MailboxMessageView {
  return { id: row.id, messageId: row.messageId, to: row.to, subject: row.subject, kind: row.kind, createdAt: new Date(row.createdAt).toISOString() };
}
