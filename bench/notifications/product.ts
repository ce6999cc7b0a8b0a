/**
 * What the notifications benchmark takes from the product: the mail outbox,
 * the worker's concurrency and transport settings, and the message the worker
 * hands nodemailer for an OutboundMail (`composeMail`: the bare loop sends
 * exactly the same bytes).
 */
import type { INestApplication } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import { AppConfig, resolveJwtSecret } from '@tradebridge/core';
import { composeMail, mailHost, MailOutbox, OutboundMail } from '@tradebridge/mail';
import { NewNotification, NotificationWriter } from '@tradebridge/notifications';

export type { OutboundMail, NewNotification };

/** How notifications are written (and their e-mails queued in bundles, and rendered when sent). */
export function notificationWriterOf(app: INestApplication): NotificationWriter {
  return app.get(NotificationWriter);
}

export function mailOutboxOf(app: INestApplication): MailOutbox {
  return app.get(MailOutbox);
}

/** MAIL_CONCURRENCY: the worker's messages in flight and the connections of its SMTP pool. */
export function productMailConcurrency(config: AppConfig): number {
  return config.mail.concurrency;
}

export function nodemailerMessage(mail: OutboundMail, config: AppConfig): SendMailOptions {
  return composeMail(mail, { from: config.mail.from, host: mailHost(config.mail.from), publicUrl: config.publicUrl, secret: resolveJwtSecret(config) });
}
