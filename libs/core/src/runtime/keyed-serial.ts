/**
 * Runs work one at a time per key (an event's deliveries, a user's), in the
 * order it was asked for; different keys run side by side. A failure does not
 * stop the key's next work; `onError` hears of it.
 */
export class KeyedSerial {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly onError: (key: string, error: Error) => void = () => undefined) {}

  run<T>(key: string, work: () => T | Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(key, next);
    void next
      .finally(() => {
        if (this.queues.get(key) === next) this.queues.delete(key);
      })
      .catch((error: Error) => this.onError(key, error));
    return next;
  }

  /** Resolves once everything asked for so far has finished, failed or not. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }
}
