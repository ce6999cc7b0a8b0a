import { connectionOf, messageIdOf, ratioOf, schedulerTurns, sideMean, siblingDatabaseUrl, verdict } from './figures';

describe('notifications benchmark helpers', () => {
  it('reads the Message-ID from a header block, folded or not, and not from the body', () => {
    expect(messageIdOf('From: a@x\r\nMessage-ID: <0b6f@tradebridge.local>\r\nSubject: s\r\n\r\nbody')).toBe('0b6f@tradebridge.local');
    expect(messageIdOf('Subject: s\r\nMessage-Id:\r\n <abc@h>\r\n\r\nx')).toBe('abc@h');
    expect(messageIdOf('Subject: s\r\n\r\nMessage-ID: <not-a-header@h>')).toBeNull();
  });

  it('names another database on the same server, keeping credentials and options', () => {
    expect(siblingDatabaseUrl('postgresql://postgres:pw@127.0.0.1:5432/bench?sslmode=disable', 'bench_on_1')).toBe('postgresql://postgres:pw@127.0.0.1:5432/bench_on_1?sslmode=disable');
    expect(() => siblingDatabaseUrl('postgresql://127.0.0.1/bench', 'x; DROP')).toThrow('not a plain database name');
  });

  it('gives ratios and verdicts against a goal', () => {
    expect(ratioOf(130, 100)).toBe(1.3);
    expect(ratioOf(1, 0)).toBeNaN();
    expect(verdict(1.3, { atMost: 1.3 })).toBe('PASS');
    expect(verdict(1.31, { atMost: 1.3 })).toBe('FAIL');
    expect(verdict(0.79, { atLeast: 0.8 })).toBe('FAIL');
    expect(verdict(NaN, { atLeast: 0.8 })).toBe('FAIL');
  });

  it('alternates which side runs first, round by round', () => {
    expect(schedulerTurns(1)).toEqual(['off', 'on']);
    expect(schedulerTurns(2)).toEqual(['off', 'on', 'on', 'off']);
  });

  it('finds the connection a notification is about, from its data or else its link', () => {
    const id = '5d0e7a52-8a3f-4d7e-9b1c-0f6c2b7e9a11';
    expect(connectionOf({ data: { connectionId: id } })).toBe(id);
    expect(connectionOf({ data: { connection: { id } } })).toBe(id);
    expect(connectionOf({ link: `/events/e/connections/${id}`, data: {} })).toBe(id);
    expect(connectionOf({ link: '/events/e/meetings', data: {} })).toBeUndefined();
  });

  it('averages one side of the turns only', () => {
    const turns = [
      { side: 'a', v: 1 },
      { side: 'b', v: 100 },
      { side: 'a', v: 2.25 },
    ];
    expect(
      sideMean(
        turns,
        (t) => t.side === 'a',
        (t) => t.v,
        1,
      ),
    ).toBe(1.6);
    expect(
      sideMean(
        turns,
        (t) => t.side === 'b',
        (t) => t.v,
        0,
      ),
    ).toBe(100);
  });
});
