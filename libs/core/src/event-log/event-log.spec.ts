import { EventLogEntry } from './event-log.entity';
import { notification, parseNotification } from './event-log.repository';

describe('event-log notifications', () => {
  const entry = Object.assign(new EventLogEntry(), {
    eventId: '0b9f3c59-2c4e-4a8f-9d1e-3b2f1a7c5e61',
    seq: 42,
    type: 'connection.accepted',
    data: { connection: { id: 'c1', status: 'accepted' }, note: 'Sầu riêng: 榴莲' },
    actorUserId: null,
    registrationIds: ['r1', 'r2'],
    createdAt: new Date('2021-01-19T02:00:00.000Z'),
  });

  it('carries a small entry whole, and reads it back equal', () => {
    const parsed = parseNotification(notification(entry));
    expect(parsed).toEqual({ eventId: entry.eventId, seq: 42, entry });
  });

  it('announces a large entry by event and seq only', () => {
    const big = Object.assign(new EventLogEntry(), { ...entry, data: { blob: 'x'.repeat(10_000) } });
    const payload = notification(big);
    expect(payload).toBe(`${entry.eventId}:42`);
    expect(parseNotification(payload)).toEqual({ eventId: entry.eventId, seq: 42 });
  });

  it('ignores what it cannot read', () => {
    expect(parseNotification('nonsense')).toBeNull();
    expect(parseNotification(`${entry.eventId}:42:{not json`)).toEqual({ eventId: entry.eventId, seq: 42 });
  });
});
