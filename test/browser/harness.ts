import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { closeStandaloneApp, createStandaloneApp } from '../../apps/standalone/src/compose';
import { TestApp, testConfig, TestClock } from '../factories/app';
import { launchChromium } from '../factories/chromium';

export { launchChromium };

/**
 * What the browser tests run against: the API, the live gateway and the built
 * web app on one URL, composed as `npm start` does (apps/standalone/src/compose.ts),
 * and Chromium driven by playwright-core: Debian's, else the one inside the
 * `@sparticuz/chromium` npm package (test/factories/chromium.ts).
 */

const ROOT = join(__dirname, '..', '..');
export const WEB_DIST = join(ROOT, 'apps', 'web', 'dist');
export const ARTIFACTS = join(__dirname, 'artifacts');

/** `npm test` builds the web app before Jest; a bare `jest --selectProjects browser` builds it here if missing. */
function ensureWebBuild(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'apps', 'web', 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface WebApp extends TestApp {
  url: string;
}

/** The whole product on one ephemeral port, on the test database. */
export async function startWebApp(overrides: Record<string, string> = {}): Promise<WebApp> {
  ensureWebBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ WEB_DIST_DIR: WEB_DIST, PUBLIC_URL: url, PORT: String(port), ...overrides });
  await migrateDatabase(config.databaseUrl!, ENTITIES, MIGRATIONS);
  const clock = new TestClock();
  const app: INestApplication = await createStandaloneApp(config, config.databaseUrl!, clock);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    url,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    clock,
    close: () => closeStandaloneApp(app),
  };
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * A page that records every console error and uncaught exception, so a test
 * can assert the app ran clean on every page it visited.
 */
export class TrackedPage {
  readonly errors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly name: string,
  ) {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') this.errors.push(`[${name}] console: ${message.text()} (${page.url()})`);
    });
    page.on('pageerror', (error: Error) => this.errors.push(`[${name}] pageerror: ${error.message} (${page.url()})`));
  }

  /**
   * `refuseMedia`: the person says no to the camera (or to the microphone too) when the page
   * asks. Chromium's own prompt cannot be answered here (with the fake-UI flag it accepts every
   * request; without it, it refuses them all, whatever the context was granted), so the page's
   * getUserMedia refuses such requests the way a browser does, with a NotAllowedError.
   */
  static async open(
    browser: Browser,
    baseURL: string,
    name: string,
    options: { viewport?: { width: number; height: number }; locale?: string; refuseMedia?: ('camera' | 'microphone')[] } = {},
  ): Promise<TrackedPage> {
    const context = await browser.newContext({
      baseURL,
      viewport: options.viewport ?? DESKTOP,
      locale: options.locale ?? 'en-GB',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
    if (options.refuseMedia?.length) {
      await context.addInitScript((refused: string[]) => {
        // Runs in the page (no DOM types here).
        type Constraints = { audio?: unknown; video?: unknown };
        type Devices = { getUserMedia(constraints?: Constraints): Promise<unknown> };
        const page = globalThis as unknown as { navigator: { mediaDevices: Devices }; DOMException: new (message: string, name: string) => Error };
        const devices = page.navigator.mediaDevices;
        const real = devices.getUserMedia.bind(devices);
        devices.getUserMedia = (constraints?: Constraints) =>
          (constraints?.video && refused.includes('camera')) || (constraints?.audio && refused.includes('microphone'))
            ? Promise.reject(new page.DOMException('Permission denied', 'NotAllowedError'))
            : real(constraints);
      }, options.refuseMedia);
    }
    return new TrackedPage(context, await context.newPage(), name);
  }

  /** Stores a screenshot in test/browser/artifacts once fonts and pending requests have settled. */
  async screenshot(file: string, options: { fullPage?: boolean } = {}): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.waitForLoadState('networkidle').catch(() => undefined);
    await this.page.evaluate('window.scrollTo(0, 0); document.fonts.ready.then(() => true)');
    await this.page.screenshot({ path: join(ARTIFACTS, file), fullPage: options.fullPage ?? true, animations: 'disabled' });
  }

  /**
   * Chromium logs every 4xx answer as a console error. A test that provokes one
   * on purpose (to see the error beside its field) takes exactly that entry out.
   */
  async expectFailedRequest(status: number): Promise<void> {
    const pattern = `status of ${status} `;
    await eventually(() => this.errors.some((e) => e.includes(pattern)), 5_000);
    this.errors.splice(
      this.errors.findIndex((e) => e.includes(pattern)),
      1,
    );
  }

  /** Signs in through the login form and waits until the app has left it. */
  async login(email: string, password: string): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByLabel('E-mail').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Log in' }).click();
    await this.page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Resolves once `check` holds (polled every 50 ms); fails after `ms`. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms: ${check.toString().slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Video frames this page's peer connections decoded (inbound-rtp, getStats), summed over its peers. */
export function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    type Stats = { forEach(each: (report: { type: string; kind?: string; framesDecoded?: number }) => void): void };
    const call = (globalThis as unknown as { tradebridgeCall?: { peers: Map<string, { getStats(): Promise<Stats> }> } }).tradebridgeCall;
    for (const pc of call?.peers.values() ?? []) {
      (await pc.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}
