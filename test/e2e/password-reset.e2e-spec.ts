import { createTestApp, TestApp } from '../factories/app';
import { World } from '../factories/world';
import { mailQueueName } from '../factories/mail';
import { eventually } from '../factories/smtp';

describe('password reset', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp({ MAIL_QUEUE: mailQueueName('reset'), MAIL_POLL_SECONDS: '1', LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '60' });
    world = new World(t);
  });
  afterAll(() => t.close());

  /** The reset link of the newest reset e-mail to `email`, read from the built-in mailbox. */
  async function resetLink(email: string, after = 0): Promise<string> {
    let link = '';
    const arrived = await eventually(async () => {
      const rows = await t.db.query<{ text_body: string }[]>(`SELECT text_body FROM mailbox WHERE to_address = $1 AND kind = 'password-reset' ORDER BY id`, [email]);
      if (rows.length <= after) return false;
      link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(rows[rows.length - 1].text_body)?.[0] ?? '';
      return link !== '';
    }, 20_000);
    if (!arrived) throw new Error(`no reset e-mail for ${email}`);
    return link;
  }

  it('answers the same for an unknown e-mail, sends nothing for it', async () => {
    const known = await world.account('known');
    const a = await t.http.post('/api/auth/password-reset').send({ email: known.email });
    const b = await t.http.post('/api/auth/password-reset').send({ email: 'nobody.here@example.test' });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body).toEqual(a.body);
    await resetLink(known.email);
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM mailbox WHERE to_address = 'nobody.here@example.test'`);
    expect(n).toBe(0);
  });

  it('the link works once, ends older sessions, and the new password logs in; opening the page consumes nothing', async () => {
    const user = await world.account('forgetful');
    await t.db.query(`UPDATE users SET locale = 'vi' WHERE id = $1`, [user.id]);
    await t.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const link = await resetLink(user.email);
    const [{ subject }] = await t.db.query<{ subject: string }[]>(`SELECT subject FROM mailbox WHERE to_address = $1`, [user.email]);
    expect(subject).toBe('Đặt lại mật khẩu TradeBridge');
    const token = new URL(link).searchParams.get('token')!;
    const [{ stored }] = await t.db.query<{ stored: number }[]>(`SELECT count(*)::int AS stored FROM password_resets WHERE token_hash = $1`, [token]);
    expect(stored).toBe(0); // only the hash is kept

    // A mail filter fetching the link: the page is served, the token stays usable.
    await t.http.get(new URL(link).pathname + new URL(link).search).set('Accept', 'text/html');
    const [{ used }] = await t.db.query<{ used: number }[]>(`SELECT count(*)::int AS used FROM password_resets WHERE user_id = $1 AND used_at IS NOT NULL`, [user.id]);
    expect(used).toBe(0);

    expect((await t.http.get('/api/me').set(user.auth)).status).toBe(200);
    const confirm = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new horse battery' });
    expect(confirm.status).toBe(204);

    const old = await t.http.get('/api/me').set(user.auth);
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('UNAUTHENTICATED');
    expect(old.body.message).toMatch(/session was ended/);
    expect((await t.http.post('/api/auth/login').send({ email: user.email, password: 'correct horse battery staple' })).status).toBe(401);
    const login = await t.http.post('/api/auth/login').send({ email: user.email, password: 'a brand new horse battery' });
    expect(login.status).toBe(200);
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`)).status).toBe(200);

    const again = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'yet another horse battery' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'RESET_TOKEN_INVALID', details: { fields: [{ field: 'token' }] } });
  });

  it('a link is dead after 1 hour', async () => {
    const user = await world.account('late');
    await t.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const token = new URL(await resetLink(user.email)).searchParams.get('token')!;
    const issued = t.clock.now();
    t.clock.set(new Date(issued.getTime() + 3600_000 + 1000));
    try {
      const late = await t.http.post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new horse battery' });
      expect(late.status).toBe(400);
      expect(late.body.code).toBe('RESET_TOKEN_INVALID');
    } finally {
      t.clock.set(issued);
    }
  });

  it('refuses a bad password like registration, an unknown token with a code', async () => {
    const weak = await t.http.post('/api/auth/password-reset/confirm').send({ token: 'whatever', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('VALIDATION_FAILED');
    expect(weak.body.details.fields.map((f: { field: string }) => f.field)).toContain('password');
    const unknown = await t.http.post('/api/auth/password-reset/confirm').send({ token: 'not-a-real-token', password: 'a brand new horse battery' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('RESET_TOKEN_INVALID');
  });

  it('is throttled per e-mail like login (429 TOO_MANY_ATTEMPTS with Retry-After)', async () => {
    const email = 'flood.target@example.test';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await t.http.post('/api/auth/password-reset').send({ email }));
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([202, 202, 202]);
    const refused = answers[4];
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.headers['retry-after']).toBe('60');
  });

  it('counts reset requests apart from logins, by address too: asking for links never locks an office out of logging in', async () => {
    const strict = await createTestApp({ MAIL_WORKER: 'off', LOGIN_MAX_FAILURES_PER_ADDRESS: '3', LOGIN_WINDOW_SECONDS: '60' });
    try {
      const account = await new World(strict).account('office');
      const office = '198.51.100.23';
      // As many as the address may ask for (each counts against it)…
      for (let i = 0; i < 3; i++) {
        const asked = await strict.http
          .post('/api/auth/password-reset')
          .set('X-Forwarded-For', office)
          .send({ email: `colleague${i}@example.test` });
        expect(asked.status).toBe(202);
      }
      // …and its logins still go through.
      const login = await strict.http.post('/api/auth/login').set('X-Forwarded-For', office).send({ email: account.email, password: 'correct horse battery staple' });
      expect({ status: login.status, code: login.body.code }).toEqual({ status: 200, code: undefined });
    } finally {
      await strict.close();
    }
  });
});
