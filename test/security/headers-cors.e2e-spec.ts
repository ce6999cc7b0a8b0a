import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { migrateDatabase } from '@tradebridge/core';
import { ENTITIES, MIGRATIONS } from '@tradebridge/schema';
import { createStandaloneApp } from '../../apps/standalone/src/compose';
import { createTestApp, TestApp, testConfig } from '../factories/app';
import { launchChromium } from '../factories/chromium';
import { GatewayNode, startGateway } from '../factories/live';

/**
 * Security headers (helmet) and the CORS allow-list, CORS_ORIGINS (issue 7,
 * item 4), on the API and on the gateway. The Content-Security-Policy is also
 * checked in a real Chromium: the web app (a Vite-style build: module script,
 * stylesheet, same-origin fetch and WebSocket) and Swagger UI must run under
 * it, and an inline script must not.
 */
const ALLOWED = 'https://hoinghi.laocai.gov.vn';
const STRANGER = 'https://evil.example';

/** A stand-in for the Vite build: what it does is what the policy must allow. */
function webBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tradebridge-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>TradeBridge</title>
<link rel="stylesheet" href="/assets/index.css">
<script>window.inlineRan = true;</script>
<script type="module" crossorigin src="/assets/index.js"></script>
</head><body><div id="root"></div></body></html>`,
  );
  writeFileSync(join(dir, 'assets', 'index.css'), '#root { color: rgb(11, 83, 148); }');
  writeFileSync(
    join(dir, 'assets', 'index.js'),
    `const root = document.getElementById('root');
root.setAttribute('style', 'margin: 2px');
const qr = new Image();
qr.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
root.append(qr);
const hs = await (await fetch('/api/reference/hs?q=0810')).json();
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/socket.io/?EIO=4&transport=websocket');
ws.onmessage = (m) => { if (String(m.data).startsWith('0')) { window.probe = { hs: hs.total, ws: 'open', style: getComputedStyle(root).color }; ws.close(); } };
ws.onerror = () => { window.probe = { ws: 'error' }; };
`,
  );
  return dir;
}

describe('security: headers and CORS', () => {
  let t: TestApp;
  let allowList: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    allowList = await createTestApp({ CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
  });
  afterAll(async () => {
    await t.close();
    await allowList.close();
  });

  it('sends helmet headers on the API, the docs and the web app, with a CSP of self-only scripts', async () => {
    for (const path of ['/api/me', '/api/reference/hs', '/health', '/api/docs/', '/api/docs-json', '/']) {
      const res = await t.http.get(path).set('Accept', 'text/html,application/json');
      const csp = res.headers['content-security-policy'] ?? '';
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d: string) => d.trim().split(/\s+/))
          .map(([name, ...values]: string[]) => [name, values]),
      );
      expect({ path, script: directives['script-src'], object: directives['object-src'], frames: directives['frame-ancestors'], base: directives['base-uri'] }).toEqual({
        path,
        script: ["'self'"],
        object: ["'none'"],
        frames: ["'self'"],
        base: ["'self'"],
      });
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['connect-src']).toEqual(["'self'"]);
      expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests|\*/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('sends no CORS headers by default: only same-origin pages may read the API', async () => {
    const simple = await t.http.get('/api/reference/hs').set('Origin', STRANGER);
    expect(simple.status).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http.options('/api/me').set('Origin', STRANGER).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('answers the origins of CORS_ORIGINS only, for the bearer header and the idempotency key', async () => {
    const preflight = await allowList.http
      .options('/api/events/00000000-0000-4000-8000-000000000000/connections')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const read = await allowList.http.get('/api/reference/hs').set('Origin', 'http://localhost:5173');
    expect(read.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(read.headers.vary).toMatch(/Origin/);
    for (const origin of [STRANGER, `${ALLOWED}.evil.example`, 'http://hoinghi.laocai.gov.vn', 'null']) {
      const other = await allowList.http.options('/api/me').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
      expect({ origin, allowed: other.headers['access-control-allow-origin'] }).toEqual({ origin, allowed: undefined });
    }
  });

  describe('gateway', () => {
    let plain: GatewayNode;
    let listed: GatewayNode;

    beforeAll(async () => {
      plain = await startGateway();
      listed = await startGateway({ CORS_ORIGINS: ALLOWED });
    });
    afterAll(async () => {
      await plain.stop();
      await listed.stop();
    });

    const handshake = (node: GatewayNode, origin: string) => request(node.url).get('/socket.io/?EIO=4&transport=polling').set('Origin', origin);

    it('sends no CORS headers by default', async () => {
      const res = await handshake(plain, ALLOWED);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('follows CORS_ORIGINS like the API (long-polling from an allowed page)', async () => {
      const allowed = await handshake(listed, ALLOWED);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
      const preflight = await request(listed.url).options('/socket.io/?EIO=4&transport=polling').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
      const stranger = await handshake(listed, STRANGER);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('in a browser, under the policy', () => {
    let app: INestApplication;
    let url: string;
    let browser: Browser;

    beforeAll(async () => {
      // What `npm start` runs: API, gateway and web app on one origin.
      const config = testConfig({ WEB_DIST_DIR: webBuild() });
      await migrateDatabase(config.databaseUrl!, ENTITIES, MIGRATIONS);
      app = await createStandaloneApp(config, config.databaseUrl!);
      await app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    // Page-side code is given as text: this project compiles without the DOM's types.
    async function open(path: string): Promise<{ page: Page; violations: () => Promise<{ directive: string; blocked: string }[]> }> {
      const page = await browser.newPage();
      await page.addInitScript({
        content: `window.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));`,
      });
      await page.goto(`${url}${path}`);
      return { page, violations: () => page.evaluate('window.__violations') };
    }

    it('runs the web app: its module script, stylesheet, data: images, fetch and same-origin WebSocket; an inline script is blocked', async () => {
      const { page, violations } = await open('/');
      // Polled with page.evaluate (DevTools, outside the page's CSP): waitForFunction's in-page
      // polling evaluates a string, which this very policy forbids ('unsafe-eval' is not allowed).
      const until = Date.now() + 15_000;
      while ((await page.evaluate('window.probe === undefined')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const probe = await page.evaluate('window.probe');
      expect(probe).toEqual({ hs: expect.any(Number), ws: 'open', style: 'rgb(11, 83, 148)' });
      expect((probe as { hs: number }).hs).toBeGreaterThan(0);
      expect(await page.evaluate('window.inlineRan')).toBeUndefined();
      expect(await violations()).toEqual([{ directive: 'script-src-elem', blocked: 'inline' }]);
    }, 30_000);

    it('runs Swagger UI at /api/docs with no violation', async () => {
      const { page, violations } = await open('/api/docs/');
      await page.waitForSelector('.swagger-ui .opblock', { timeout: 20_000 });
      expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(40);
      expect(await violations()).toEqual([]);
    }, 30_000);
  });
});
