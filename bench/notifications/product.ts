/**
 * What the notifications benchmark takes from the product: the mail outbox,
 * the worker's concurrency, and the message the worker hands nodemailer for
 * an OutboundMail (the bare loop sends exactly that).
 */
import type { INestApplication } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import type { AppConfig } from '@tradebridge/core';
import { MailOutbox, OutboundMail } from '@tradebridge/mail';

export type { OutboundMail };

export function mailOutboxOf(app: INestApplication): MailOutbox {
  return app.get(MailOutbox);
}

export function productMailConcurrency(config: AppConfig): number {
  return (config as unknown as { mail?: { concurrency?: number } }).mail?.concurrency ?? 5;
}

export function nodemailerMessage(mail: OutboundMail, _config: AppConfig): SendMailOptions {
  return { from: 'TradeBridge <no-reply@tradebridge.local>', to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${mail.id}@tradebridge.local>` };
}
