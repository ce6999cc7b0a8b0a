import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { io } from 'socket.io-client';
import { OpenApiDocument, fillPath, operations } from '../factories/openapi';
import { ack, closeAllSockets, connect, createLiveTestApp } from '../factories/live';
import { Account, World } from '../factories/world';

/**
 * Forged, tampered and expired bearer tokens (issue 7, item 4): refused on
 * every guarded REST route and in the socket handshake, with a code, and never
 * taken for anyone. Roles always come from the database, not from the token.
 */
const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('security: tampered and expired tokens', () => {
  let live: Awaited<ReturnType<typeof createLiveTestApp>>;
  let w: World;
  let member: Account;
  let admin: Account;
  let secret: string;
  let forged: Record<string, { token: string; code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' }>;

  beforeAll(async () => {
    live = await createLiveTestApp();
    w = new World(live.api);
    admin = await w.admin();
    member = await w.account('member');
    secret = live.api.config.jwtSecret!;
    const [header, payload, signature] = member.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const sign = (alg: 'sha256' | 'sha512', data: string, key = secret) => createHmac(alg, key).update(data).digest('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    const adminClaims = { ...claims, sub: admin.id, email: admin.email, roles: ['admin', 'organizer'] };
    const hs512 = `${b64url({ alg: 'HS512', typ: 'JWT' })}.${payload}`;
    forged = {
      'signature flipped': { token: `${header}.${payload}.${flipped}`, code: 'UNAUTHENTICATED' },
      'signature dropped': { token: `${header}.${payload}.`, code: 'UNAUTHENTICATED' },
      'alg none': { token: `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`, code: 'UNAUTHENTICATED' },
      'alg None, admin claims': { token: `${b64url({ alg: 'None', typ: 'JWT' })}.${b64url(adminClaims)}.`, code: 'UNAUTHENTICATED' },
      'claims swapped for the admin, old signature': { token: `${header}.${b64url(adminClaims)}.${signature}`, code: 'UNAUTHENTICATED' },
      'signed with another secret': { token: new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256-000' }).sign(adminClaims), code: 'UNAUTHENTICATED' },
      'HS512 with the right secret (only HS256 is accepted)': { token: `${hs512}.${sign('sha512', hs512)}`, code: 'UNAUTHENTICATED' },
      'expired (right secret)': { token: new JwtService({ secret }).sign({ sub: member.id, email: member.email, roles: [] }, { expiresIn: -10 }), code: 'TOKEN_EXPIRED' },
      'not valid yet (nbf in an hour)': { token: new JwtService({ secret }).sign({ sub: member.id, email: member.email, roles: [] }, { notBefore: 3600 }), code: 'UNAUTHENTICATED' },
      'right secret, unknown user': {
        token: new JwtService({ secret }).sign({ sub: '00000000-0000-4000-8000-000000000000', email: 'ghost@example.test', roles: ['admin'] }),
        code: 'UNAUTHENTICATED',
      },
      'right secret, no subject': { token: new JwtService({ secret }).sign({ email: member.email, roles: ['admin'] }), code: 'UNAUTHENTICATED' },
      'two segments': { token: `${header}.${payload}`, code: 'UNAUTHENTICATED' },
      garbage: { token: 'eyJ.eyJ.eyJ', code: 'UNAUTHENTICATED' },
    };
  });

  afterEach(() => closeAllSockets());
  afterAll(() => live.close());

  it('refuses every forged or expired token on every guarded route with 401 and its code', async () => {
    const doc = (await live.api.http.get('/api/docs-json')).body as OpenApiDocument;
    const guarded = operations(doc).filter((o) => o.path.startsWith('/api') && (doc.paths[o.path][o.method.toLowerCase()] as { security?: unknown[] }).security?.length);
    expect(guarded.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const op of guarded) {
      const url = fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p.name, '00000000-0000-4000-8000-000000000000'])));
      await Promise.all(
        Object.entries(forged).map(async ([name, { token, code }]) => {
          const res = await (live.api.http as unknown as Record<string, (u: string) => import('supertest').Test>)
            [op.method.toLowerCase()](url)
            .set('Authorization', `Bearer ${token}`)
            .send({});
          if (res.status !== 401 || res.body.code !== code) wrong.push(`${op.route} with ${name}: ${res.status} ${res.body.code}`);
        }),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('takes roles from the database: a genuine token that claims admin gives a member nothing more', async () => {
    const boasting = new JwtService({ secret }).sign({ sub: member.id, email: member.email, roles: ['admin', 'organizer'] });
    const users = await live.api.http.get('/api/users').set('Authorization', `Bearer ${boasting}`);
    expect(users.status).toBe(403);
    const me = await live.api.http.get('/api/me').set('Authorization', `Bearer ${boasting}`);
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual([]);
  });

  it('takes the token from the Authorization header only, as a Bearer', async () => {
    const variants: [string, (r: import('supertest').Test) => import('supertest').Test][] = [
      ['query string', (r) => r.query({ access_token: member.token, token: member.token })],
      ['cookie', (r) => r.set('Cookie', `token=${member.token}; access_token=${member.token}`)],
      ['Basic scheme', (r) => r.set('Authorization', `Basic ${member.token}`)],
      ['no scheme', (r) => r.set('Authorization', member.token)],
      ['two tokens', (r) => r.set('Authorization', `Bearer ${member.token} ${member.token}`)],
    ];
    for (const [name, apply] of variants) {
      const res = await apply(live.api.http.get('/api/me'));
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
    }
    expect((await live.api.http.get('/api/me').set('Authorization', `bearer ${member.token}`)).status).toBe(200);
  });

  it('refuses the same tokens in the socket handshake (connect_error with the code) and accepts the genuine one', async () => {
    for (const [name, { token, code }] of Object.entries(forged)) {
      const refused = await connect(live.gateway.url, token).then(
        () => null,
        (error: Error & { data?: { code?: string } }) => error,
      );
      expect({ name, code: refused?.data?.code }).toEqual({ name, code });
    }
    const ok = await connect(live.gateway.url, member.token);
    expect(ok.connected).toBe(true);
    expect(await ack(ok, 'event.subscribe', { eventId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('does not take a token from the handshake query string', async () => {
    const socket = io(`${live.gateway.url}/live`, { query: { token: member.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const error = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
        socket.once('connect', () => reject(new Error('connected with a token in the query string')));
        socket.once('connect_error', resolve);
      });
      expect(error.data?.code).toBe('UNAUTHENTICATED');
    } finally {
      socket.close();
    }
  });
});
