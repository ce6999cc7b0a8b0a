import { createTestApp, TestApp } from '../factories/app';
import { uniqueEmail, World } from '../factories/world';

describe('accounts: register, login, me, platform roles', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '60' });
    world = new World(t);
  });
  afterAll(() => t.close());

  it('registers, logs in and answers /api/me without exposing the password hash', async () => {
    const email = uniqueEmail('Hoa').toUpperCase();
    const reg = await t.http.post('/api/auth/register').send({ email, password: 'correct horse battery', displayName: 'Nguyễn Thị Hoa' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ email: email.toLowerCase(), displayName: 'Nguyễn Thị Hoa', roles: [] });
    expect(JSON.stringify(reg.body)).not.toMatch(/argon|password/i);

    const login = await t.http.post('/api/auth/login').send({ email: email.toLowerCase(), password: 'correct horse battery' });
    expect(login.status).toBe(200);
    expect(login.body.tokenType).toBe('Bearer');
    expect(login.body.expiresIn).toBe(3600);

    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: reg.body.id, email: email.toLowerCase(), enterprises: [], staffOf: [] });
  });

  it('stores the password as an argon2id hash', async () => {
    const account = await world.account();
    const [row] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [account.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a second account with the same e-mail in any case (409 EMAIL_TAKEN)', async () => {
    const email = uniqueEmail();
    await t.http.post('/api/auth/register').send({ email, password: 'correct horse battery', displayName: 'A' }).expect(201);
    const again = await t.http.post('/api/auth/register').send({ email: email.toUpperCase(), password: 'another long password', displayName: 'B' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
    expect(again.body.details.fields).toEqual([{ field: 'email', message: 'is already registered' }]);
  });

  it('lists every bad field of a registration at once', async () => {
    const res = await t.http.post('/api/auth/register').send({ email: 'not-an-email', password: 'short', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = [...new Set(res.body.details.fields.map((f: { field: string }) => f.field))].sort();
    expect(fields).toEqual(['displayName', 'email', 'extra', 'password']);
    expect(res.body.message).toMatch(/email/);
  });

  it('says "is required" once for a missing field, with the rule and limit of each other bad field', async () => {
    const res = await t.http.post('/api/auth/register').send({ email: uniqueEmail(), password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields).toEqual([
      { field: 'password', message: 'must be longer than or equal to 10 characters', rule: 'minLength', limit: 10 },
      { field: 'displayName', message: 'is required', rule: 'required' },
    ]);
    expect(res.body.message).toBe('Invalid request: password must be longer than or equal to 10 characters; displayName is required');
  });

  it('refuses blank and all-whitespace passwords, and a password equal to the e-mail, naming password (400, nothing written)', async () => {
    const email = uniqueEmail('Blank');
    for (const password of ['          ', ' \t \n        ', '\u3000'.repeat(12)]) {
      const res = await t.http.post('/api/auth/register').send({ email, password, displayName: 'Blank' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields).toContainEqual(expect.objectContaining({ field: 'password', message: 'must not be blank or only spaces' }));
    }
    const long = uniqueEmail('SameAsMail');
    for (const password of [long, ` ${long.toUpperCase()} `]) {
      const res = await t.http.post('/api/auth/register').send({ email: long, password, displayName: 'Same' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields).toContainEqual(expect.objectContaining({ field: 'password', message: 'must not be the same as the e-mail address' }));
    }
    // The length rule stays.
    const short = await t.http.post('/api/auth/register').send({ email, password: 'abc', displayName: 'Short' });
    expect(short.status).toBe(400);
    expect(short.body.details.fields.map((f: { field: string }) => f.field)).toContain('password');
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM users WHERE email IN ($1, $2)', [email.toLowerCase(), long.toLowerCase()]);
    expect(n).toBe(0);
    // A password with inner spaces is fine.
    expect((await t.http.post('/api/auth/register').send({ email, password: '  correct horse  ', displayName: 'Spaces' })).status).toBe(201);
  });

  it('answers a malformed JSON body with 400 VALIDATION_FAILED, not a 500', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses wrong passwords with 401 INVALID_CREDENTIALS and throttles repeated failures (429)', async () => {
    const account = await world.account();
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post('/api/auth/login').send({ email: account.email, password: 'wrong password!!' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
    // Even the right password is refused while throttled.
    const blocked = await t.http.post('/api/auth/login').send({ email: account.email, password: 'correct horse battery staple' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.headers['retry-after']).toBe('60');
  });

  it('refuses missing, tampered and expired tokens with 401', async () => {
    const account = await world.account();
    const none = await t.http.get('/api/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');

    const [header, payload, signature] = account.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const tampered = await t.http.get('/api/me').set('Authorization', `Bearer ${header}.${forged}.${signature}`);
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('UNAUTHENTICATED');

    const { JwtService } = await import('@nestjs/jwt');
    const expired = new JwtService({ secret: t.config.jwtSecret }).sign({ sub: account.id, email: account.email, roles: [] }, { expiresIn: -10 });
    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('lets only an admin grant the organizer role, effective on the next request', async () => {
    const admin = await world.admin();
    const user = await world.account();
    const denied = await t.http
      .patch(`/api/users/${user.id}`)
      .set(user.auth)
      .send({ roles: ['admin'] });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');

    // Before the grant the user cannot create events; after it the same token can.
    const event = { name: { en: 'Trade day' }, timezone: 'Asia/Ho_Chi_Minh', startsAt: '2026-01-01T01:00:00Z', endsAt: '2026-01-01T09:00:00Z' };
    expect((await t.http.post('/api/events').set(user.auth).send(event)).status).toBe(403);
    const granted = await t.http
      .patch(`/api/users/${user.id}`)
      .set(admin.auth)
      .send({ roles: ['organizer'] });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(['organizer']);
    expect((await t.http.post('/api/events').set(user.auth).send(event)).status).toBe(201);

    const bad = await t.http
      .patch(`/api/users/${user.id}`)
      .set(admin.auth)
      .send({ roles: ['emperor'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('roles');
    const notUuid = await t.http.patch('/api/users/123').set(admin.auth).send({ roles: [] });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.details.fields).toEqual([{ field: 'id', message: 'must be a UUID', rule: 'isUuid' }]);
  });

  it('creates the first admin once, with credentials to print', async () => {
    const { AccountsService } = await import('@tradebridge/accounts');
    const accounts = t.app.get(AccountsService);
    // Other test files create admins too, so the bootstrap may find one already: either way, a second call creates nothing.
    await accounts.ensureAdmin();
    expect(await accounts.ensureAdmin()).toBeNull();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles)`);
    expect(n).toBeGreaterThan(0);
  });
});
