import { createHmac } from 'node:crypto';
import { loadConfig } from '@tradebridge/core';
import { callWindow, windowState } from './call-window';
import { turnCredentials } from './turn-credentials';

describe('TURN credentials (coturn REST-API scheme)', () => {
  const turn = { urls: ['turn:turn.example.vn:3478?transport=udp', 'turns:turn.example.vn:5349'], secret: 'north-star-shared-secret', ttlSeconds: 3600 };
  const now = new Date('2025-11-22T02:00:00.250Z'); // unix 1763776800.25

  it('names the user "<unix expiry>:<user id>", the expiry ttl seconds from now, whole seconds', () => {
    const server = turnCredentials(turn, 'user-1', now);
    expect(server.username).toBe('1763780400:user-1');
    expect(Number(server.username!.split(':')[0])).toBe(Math.floor(now.getTime() / 1000) + 3600);
    expect(server.urls).toEqual(turn.urls);
  });

  it('gives base64(HMAC-SHA1(secret, username)) as the password, as coturn recomputes it', () => {
    const server = turnCredentials(turn, 'user-1', now);
    expect(server.credential).toBe(createHmac('sha1', 'north-star-shared-secret').update('1763780400:user-1').digest('base64'));
    // SHA-1 is 20 bytes: 28 base64 characters.
    expect(server.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(turnCredentials({ ...turn, secret: 'other' }, 'user-1', now).credential).not.toBe(server.credential);
  });
});

describe('the call window', () => {
  const meeting = { startsAt: new Date('2025-11-22T02:00:00Z'), endsAt: new Date('2025-11-22T02:30:00Z') };
  const window = callWindow(meeting, { opensMinutes: 10, closesMinutes: 10 });

  it('opens before the start and closes after the end', () => {
    expect(window).toEqual({ opensAt: new Date('2025-11-22T01:50:00Z'), closesAt: new Date('2025-11-22T02:40:00Z') });
    expect(windowState(window, new Date('2025-11-22T01:49:59.999Z'))).toBe('early');
    expect(windowState(window, new Date('2025-11-22T01:50:00Z'))).toBe('open');
    expect(windowState(window, new Date('2025-11-22T02:39:59.999Z'))).toBe('open');
    expect(windowState(window, new Date('2025-11-22T02:40:00Z'))).toBe('late');
  });
});

describe('call configuration', () => {
  it('has no ICE server by default (host candidates) and no TURN', () => {
    expect(loadConfig({}).calls).toEqual({ opensMinutes: 10, closesMinutes: 10, iceServers: [], turn: null });
  });

  it('reads ICE_SERVERS as RTCIceServer JSON, and TURN_URLS with TURN_SECRET', () => {
    const calls = loadConfig({
      ICE_SERVERS: '[{"urls":"stun:stun.example.vn:3478"},{"urls":["turn:a.example.vn"],"username":"u","credential":"p"}]',
      TURN_URLS: 'turn:turn.example.vn:3478, turns:turn.example.vn:5349',
      TURN_SECRET: 's3cret',
      TURN_TTL_SECONDS: '600',
      MEETING_ROOM_OPENS_MINUTES: '5',
      MEETING_ROOM_CLOSES_MINUTES: '0',
    }).calls;
    expect(calls).toEqual({
      opensMinutes: 5,
      closesMinutes: 0,
      iceServers: [{ urls: 'stun:stun.example.vn:3478' }, { urls: ['turn:a.example.vn'], username: 'u', credential: 'p' }],
      turn: { urls: ['turn:turn.example.vn:3478', 'turns:turn.example.vn:5349'], secret: 's3cret', ttlSeconds: 600 },
    });
  });

  it('refuses malformed ICE and TURN settings, naming them', () => {
    expect(() => loadConfig({ ICE_SERVERS: 'stun:x' })).toThrow(/ICE_SERVERS must be a JSON array/);
    expect(() => loadConfig({ ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/ICE_SERVERS\[0\]/);
    expect(() => loadConfig({ TURN_URLS: 'turn:x' })).toThrow(/TURN_URLS and TURN_SECRET must be set together/);
    expect(() => loadConfig({ TURN_URLS: 'stun:x', TURN_SECRET: 's' })).toThrow(/TURN_URLS entry "stun:x"/);
  });
});
