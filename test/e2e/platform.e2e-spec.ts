import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../factories/app';
import { previewOpenApiDocument } from '../../apps/api/src/openapi/preview';

describe('platform: health, OpenAPI, error shape, guards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /health with the database status', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', service: 'api', checks: { database: 'up', redis: 'not_configured' } });
  });

  it('reports Redis in /health when REDIS_URL is configured, and 503 when it is unreachable', async () => {
    const { createServer } = await import('node:net');
    // A port where nothing answers: bind and close it.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const started = Date.now();
      const res = await down.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'degraded', checks: { database: 'up', redis: 'down' } });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await down.close();
    }
    if (process.env.REDIS_URL) {
      const up = await createTestApp({ REDIS_URL: process.env.REDIS_URL });
      try {
        const res = await up.http.get('/health');
        expect(res.body.checks.redis).toBe('up');
        expect(res.status).toBe(200);
      } finally {
        await up.close();
      }
    }
  });

  it('serves OpenAPI at /api/docs and /api/docs-json listing every route of the contract with schemas', async () => {
    const html = await t.http.get('/api/docs/');
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/swagger/i);
    const doc = (await t.http.get('/api/docs-json')).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const route of [
      'POST /api/auth/register',
      'POST /api/auth/login',
      'GET /api/me',
      'GET /api/reference/hs',
      'GET /api/reference/regions',
      'PATCH /api/users/{id}',
      'POST /api/events/{id}/staff',
      'GET /api/events/{id}/staff',
      'DELETE /api/events/{id}/staff/{userId}',
      'POST /api/enterprises',
      'GET /api/enterprises',
      'GET /api/enterprises/{id}',
      'PATCH /api/enterprises/{id}',
      'POST /api/events',
      'GET /api/events',
      'GET /api/events/{id}',
      'PATCH /api/events/{id}',
      'POST /api/events/{id}/venues',
      'GET /api/events/{id}/venues',
      'POST /api/events/{id}/rooms',
      'GET /api/events/{id}/rooms',
      'POST /api/events/{id}/registrations',
      'GET /api/events/{id}/registrations',
      'POST /api/events/{id}/registrations/{rid}/approve',
      'POST /api/events/{id}/registrations/{rid}/reject',
      'POST /api/events/{id}/room-assignments',
      'POST /api/events/{id}/check-ins',
      'GET /api/events/{id}/log',
      'GET /api/events/{id}/recommendations',
      'POST /api/events/{id}/connections',
      'GET /api/events/{id}/connections',
      'POST /api/events/{id}/connections/scan',
      'GET /api/connections/{id}',
      'POST /api/connections/{id}/accept',
      'POST /api/connections/{id}/decline',
      'POST /api/connections/{id}/withdraw',
      'POST /api/connections/{id}/outcomes',
      'GET /api/connections/{id}/outcomes',
      'POST /api/events/{id}/schedule',
      'POST /api/events/{id}/meetings',
      'GET /api/events/{id}/meetings',
      'PATCH /api/meetings/{id}',
      'PUT /api/events/{id}/registrations/{rid}/availability',
      'GET /api/events/{id}/registrations/{rid}/availability',
      'GET /api/events/{id}/report',
      'GET /api/events/{id}/report/public',
      'GET /health',
    ]) {
      expect(routes).toContain(route);
    }
    // Request and response bodies are described, not just named.
    const create = doc.paths['/api/enterprises'].post;
    expect(create.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateEnterpriseRequest');
    expect(create.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/EnterpriseResponse');
    expect(doc.components.schemas.EnterpriseResponse.properties).toHaveProperty('offers');
    expect(doc.components.schemas.ErrorResponse.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
    // Every operation documents at least one 2xx response with a schema.
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
        const documented = ok !== undefined && (ok[0] === '204' || Boolean(ok[1].content));
        expect({ route: `${method} ${path}`, documented }).toEqual({ route: `${method} ${path}`, documented: true });
      }
    }
  });

  it('builds at build time, without a database, the very document the running API serves (dist/openapi.json, which the web app is typed from)', async () => {
    const served = (await t.http.get('/api/docs-json')).body;
    expect(await previewOpenApiDocument()).toEqual(served);
    const built = join(__dirname, '..', '..', 'dist', 'openapi.json');
    if (!existsSync(built)) throw new Error('dist/openapi.json is missing: run `npm run build` (npm test does it first)');
    expect(JSON.parse(readFileSync(built, 'utf8'))).toEqual(served);
  });

  it('guards every route that is not explicitly public (401 without a token)', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const publicRoutes = new Set([
      'POST /api/auth/register',
      'POST /api/auth/login',
      'GET /api/reference/hs',
      'GET /api/reference/regions',
      'GET /api/events/{id}/report/public',
      'GET /health',
    ]);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (publicRoutes.has(route)) continue;
        const url = path.replace(/\{[^}]+\}/g, id);
        const res = await (t.http as unknown as Record<string, (u: string) => Promise<{ status: number; body: { code: string } }>>)[method](url);
        expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 401, code: 'UNAUTHENTICATED' });
      }
    }
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.http.get('/api/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
