import { allowedTransitions, canTransition, registrationOpen } from './event-status';

describe('event lifecycle', () => {
  it('moves forward draft → registration_open → live → closed', () => {
    expect(canTransition('draft', 'registration_open')).toBe(true);
    expect(canTransition('registration_open', 'live')).toBe(true);
    expect(canTransition('live', 'closed')).toBe(true);
  });

  it('allows pausing registration, but never skipping or reopening', () => {
    expect(canTransition('registration_open', 'draft')).toBe(true);
    expect(canTransition('draft', 'live')).toBe(false);
    expect(canTransition('draft', 'closed')).toBe(false);
    expect(canTransition('live', 'registration_open')).toBe(false);
    expect(allowedTransitions('closed')).toEqual([]);
  });

  it('takes registrations while open, and while live only from walk-ins the organizers allow', () => {
    expect(registrationOpen({ status: 'registration_open', walkInRegistration: false })).toBe(true);
    expect(registrationOpen({ status: 'live', walkInRegistration: true })).toBe(true);
    expect(registrationOpen({ status: 'live', walkInRegistration: false })).toBe(false);
    for (const status of ['draft', 'closed'] as const) expect(registrationOpen({ status, walkInRegistration: true })).toBe(false);
  });
});
