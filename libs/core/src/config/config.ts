import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { passwordProblem } from '../auth/password-rules';

/**
 * The one typed configuration of every TradeBridge process. Built once from the
 * environment by `loadConfig`; nothing else in the code base reads `process.env`.
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  gatewayPort: number;
  /** External PostgreSQL; when absent an embedded server is started under `dataDir`. */
  databaseUrl?: string;
  embeddedPostgresPort: number;
  redisUrl?: string;
  dataDir: string;
  /** When absent (development only) a secret is generated and kept in `dataDir`. */
  jwtSecret?: string;
  jwtTtlSeconds: number;
  adminEmail?: string;
  adminPassword?: string;
  loginThrottle: { maxFailures: number; maxFailuresPerAddress: number; windowSeconds: number };
  corsOrigins: string[];
  /**
   * The reverse proxies whose X-Forwarded-For/-Proto the API believes (Express's
   * `trust proxy`): `loopback`, `linklocal`, `uniquelocal`, addresses and CIDR ranges.
   */
  trustProxy: string[];
  /** Matchmaking: how long a connection request waits for an answer, and anti-spam. */
  connections: { ttlSeconds: number; maxPendingPerRegistration: number; sweepSeconds: number };
  /**
   * Reminders: whether each API process sweeps on its own (`REMINDERS=off`: only
   * when called, as specs do), how often it looks for due ones, and how long
   * before a pending request expires its receiver is reminded (at most half
   * the request's life).
   */
  reminders: { enabled: boolean; sweepSeconds: number; connectionLeadMinutes: number };
  /** How long after an event closes its parties may still record outcomes. */
  outcomeFollowUpSeconds: number;
  /** The address people reach this deployment at (online meeting links). */
  publicUrl: string;
  /**
   * Meetings: a schedule run uses only slots starting at least `scheduleLeadMinutes`
   * from now; a meeting is one slot of the event's grid or at least `minMinutes` long.
   */
  meetings: { scheduleLeadMinutes: number; minMinutes: number };
  /**
   * Attendance that records itself (API processes, libs/meetings AttendanceKeeper):
   * an online meeting is held once both parties were in its call together for
   * `heldMinutes`; `noShowMinutes` after the start a party with no sign of presence
   * is absent. `enabled: false` (`MEETING_ATTENDANCE=off`) leaves it to explicit
   * sweeps (specs); `sweepSeconds` is how often a process looks.
   */
  attendance: { enabled: boolean; heldMinutes: number; noShowMinutes: number; sweepSeconds: number };
  /**
   * The notifier (API processes): turns the event log into notifications,
   * woken by NOTIFY and polling every `pollMs` as a fallback. `enabled: false`
   * leaves it to explicit `drain()` calls (tests).
   */
  notifier: { enabled: boolean; pollMs: number };
  /**
   * Online meetings' video calls (the gateway): joining is allowed from
   * `opensMinutes` before the start until `closesMinutes` after the end;
   * `iceServers` (ICE_SERVERS) go to every participant as they are, and with
   * `turn` set each participant also gets a TURN server with credentials valid
   * for `ttlSeconds` (coturn's REST-API scheme, libs/live turn-credentials.ts).
   */
  calls: {
    opensMinutes: number;
    closesMinutes: number;
    iceServers: { urls: string | string[]; username?: string; credential?: string }[];
    turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  };
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  webDistDir: string;
  /**
   * SIGTERM/SIGINT: for this long `/health` answers 503 `draining` while requests are
   * still served, so a load balancer stops sending here; then the graceful close.
   */
  shutdownDrainSeconds: number;
  /**
   * The request pool's limits: a statement running longer is cancelled, and a
   * server that does not answer at all (frozen, black-holed) fails the query on
   * the client side soon after; a connection not established in time fails too.
   * Either way the request answers 503 DATABASE_UNAVAILABLE instead of hanging.
   */
  database: { statementTimeoutMs: number; connectTimeoutMs: number };
  /**
   * E-mail. Without `smtpUrl` the worker keeps every message in the database's
   * built-in mailbox (admins read it at /admin/mailbox). Jobs live in pg-boss
   * (schema `pgboss`): a failed send is retried `retryLimit` times, `retryDelaySeconds`
   * apart, doubling when `retryBackoff`; `expireSeconds` bounds a hung send.
   */
  mail: {
    smtpUrl?: string;
    from: string;
    /** The pg-boss queue's name (tests give each spec its own). */
    queue: string;
    /** Whether this process runs the sending worker (every API process does by default). */
    worker: boolean;
    pollSeconds: number;
    batchSize: number;
    /** E-mails per job: what a transaction queues (notifications, whole messages) goes in bundles of this many. */
    bundleSize: number;
    /** Messages one worker sends at once (and SMTP connections in its pool). */
    concurrency: number;
    retryLimit: number;
    retryDelaySeconds: number;
    retryBackoff: boolean;
    expireSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DURATION = /^(\d+)\s*(s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `900`, `15m`, `12h`, `7d` into seconds; undefined when malformed. */
export function parseDuration(value: string): number | undefined {
  const m = DURATION.exec(value.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] ?? 's'];
  return seconds > 0 ? seconds : undefined;
}

/** `https://Trade.Example.vn:443/` → `https://trade.example.vn`; undefined unless an http(s) origin without path, query or credentials. */
function parseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !text.endsWith('?') && !text.endsWith('#');
    return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `loopback`, `10.0.0.0/8`, `fd00::/8`, `192.0.2.7`: what Express's `trust proxy` takes as a list entry. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Validates every variable and reports all problems at once, so a bad deployment
 * is fixed in one round rather than one variable per restart.
 */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = str(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got "${u.protocol}")`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const nodeEnv = str('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const env_ = (['development', 'production', 'test'].includes(nodeEnv) ? nodeEnv : 'development') as AppConfig['env'];

  const jwtSecret = str('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (jwtSecret === undefined && env_ === 'production') {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }

  const ttlRaw = str('JWT_TTL') ?? '12h';
  const jwtTtlSeconds = parseDuration(ttlRaw);
  if (jwtTtlSeconds === undefined) problems.push(`JWT_TTL must be a duration like 900, 15m, 12h or 7d (got "${ttlRaw}")`);

  const adminEmail = str('ADMIN_EMAIL');
  const adminPassword = str('ADMIN_PASSWORD');
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    problems.push('ADMIN_EMAIL is not a valid e-mail address');
  }
  // Spaces only is a mistake, not "unset": say so rather than fall back to a generated password.
  const blankAdminPassword = adminPassword === undefined && (env.ADMIN_PASSWORD ?? '') !== '';
  const adminPasswordProblem = blankAdminPassword ? passwordProblem(env.ADMIN_PASSWORD!) : adminPassword !== undefined ? passwordProblem(adminPassword, adminEmail) : undefined;
  if (adminPasswordProblem) problems.push(`ADMIN_PASSWORD ${adminPasswordProblem}`);
  if (adminPassword !== undefined && adminPassword.length < 10) {
    problems.push('ADMIN_PASSWORD must be at least 10 characters');
  }
  if (!blankAdminPassword && (adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }

  const attendanceRaw = str('MEETING_ATTENDANCE') ?? 'on';
  if (!['on', 'off'].includes(attendanceRaw)) problems.push(`MEETING_ATTENDANCE must be on or off (got "${attendanceRaw}")`);
  const minutes = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    // Fractions are allowed (0.1 = 6 s), for trying the rules out without waiting.
    if (!Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name} must be a number of minutes between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const remindersRaw = str('REMINDERS') ?? 'on';
  if (!['on', 'off'].includes(remindersRaw)) problems.push(`REMINDERS must be on or off (got "${remindersRaw}")`);
  const notifierRaw = str('NOTIFIER') ?? 'on';
  if (!['on', 'off'].includes(notifierRaw)) problems.push(`NOTIFIER must be on or off (got "${notifierRaw}")`);
  const notifierEnabled = notifierRaw !== 'off';

  const logLevel = (str('LOG_LEVEL') ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be error, warn, log or debug (got "${logLevel}")`);
  }

  // Browsers send `Origin: scheme://host[:port]` and CORS compares it as a string: keep exactly that form.
  const corsOrigins: string[] = [];
  for (const entry of (str('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)) {
    const origin = parseOrigin(entry);
    if (origin === undefined) problems.push(`CORS_ORIGINS entry "${entry}" is not an origin like https://trade.example.vn (http or https, no path)`);
    else if (!corsOrigins.includes(origin)) corsOrigins.push(origin);
  }

  // Behind docker-compose.yml's nginx the proxy is on the compose network, not loopback.
  const trustProxy: string[] = [];
  for (const entry of (str('TRUST_PROXY') ?? 'loopback')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (!isProxyEntry(entry)) problems.push(`TRUST_PROXY entry "${entry}" is not loopback, linklocal, uniquelocal, an IP address or a CIDR range like 10.0.0.0/8`);
    else if (!trustProxy.includes(entry)) trustProxy.push(entry);
  }

  const duration = (name: string, fallback: string): number => {
    const raw = str(name) ?? fallback;
    const seconds = parseDuration(raw);
    if (seconds === undefined) problems.push(`${name} must be a duration like 900, 15m, 12h or 7d (got "${raw}")`);
    return seconds ?? parseDuration(fallback)!;
  };
  const port = int('PORT', 3000, 0, 65535);
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;

  const dataDirRaw = str('DATA_DIR') ?? 'data';
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be on or off (got "${raw}")`);
    return fallback;
  };
  const mailQueue = str('MAIL_QUEUE') ?? 'mail';
  if (!/^[A-Za-z0-9_.-]{1,50}$/.test(mailQueue)) problems.push(`MAIL_QUEUE must be 1–50 letters, digits, _ . or - (got "${mailQueue}")`);
  const mailFrom = str('MAIL_FROM') ?? 'TradeBridge <no-reply@tradebridge.local>';
  if (!/<[^\s@<>]+@[^\s@<>]+>\s*$|^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom)) problems.push(`MAIL_FROM must be an address like "TradeBridge <no-reply@trade.example.vn>" (got "${mailFrom}")`);
  const iceServers = parseIceServers(str('ICE_SERVERS'), problems);
  const turnUrls = (str('TURN_URLS') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of turnUrls) if (!/^turns?:[^\s]+$/.test(u)) problems.push(`TURN_URLS entry "${u}" is not a turn: or turns: URL like turn:turn.example.vn:3478?transport=udp`);
  const turnSecret = str('TURN_SECRET');
  if (turnUrls.length > 0 !== (turnSecret !== undefined)) problems.push('TURN_URLS and TURN_SECRET must be set together');
  const config: AppConfig = {
    env: env_,
    host: str('HOST') ?? '0.0.0.0',
    port,
    gatewayPort: int('GATEWAY_PORT', 3001, 0, 65535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPostgresPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    jwtSecret,
    jwtTtlSeconds: jwtTtlSeconds ?? 43200,
    adminEmail,
    adminPassword,
    loginThrottle: {
      maxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxFailuresPerAddress: int('LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100_000),
      windowSeconds: int('LOGIN_WINDOW_SECONDS', 300, 1, 86400),
    },
    corsOrigins,
    trustProxy,
    connections: {
      ttlSeconds: duration('CONNECTION_TTL', '24h'),
      maxPendingPerRegistration: int('MAX_PENDING_REQUESTS', 20, 1, 10_000),
      sweepSeconds: int('CONNECTION_SWEEP_SECONDS', 30, 1, 3600),
    },
    reminders: {
      enabled: remindersRaw !== 'off',
      sweepSeconds: int('REMINDER_SWEEP_SECONDS', 30, 1, 3600),
      connectionLeadMinutes: int('CONNECTION_REMINDER_MINUTES', 60, 1, 10080),
    },
    outcomeFollowUpSeconds: duration('OUTCOME_FOLLOW_UP', '180d'),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    meetings: {
      scheduleLeadMinutes: int('SCHEDULE_LEAD_MINUTES', 10, 0, 1440),
      // 5: the floor of the database's meetings_duration_check (and of events' slot_minutes).
      minMinutes: int('MEETING_MIN_MINUTES', 10, 5, 240),
    },
    attendance: {
      enabled: attendanceRaw !== 'off',
      heldMinutes: minutes('MEETING_HELD_MINUTES', 5, 0.05, 240),
      noShowMinutes: minutes('MEETING_NO_SHOW_MINUTES', 10, 0.05, 240),
      sweepSeconds: int('MEETING_ATTENDANCE_SWEEP_SECONDS', 30, 1, 3600),
    },
    notifier: { enabled: notifierEnabled, pollMs: int('NOTIFIER_POLL_MS', 1_000, 100, 60_000) },
    calls: {
      opensMinutes: int('MEETING_ROOM_OPENS_MINUTES', 10, 0, 1440),
      // 10: a conversation running a little over its slot is not cut off from rejoining.
      closesMinutes: int('MEETING_ROOM_CLOSES_MINUTES', 10, 0, 1440),
      iceServers,
      turn: turnSecret && turnUrls.length ? { urls: turnUrls, secret: turnSecret, ttlSeconds: int('TURN_TTL_SECONDS', 86_400, 60, 604_800) } : null,
    },
    logLevel,
    webDistDir: resolve(cwd, str('WEB_DIST_DIR') ?? 'apps/web/dist'),
    // 5 s where a load balancer is in front; none on a developer's machine, so Ctrl-C stops at once.
    shutdownDrainSeconds: int('SHUTDOWN_DRAIN_SECONDS', env_ === 'production' ? 5 : 0, 0, 60),
    database: {
      // Longer than the longest legitimate statement (the results report of a 1M-connection event takes 1–2 s).
      statementTimeoutMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 5_000, 100, 600_000),
      connectTimeoutMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 60_000),
    },
    mail: {
      smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
      from: mailFrom,
      queue: mailQueue,
      worker: bool('MAIL_WORKER', true),
      pollSeconds: int('MAIL_POLL_SECONDS', 2, 1, 3600),
      batchSize: int('MAIL_BATCH_SIZE', 200, 1, 1000),
      bundleSize: int('MAIL_BUNDLE', 25, 1, 500),
      concurrency: int('MAIL_CONCURRENCY', 5, 1, 100),
      // 1, 2, 4 … s doubling: 13 retries span more than an hour of SMTP outage.
      retryLimit: int('MAIL_RETRY_LIMIT', 13, 0, 10_000),
      retryDelaySeconds: int('MAIL_RETRY_DELAY_SECONDS', 1, 1, 3600),
      retryBackoff: bool('MAIL_RETRY_BACKOFF', true),
      expireSeconds: int('MAIL_EXPIRE_SECONDS', 120, 10, 86400),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** ICE_SERVERS: a JSON array of RTCIceServer (`[{"urls":"stun:stun.example.vn:3478"}]`); unset: none (host candidates). */
function parseIceServers(raw: string | undefined, problems: string[]): AppConfig['calls']['iceServers'] {
  if (raw === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    problems.push('ICE_SERVERS must be a JSON array like [{"urls":"stun:stun.example.vn:3478"}]');
    return [];
  }
  const isUrl = (u: unknown) => typeof u === 'string' && /^(stun|stuns|turn|turns):[^\s]+$/.test(u);
  const servers: AppConfig['calls']['iceServers'] = [];
  if (!Array.isArray(value)) {
    problems.push('ICE_SERVERS must be a JSON array of {urls, username?, credential?}');
    return [];
  }
  value.forEach((entry: unknown, i) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const urls = e.urls;
    const urlsOk = isUrl(urls) || (Array.isArray(urls) && urls.length > 0 && urls.every(isUrl));
    const extra = Object.keys(e).filter((k) => !['urls', 'username', 'credential'].includes(k));
    if (!urlsOk || extra.length || (e.username !== undefined && typeof e.username !== 'string') || (e.credential !== undefined && typeof e.credential !== 'string')) {
      problems.push(`ICE_SERVERS[${i}] must be {urls: "stun:…"|"turn:…" or a list of them, username?: string, credential?: string}`);
      return;
    }
    servers.push({ urls: urls as string | string[], ...(e.username !== undefined ? { username: e.username } : {}), ...(e.credential !== undefined ? { credential: e.credential } : {}) });
  });
  return servers;
}

/**
 * The one place that reads `process.env`: each process's entry point calls it
 * first. A bad configuration prints every problem and exits 1.
 */
export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
