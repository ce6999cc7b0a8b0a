import { createTestApp, TestApp } from '../factories/app';
import { createIsolatedDatabase } from '../factories/database-guard';
import { Account, World } from '../factories/world';

/**
 * Login brute force (issue 7, item 4). The throttle lives in PostgreSQL
 * (login_failures), so every API process applies it. Here: 3 failures per
 * e-mail, 12 per client address, in a 60 s window. Client addresses come from
 * X-Forwarded-For, which the API trusts from the proxies in TRUST_PROXY only
 * (loopback by default).
 * An e-mail counts attempts still being checked; an address only failures.
 */
const PASSWORD = 'correct horse battery staple';
const MAX = 3;
const PER_ADDRESS = MAX * 4;

describe('security: login brute force is throttled', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: String(MAX), LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS), LOGIN_WINDOW_SECONDS: '60' });
    w = new World(t);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) => t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  let ipCounter = 10;
  const freshIp = () => `198.51.100.${ipCounter++}`;

  it('refuses an e-mail after its failures, even with the right password, with 429 and Retry-After', async () => {
    const victim = await w.account('victim');
    const ip = freshIp();
    for (let i = 0; i < MAX; i++) {
      const res = await login(victim.email, `wrong password ${i}`, ip);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    }
    const locked = await login(victim.email, PASSWORD, ip);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.body.accessToken).toBeUndefined();
    // Another address, another spelling of the same e-mail: still the same account, still locked.
    const elsewhere = await login(victim.email.toUpperCase(), PASSWORD, freshIp());
    expect(elsewhere.status).toBe(429);
  });

  it('keeps other accounts usable, and a successful login clears the failures', async () => {
    const ip = freshIp();
    const other = await w.account('other');
    const res = await login(other.email, 'nope nope nope', ip);
    expect(res.status).toBe(401);
    const ok = await login(other.email, PASSWORD, ip);
    expect(ok.status).toBe(200);
    expect(typeof ok.body.accessToken).toBe('string');
    for (let i = 0; i < MAX; i++) expect((await login(other.email, 'nope nope nope', ip)).status).toBe(401);
    expect((await login(other.email, PASSWORD, ip)).status).toBe(429);
  });

  it('refuses a client address after its failures, whatever the e-mail', async () => {
    const ip = freshIp();
    for (let i = 0; i < PER_ADDRESS; i++) {
      const res = await login(`nobody-${i}@example.test`, 'guess', ip);
      expect(res.status).toBe(401);
    }
    const real: Account = await w.account('from-the-same-address');
    expect((await login(real.email, PASSWORD, ip)).status).toBe(429);
    expect((await login(real.email, PASSWORD, freshIp())).status).toBe(200);
  });

  it('lets many enterprises behind one venue address sign in at once, more than its failure limit', async () => {
    const ip = freshIp();
    const accounts = await Promise.all(Array.from({ length: PER_ADDRESS * 3 }, (_, i) => w.account(`venue-${i}`)));
    // One typo first: the address has failures of its own, under its limit.
    expect((await login(accounts[0].email, 'typo', ip)).status).toBe(401);
    const answers = await Promise.all(accounts.map((a) => login(a.email, PASSWORD, ip)));
    expect(answers.map((r) => r.status)).toEqual(accounts.map(() => 200));
  });

  it('lets no more than the allowed guesses through when they come all at once', async () => {
    const victim = await w.account('parallel');
    const ips = Array.from({ length: 30 }, () => freshIp());
    const answers = await Promise.all(ips.map((ip, i) => login(victim.email, `parallel guess ${i}`, ip)));
    const checked = answers.filter((r) => r.status === 401).length;
    const refused = answers.filter((r) => r.status === 429).length;
    // At most MAX passwords were checked (fewer when refused guesses crowd the window), every other guess was refused…
    expect(checked).toBeLessThanOrEqual(MAX);
    expect(refused).toBe(30 - checked);
    // …and guessing on one at a time, exactly MAX are checked in all before the lock.
    let more = 0;
    for (let i = 0; i <= MAX; i++) {
      const res = await login(victim.email, 'one more guess', freshIp());
      if (res.status !== 401) break;
      more++;
    }
    expect(checked + more).toBe(MAX);
    expect((await login(victim.email, PASSWORD, freshIp())).status).toBe(429);
  });

  it('opens again once the window has passed', async () => {
    const short = await createTestApp({ LOGIN_MAX_FAILURES: '2', LOGIN_WINDOW_SECONDS: '2' });
    try {
      const account = await new World(short).account('patient');
      const attempt = (password: string) => short.http.post('/api/auth/login').set('X-Forwarded-For', '192.0.2.1').send({ email: account.email, password });
      expect((await attempt('x1')).status).toBe(401);
      expect((await attempt('x2')).status).toBe(401);
      expect((await attempt(PASSWORD)).status).toBe(429);
      await new Promise((r) => setTimeout(r, 2_100));
      expect((await attempt(PASSWORD)).status).toBe(200);
    } finally {
      await short.close();
    }
  });
});

/**
 * Behind docker-compose.yml's nginx the API sees the proxy's address on the
 * compose network, not loopback: TRUST_PROXY says which proxies' X-Forwarded-For
 * to believe. A client (here on loopback) that is not a listed proxy cannot
 * pick its address with the header: its failures count against its own.
 * A database of its own: the failures it makes are 127.0.0.1's, which the
 * other specs' apps (trusting loopback) would otherwise count too.
 */
describe('security: the client address comes from the proxies in TRUST_PROXY only', () => {
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    database = await createIsolatedDatabase('trust_proxy');
    t = await createTestApp({ DATABASE_URL: database.url, LOGIN_MAX_FAILURES_PER_ADDRESS: '3', LOGIN_WINDOW_SECONDS: '60', TRUST_PROXY: '10.0.0.0/8' });
    w = new World(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('counts the failures of a client outside TRUST_PROXY against its own address, whatever X-Forwarded-For says', async () => {
    const real = await w.account('forger');
    for (let i = 0; i < 3; i++) {
      const res = await t.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .send({ email: `forged-${i}@example.test`, password: 'guess' });
      expect(res.status).toBe(401);
    }
    const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.99').send({ email: real.email, password: 'correct horse battery staple' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
  });
});
