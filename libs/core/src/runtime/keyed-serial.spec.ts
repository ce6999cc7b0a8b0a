import { KeyedSerial } from './keyed-serial';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerial', () => {
  it('runs one key’s work in order, one at a time, and other keys alongside', async () => {
    const serial = new KeyedSerial();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = serial.run('a', () => new Promise<void>((resolve) => (releaseFirst = () => (log.push('a1 done'), resolve()))));
    const second = serial.run('a', () => void log.push('a2'));
    const other = serial.run('b', () => void log.push('b1'));
    await other;
    await tick();
    expect(log).toEqual(['b1']); // a2 waits for a1; b does not
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['b1', 'a1 done', 'a2']);
  });

  it('goes on after a failure, which the caller and onError both hear of', async () => {
    const errors: string[] = [];
    const serial = new KeyedSerial((key, error) => errors.push(`${key}: ${error.message}`));
    const failed = serial.run('a', () => Promise.reject(new Error('boom')));
    const next = serial.run('a', () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
    await serial.settled();
    expect(errors).toEqual(['a: boom']);
  });
});
