/**
 * A token bucket per socket: `rate` events per second on average, bursts up to
 * `burst`. A refused event gets an error acknowledgement; a client refused
 * `abuseLimit` times within a minute is disconnected. That decision is made
 * once: from then on every event is `dropped` (neither run nor answered), so a
 * flood already queued behind it costs no work and no log line each.
 */
export interface RateLimitOptions {
  rate: number;
  burst: number;
  abuseLimit: number;
}

export type RateDecision = 'allow' | 'refuse' | 'disconnect' | 'dropped';

export class TokenBucket {
  private tokens: number;
  private last: number;
  private refusals: number[] = [];
  private disconnecting = false;

  constructor(
    private readonly options: RateLimitOptions,
    now: number,
  ) {
    this.tokens = options.burst;
    this.last = now;
  }

  take(now: number): RateDecision {
    if (this.disconnecting) return 'dropped';
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.last) / 1000) * this.options.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'allow';
    }
    this.refusals = this.refusals.filter((t) => now - t < 60_000);
    this.refusals.push(now);
    if (this.refusals.length < this.options.abuseLimit) return 'refuse';
    this.disconnecting = true;
    return 'disconnect';
  }
}
