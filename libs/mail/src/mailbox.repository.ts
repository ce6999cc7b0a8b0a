import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface MailboxRow {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  kind: string;
  createdAt: Date;
}

/** The built-in mailbox (no SMTP_URL): what would have been sent, raw. */
@Injectable()
export class MailboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Once per Message-ID: a send repeated after a crash keeps one copy. */
  async keep(message: { messageId: string; to: string; subject: string; kind: string; raw: string; text: string; html: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mailbox (message_id, to_address, subject, kind, raw, text_body, html_body) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (message_id) DO NOTHING`,
      [message.messageId, message.to, message.subject, message.kind, message.raw, message.text, message.html],
    );
  }

  /** Newest first; `to`: only recipients containing it, in any case (a plain substring: no pattern characters). */
  async list(limit: number, offset: number, to?: string): Promise<[MailboxRow[], number]> {
    const filter = `($1::text IS NULL OR strpos(lower(to_address), lower($1)) > 0)`;
    const rows = await this.dataSource.query<MailboxRow[]>(
      `SELECT id::text, message_id AS "messageId", to_address AS "to", subject, kind, created_at AS "createdAt"
         FROM mailbox WHERE ${filter} ORDER BY id DESC LIMIT $2 OFFSET $3`,
      [to ?? null, limit, offset],
    );
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM mailbox WHERE ${filter}`, [to ?? null]);
    return [rows, total];
  }

  async find(id: string): Promise<(MailboxRow & { raw: string; text: string; html: string }) | null> {
    const [row] = await this.dataSource.query<(MailboxRow & { raw: string; text: string; html: string })[]>(
      `SELECT id::text, message_id AS "messageId", to_address AS "to", subject, kind, raw, text_body AS text, html_body AS html, created_at AS "createdAt" FROM mailbox WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }
}
