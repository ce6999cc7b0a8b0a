/** Messages between the notifications benchmark (bench/notifications.ts) and its SMTP server (./sink.ts). */
export interface SinkCount {
  t: 'count';
  /** Messages accepted since the last reset, with their size. */
  messages: number;
  bytes: number;
  /** Distinct Message-IDs among them, and messages whose Message-ID had been seen before. */
  distinct: number;
  repeats: number;
  /** Wall-clock ms of the first and the last message accepted. */
  firstAt: number | null;
  lastAt: number | null;
}

export type ToSink = { t: 'count' } | { t: 'reset' } | { t: 'stop' };

export type FromSink = { t: 'ready'; port: number } | SinkCount | { t: 'reset' } | { t: 'stopped' } | { t: 'fatal'; message: string };
