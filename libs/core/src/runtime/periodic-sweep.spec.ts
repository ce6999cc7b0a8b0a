import { Logger } from '@nestjs/common';
import { PeriodicSweep, SweepSchedule } from './periodic-sweep';

class Counting extends PeriodicSweep {
  passes = 0;
  release?: () => void;
  fail = false;
  constructor(schedule: SweepSchedule) {
    super('Counting', schedule);
  }
  protected async pass(): Promise<string | null> {
    this.passes++;
    await new Promise<void>((resolve) => (this.release = resolve));
    if (this.fail) throw new Error('database went away');
    return null;
  }
}

describe('PeriodicSweep', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('runs one pass at a time: a sweep called while one runs gets that pass', async () => {
    const s = new Counting({ enabled: false, everySeconds: 60, atStart: false });
    const first = s.sweep();
    const second = s.sweep();
    expect(second).toBe(first);
    s.release!();
    await first;
    expect(s.passes).toBe(1);
    const third = s.sweep();
    expect(third).not.toBe(first);
    s.release!();
    await third;
    expect(s.passes).toBe(2);
  });

  it('a failed pass is logged, not thrown, and the next one runs', async () => {
    const s = new Counting({ enabled: false, everySeconds: 60, atStart: false });
    s.fail = true;
    const failed = s.sweep();
    s.release!();
    await expect(failed).resolves.toBeUndefined();
    s.fail = false;
    const next = s.sweep();
    s.release!();
    await next;
    expect(s.passes).toBe(2);
  });

  it('sweeps at start only when asked, never when disabled, and shutting down waits for the pass in progress', async () => {
    const off = new Counting({ enabled: false, everySeconds: 60, atStart: true });
    off.onApplicationBootstrap();
    expect(off.passes).toBe(0);

    const on = new Counting({ enabled: true, everySeconds: 60, atStart: true });
    on.onApplicationBootstrap();
    expect(on.passes).toBe(1);
    let closed = false;
    const closing = on.onModuleDestroy().then(() => (closed = true));
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    on.release!();
    await closing;
    expect(closed).toBe(true);

    const quiet = new Counting({ enabled: true, everySeconds: 60, atStart: false });
    quiet.onApplicationBootstrap();
    expect(quiet.passes).toBe(0);
    await quiet.onModuleDestroy();
  });
});
