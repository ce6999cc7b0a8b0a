import { ConfigError, loadConfig, parseDuration } from './config';

describe('loadConfig', () => {
  it('has working defaults for a newcomer (embedded PostgreSQL, port 3000)', () => {
    const config = loadConfig({}, '/srv/tb');
    expect(config).toMatchObject({ env: 'development', port: 3000, gatewayPort: 3001, dataDir: '/srv/tb/data', jwtTtlSeconds: 43200 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('reads and types every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgresql://tb:pw@db:5432/tradebridge',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 'x'.repeat(40),
      JWT_TTL: '15m',
      ADMIN_EMAIL: 'ops@tradebridge.vn',
      ADMIN_PASSWORD: 'a-long-enough-password',
      DATA_DIR: '/var/lib/tradebridge',
      CORS_ORIGINS: 'https://hoinghi.laocai.gov.vn, https://trade.example.cn',
      LOGIN_MAX_FAILURES: '10',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '200',
    });
    expect(config).toMatchObject({
      env: 'production',
      port: 8080,
      databaseUrl: 'postgresql://tb:pw@db:5432/tradebridge',
      redisUrl: 'redis://cache:6379',
      jwtTtlSeconds: 900,
      adminEmail: 'ops@tradebridge.vn',
      dataDir: '/var/lib/tradebridge',
      corsOrigins: ['https://hoinghi.laocai.gov.vn', 'https://trade.example.cn'],
      loginThrottle: { maxFailures: 10, maxFailuresPerAddress: 200, windowSeconds: 300 },
    });
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: '::', JWT_SECRET: 'short', JWT_TTL: 'forever', ADMIN_EMAIL: 'nobody', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'JWT_TTL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LOG_LEVEL']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:/);
  });

  it('refuses an ADMIN_PASSWORD that is only whitespace or equal to ADMIN_EMAIL', () => {
    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problemsOf({ ADMIN_EMAIL: 'boss@example.vn', ADMIN_PASSWORD: '            ' })).toContain('ADMIN_PASSWORD must not be blank or only spaces');
    expect(problemsOf({ ADMIN_EMAIL: 'boss@example.vn', ADMIN_PASSWORD: 'BOSS@example.vn' })).toContain('ADMIN_PASSWORD must not be the same as the e-mail address');
    expect(problemsOf({ ADMIN_EMAIL: 'boss@example.vn', ADMIN_PASSWORD: 'short' })).toContain('ADMIN_PASSWORD must be at least 10 characters');
    expect(problemsOf({ ADMIN_EMAIL: 'boss@example.vn', ADMIN_PASSWORD: 'a long enough password' })).toEqual([]);
  });

  it('keeps CORS_ORIGINS as the exact origins browsers send, and refuses anything else', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://Trade.Example.vn:443/, http://localhost:5173,https://trade.example.vn' }).corsOrigins).toEqual([
      'https://trade.example.vn',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'trade.example.vn', 'ftp://trade.example.vn', 'https://trade.example.vn/app', 'https://user@trade.example.vn', 'https://trade.example.vn?x=1', 'null']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS entry/);
    }
  });

  it('reads TRUST_PROXY: loopback by default, names, addresses and CIDR ranges, and refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, uniquelocal,10.0.0.0/8 ,fd00::/8,192.0.2.7, linklocal' }).trustProxy).toEqual([
      'loopback',
      'uniquelocal',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.7',
      'linklocal',
    ]);
    for (const bad of ['nginx', '10.0.0.0/33', '300.1.1.1', 'fd00::/129', '10.0.0.0/', 'true', '1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY entry/);
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('reads the attendance rules: held and no-show thresholds in minutes (fractions allowed), the sweep, and off', () => {
    expect(loadConfig({}).attendance).toEqual({ enabled: true, heldMinutes: 5, noShowMinutes: 10, sweepSeconds: 30 });
    expect(loadConfig({ MEETING_HELD_MINUTES: '0.1', MEETING_NO_SHOW_MINUTES: '15', MEETING_ATTENDANCE: 'off', MEETING_ATTENDANCE_SWEEP_SECONDS: '2' }).attendance).toEqual({
      enabled: false,
      heldMinutes: 0.1,
      noShowMinutes: 15,
      sweepSeconds: 2,
    });
    expect(() => loadConfig({ MEETING_HELD_MINUTES: 'five' })).toThrow(/MEETING_HELD_MINUTES must be a number of minutes between 0.05 and 240 \(got "five"\)/);
    expect(() => loadConfig({ MEETING_ATTENDANCE: 'maybe' })).toThrow(/MEETING_ATTENDANCE must be on or off/);
  });

  it('reads the meetings settings: the scheduler lead time and the shortest meeting', () => {
    expect(loadConfig({}).meetings).toEqual({ scheduleLeadMinutes: 10, minMinutes: 10 });
    expect(loadConfig({ SCHEDULE_LEAD_MINUTES: '0', MEETING_MIN_MINUTES: '15' }).meetings).toEqual({ scheduleLeadMinutes: 0, minMinutes: 15 });
    // The database refuses meetings under 5 minutes, so the setting cannot go below that.
    expect(() => loadConfig({ MEETING_MIN_MINUTES: '4' })).toThrow(/MEETING_MIN_MINUTES must be an integer between 5 and 240/);
    expect(() => loadConfig({ SCHEDULE_LEAD_MINUTES: '-1' })).toThrow(/SCHEDULE_LEAD_MINUTES must be an integer between 0 and 1440/);
  });

  it('drains 5 s before a shutdown in production and not at all on a developer machine, unless told', () => {
    expect(loadConfig({}).shutdownDrainSeconds).toBe(0);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).shutdownDrainSeconds).toBe(5);
    expect(loadConfig({ SHUTDOWN_DRAIN_SECONDS: '2' }).shutdownDrainSeconds).toBe(2);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '-1' })).toThrow(/SHUTDOWN_DRAIN_SECONDS must be an integer between 0 and 60/);
  });

  it('reads the database timeouts, a few seconds by default', () => {
    expect(loadConfig({}).database).toEqual({ statementTimeoutMs: 5_000, connectTimeoutMs: 5_000 });
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '30000', DATABASE_CONNECT_TIMEOUT_MS: '2000' }).database).toEqual({ statementTimeoutMs: 30_000, connectTimeoutMs: 2_000 });
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS must be an integer/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['900', 900],
    ['15m', 900],
    ['12h', 43200],
    ['7d', 604800],
  ])('%s is %i seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['0', '-1', '1w', 'soon', ''])('refuses %p', (text) => expect(parseDuration(text)).toBeUndefined());
});
