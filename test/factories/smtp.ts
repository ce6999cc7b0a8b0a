import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ParsedMail, simpleParser } from 'mailparser';

export interface CapturedMail {
  raw: string;
  parsed: ParsedMail;
  messageId: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts. It can
 * be stopped and started again on the same port (an outage), and made slow
 * (`delayMs` before each answer to DATA) to catch a worker mid-batch.
 */
export class CaptureSmtp {
  readonly messages: CapturedMail[] = [];
  private server?: SMTPServer;
  port = 0;
  delayMs = 0;

  async start(port = this.port): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          void simpleParser(raw).then((parsed) => {
            // Kept when answered (250), as a real server takes a message: one cut off by stop() was not accepted.
            setTimeout(() => {
              if (this.server !== server) return callback(new Error('server stopped'));
              this.messages.push({ raw, parsed, messageId: parsed.messageId ?? '' });
              callback();
            }, this.delayMs);
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // Open pooled connections are cut too: an outage, not a polite close.
    for (const connection of server.connections) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  byMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }
}

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** What a captured message says about itself: its kind (X-TradeBridge-Kind), recipient, language. */
export function mailKind(m: CapturedMail): string {
  const kind = m.parsed.headers.get('x-tradebridge-kind');
  return typeof kind === 'string' ? kind : '';
}

export function mailTo(m: CapturedMail): string {
  const to = m.parsed.to;
  return (to && !Array.isArray(to) ? to.text : '').toLowerCase();
}

/** The one-click URL of List-Unsubscribe, or undefined when the header is missing. */
export function listUnsubscribeUrl(m: CapturedMail): string | undefined {
  const line = m.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  return /<(https?:[^>]+)>/.exec(line.replace(/\r?\n\s+/g, ' '))?.[1];
}

/** A raw message (e.g. the built-in mailbox's) in the same shape as one the SMTP server captured. */
export async function parseRaw(raw: string): Promise<CapturedMail> {
  const parsed = await simpleParser(raw);
  return { raw, parsed, messageId: parsed.messageId ?? '' };
}
