import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@tradebridge/core';
import { previewOpenApiDocument } from '../../apps/api/src/openapi/preview';
import { createTestApp, TestApp } from '../factories/app';
import { JsonSchema, OpenApiDocument, operations, resolve } from '../factories/openapi';

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
      // A probe gives up after a few seconds (Kubernetes' timeoutSeconds): it gets its answer in that deadline, not a hang on Redis.
      const res = await down.http.get('/health').timeout({ response: 3_000 });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'degraded', checks: { database: 'up', redis: 'down' } });
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
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
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
      'GET /api/reference/phrasebook',
      'GET /api/events/{id}/report/public',
      'GET /health',
      // Reached from e-mails and calendar apps: the token in the request is the credential.
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/unsubscribe',
      'GET /calendar/{file}',
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

  it('passes Redocly lint (recommended rules, redocly.yaml) with no error, and lints in CI the document it serves', async () => {
    const served = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    // `npm run lint:openapi` (.ci/run) lints the document built without a database: the same one.
    expect(await previewOpenApiDocument()).toEqual(served);
    const file = join(mkdtempSync(join(tmpdir(), 'tradebridge-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(served));
    const cli = join(process.cwd(), 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', file, '--config', join(process.cwd(), 'redocly.yaml'), '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(run.stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; location: { pointer: string }[] }[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`);
    expect({ errors, status: run.status }).toEqual({ errors: [], status: 0 });
  }, 90_000);

  it("documents what a client generator needs: uuid ids, integer pages, typed nullables, the validators' rules, security and error headers", async () => {
    const doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument & {
      servers: { url: string }[];
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const ops = operations(doc);
    // Every path parameter is an id checked by uuidPipe, or a positive integer id (notifications: ids grow in commit order),
    // but a mailbox message's number and a calendar feed's `<token>.ics` (each with its pattern).
    expect(ops.flatMap((o) => o.pathParams.filter((p) => p.schema.format !== 'uuid' && !(p.schema.type === 'integer' && p.schema.minimum === 1)).map((p) => `${o.route} ${p.name}`))).toEqual(
      ['GET /api/admin/mailbox/{id} id', 'GET /calendar/{file} file'],
    );
    // Pages and log positions are integers.
    const counters = ops.flatMap((o) => o.query.filter((p) => ['limit', 'offset', 'afterSeq'].includes(p.name)).map((p) => `${o.route} ${p.name}: ${p.schema.type}`));
    expect(counters.length).toBeGreaterThan(10);
    expect(counters.filter((c) => !c.endsWith(': integer'))).toEqual([]);
    // A nullable property says the type of its value (a bare `type: object` made every real value fail).
    const untyped: string[] = [];
    const walk = (schema: JsonSchema, where: string) => {
      if (schema.nullable && (!schema.type || (schema.type === 'object' && !schema.properties && !schema.additionalProperties))) untyped.push(where);
      for (const [k, v] of Object.entries(schema.properties ?? {})) walk(v, `${where}.${k}`);
      if (schema.items) walk(schema.items, `${where}[]`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) walk(schema, name);
    expect(untyped).toEqual([]);
    const schemas = doc.components.schemas;
    expect(schemas.ConnectionResponse.properties!.roomId).toMatchObject({ type: 'string', format: 'uuid', nullable: true });
    // The validators' rules, copied from class-validator's metadata.
    expect(schemas.RegisterRequest.properties!.email).toMatchObject({ format: 'email', maxLength: 254 });
    expect(schemas.RegisterRequest.properties!.password).toMatchObject({ minLength: 10, maxLength: 200 });
    expect(schemas.CreateEnterpriseRequest.properties!.region).toMatchObject({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' });
    expect(schemas.CreateEnterpriseRequest.properties!.offers).toMatchObject({ type: 'array', maxItems: 50 });
    expect(schemas.CreateRoomRequest.properties!.sectorCodes).toMatchObject({ minItems: 1, maxItems: 99, items: { type: 'string', pattern: '^([IVX]{1,5}|\\d{2})$' } });
    expect(schemas.CreateVenueRequest.properties!.capacity).toMatchObject({ type: 'integer', minimum: 1, maximum: 1_000_000 });
    expect(schemas.BookMeetingRequest.properties!.startsAt).toMatchObject({ format: 'date-time' });
    expect(schemas.CreateOutcomeRequest.properties!.kind).toMatchObject({ enum: ['follow_up', 'mou_signed', 'contract_signed', 'order_placed'] });
    // One error schema whose code is one of the stable codes.
    expect(resolve(doc, schemas.ErrorResponse).properties!.code.enum).toEqual(expect.arrayContaining(Object.values(ErrorCode)));
    // Public routes say they need no token; the others name the bearer scheme.
    const publicRoutes = [
      'POST /api/auth/register',
      'POST /api/auth/login',
      'GET /api/reference/hs',
      'GET /api/reference/regions',
      'GET /api/reference/phrasebook',
      'GET /api/events/{id}/report/public',
      'GET /health',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/unsubscribe',
      'GET /calendar/{file}',
    ];
    for (const o of ops) {
      const security = doc.paths[o.path][o.method.toLowerCase()].security;
      expect({ route: o.route, security }).toEqual({ route: o.route, security: publicRoutes.includes(o.route) ? [] : [{ bearer: [] }] });
    }
    // Bodies can be refused as too large or unreadable; throttled logins say when to come back; replays say so.
    for (const o of ops.filter((op) => op.body))
      expect({ route: o.route, statuses: Object.keys(doc.paths[o.path][o.method.toLowerCase()].responses) }).toEqual({
        route: o.route,
        statuses: expect.arrayContaining(['400', '413', '415']),
      });
    expect(doc.paths['/api/auth/login'].post.responses['429'].headers).toHaveProperty('Retry-After');
    expect(doc.paths['/api/events/{id}/connections'].post.responses['201'].headers).toHaveProperty('Idempotent-Replayed');
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.http.get('/api/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
