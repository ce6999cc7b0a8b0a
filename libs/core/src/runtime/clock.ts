/**
 * What time it is, for domain rules that depend on it (a schedule run uses only
 * slots still ahead; a meeting cannot be booked in the past). Injected, so the
 * pure functions get "now" as data and tests can stand at a chosen instant.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's clock: what every process uses. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
