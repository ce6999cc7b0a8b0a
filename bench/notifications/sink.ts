/**
 * The local SMTP server of the notifications benchmark, in a child process of
 * its own (so receiving costs neither the product's worker nor the bare
 * nodemailer loop any CPU of theirs): the `smtp-server` package on an
 * ephemeral port of 127.0.0.1, no TLS, no authentication, that accepts every
 * message and counts it, with its Message-ID (a repeat is counted apart).
 * Driven over IPC (messages in ./protocol).
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { FromSink, SinkCount, ToSink } from './protocol';
import { messageIdOf } from './figures';

let messages = 0;
let bytes = 0;
let repeats = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
const seen = new Set<string>();

function send(message: FromSink): void {
  process.send?.(message);
}

function snapshot(): SinkCount {
  return { t: 'count', messages, bytes, distinct: seen.size, repeats, firstAt, lastAt };
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  maxClients: 1_000,
  onData(stream, _session, callback) {
    let head = '';
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Only the header block is kept, to read the Message-ID from.
      if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const t = Date.now();
      messages++;
      bytes += size;
      firstAt ??= t;
      lastAt = t;
      const id = messageIdOf(head);
      if (id) {
        if (seen.has(id)) repeats++;
        else seen.add(id);
      }
      callback();
    });
  },
});

process.on('message', (message: ToSink) => {
  switch (message.t) {
    case 'count':
      send(snapshot());
      return;
    case 'reset':
      messages = bytes = repeats = 0;
      firstAt = lastAt = null;
      seen.clear();
      send({ t: 'reset' });
      return;
    case 'stop':
      server.close(() => {
        send({ t: 'stopped' });
        process.exit(0);
      });
      return;
  }
});
process.on('disconnect', () => process.exit(0));

server.on('error', (error: Error) => send({ t: 'fatal', message: error.message }));
server.listen(0, '127.0.0.1', () => send({ t: 'ready', port: (server.server.address() as AddressInfo).port }));
