import { asyncHandler } from './async-handler';

describe('asyncHandler: an async function as an event handler', () => {
  afterEach(() => jest.restoreAllMocks());

  it('passes the event on and returns nothing for React to ignore', async () => {
    const seen: string[] = [];
    const handler = asyncHandler(async (event: { type: string }) => {
      await Promise.resolve();
      seen.push(event.type);
    });
    expect(handler({ type: 'submit' })).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['submit']);
  });

  it('reports a rejection the handler did not catch instead of leaving it unhandled', async () => {
    const logged: unknown[] = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(...args));
    const failure = new Error('lost');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      asyncHandler(() => Promise.reject(failure))();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(logged).toContain(failure);
    expect(unhandled).toEqual([]);
  });
});
