import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response, Test } from 'supertest';
import { createTestApp, TestApp } from '../factories/app';
import { createAuthorizationMatrix, AuthorizationMatrix } from '../factories/authorization-matrix';
import { fillPath, OpenApiDocument, Operation } from '../factories/openapi';
import { World } from '../factories/world';

/**
 * The OpenAPI document is a contract a client generator can trust (issue 12,
 * item 3): every answer of every route — the authorization matrix's requests,
 * as each of its actors, and refusals of bad ids, oversized bodies and unread
 * charsets — has its status documented on its operation, with the media type
 * it came in, and its body validates against the document's own schema (ajv,
 * OpenAPI 3.0 `nullable` included).
 */
interface MediaType {
  schema?: object;
}
interface ResponseDoc {
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
type Responses = Record<string, ResponseDoc>;

const DOCUMENT_ID = 'openapi.json';
const OWN_HEADERS = ['Retry-After', 'Idempotent-Replayed', 'Content-Disposition'];

/** Validates real answers against the served document. */
class ContractChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly problems: string[] = [];
  checked = 0;

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ components: closed(retarget(document.components)) }, DOCUMENT_ID);
  }

  check(op: Operation, who: string, response: Response): void {
    this.checked++;
    const where = `${op.route} (${who}) → ${response.status}`;
    const operation = (this.document.paths[op.path] as unknown as Record<string, { responses: Responses }>)[op.method.toLowerCase()];
    const documented = operation.responses[String(response.status)];
    if (!documented) return void this.problems.push(`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
    // The API's own headers, when sent, are documented on that response.
    for (const header of OWN_HEADERS) {
      if (response.headers[header.toLowerCase()] !== undefined && !documented.headers?.[header]) this.problems.push(`${where}: sends ${header}, not documented`);
    }
    const type = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    if (response.status === 204 || !type) {
      if (documented.content && response.status !== 204) this.problems.push(`${where}: no body, but the document promises ${Object.keys(documented.content).join(', ')}`);
      return;
    }
    const media = documented.content?.[type];
    if (!media) return void this.problems.push(`${where}: ${type} not documented (documented: ${Object.keys(documented.content ?? {}).join(', ') || 'no content'})`);
    if (type !== 'application/json') {
      // A file (CSV, XLSX, PDF) is a string of text or bytes, not the JSON schema of another format.
      const schema = media.schema as { type?: string } | undefined;
      if (schema?.type !== 'string') this.problems.push(`${where}: ${type} is documented as ${JSON.stringify(schema ?? null).slice(0, 80)}, not a string`);
      return;
    }
    if (!media.schema) return;
    const key = `${op.route} ${response.status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(closed(retarget(media.schema)));
      this.compiled.set(key, validate);
    }
    if (!validate(response.body)) {
      const errors = (validate.errors ?? []).slice(0, 4).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      this.problems.push(`${where}: body does not match its schema: ${errors.join('; ')}`);
    }
  }
}

/** Objects with documented properties carry no others: a field the document does not name is a contract gap too. */
function closed<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closed) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'example' ? v : closed(v)])) as Record<string, unknown>;
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out as T;
}

/** `#/components/schemas/X` → `openapi.json#/components/schemas/X`, so a lone schema resolves against the document. */
function retarget<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${DOCUMENT_ID}#/components/`)) as T;
}

describe('the OpenAPI document: every real answer matches its schema', () => {
  let t: TestApp;
  let matrix: AuthorizationMatrix;
  let checker: ContractChecker;
  let adminAuth: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    matrix = await createAuthorizationMatrix(t);
    checker = new ContractChecker(matrix.document);
    adminAuth = (await new World(t).admin()).auth;
  }, 60_000);

  afterAll(() => t.close());

  it('validates the answer of every route × actor of the authorization matrix (errors too)', async () => {
    await matrix.run(({ op, actor, response }) => checker.check(op, actor, response));
    expect(checker.checked).toBeGreaterThanOrEqual(matrix.ops.length * 6);
    expect(checker.problems).toEqual([]);
  }, 240_000);

  const send = (op: Operation, url: string): Test => (t.http as unknown as Record<string, (u: string) => Test>)[op.method.toLowerCase()](url).set(adminAuth);

  it('documents the refusals every route can give: a bad id (400), a body too large (413), a charset not read (415)', async () => {
    const problems: string[] = [];
    const local = new ContractChecker(matrix.document);
    for (const op of matrix.ops) {
      const ids = Object.fromEntries(op.pathParams.map((p) => [p.name, '00000000-0000-4000-8000-000000000000']));
      if (op.pathParams.length > 0) {
        const bad = await send(op, fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p.name, 'not-a-uuid']))));
        if (bad.status !== 400) problems.push(`${op.route} with a bad id: ${bad.status}`);
        local.check(op, 'bad id', bad);
      }
      if (op.body) {
        const big = await send(op, fillPath(op.path, ids))
          .set('Content-Type', 'application/json')
          .send(`{"a":"${'x'.repeat(300 * 1024)}"}`);
        if (big.status !== 413) problems.push(`${op.route} with 300 kB: ${big.status}`);
        local.check(op, '300 kB body', big);
        const latin1 = await send(op, fillPath(op.path, ids)).set('Content-Type', 'application/json; charset=latin1').send('{}');
        if (latin1.status !== 415) problems.push(`${op.route} in latin1: ${latin1.status}`);
        local.check(op, 'latin1 body', latin1);
      }
    }
    expect([...problems, ...local.problems]).toEqual([]);
  }, 120_000);

  it('documents the headers it sends: Retry-After on a throttled login, Idempotent-Replayed on a replayed request', async () => {
    const local = new ContractChecker(matrix.document);
    const login = matrix.ops.find((o) => o.route === 'POST /api/auth/login')!;
    const victim = await new World(t).account('throttled');
    let throttled: Response | undefined;
    for (let i = 0; i <= t.config.loginThrottle.maxFailures && !throttled; i++) {
      const res = await t.http.post('/api/auth/login').send({ email: victim.email, password: 'not the password at all' });
      local.check(login, `failure ${i + 1}`, res);
      if (res.status === 429) throttled = res;
    }
    expect(throttled?.headers['retry-after']).toMatch(/^\d+$/);

    const w = new World(t);
    const organizer = await w.organizer(await w.admin());
    const setup = await w.openEvent(organizer);
    const vn = await w.approved(organizer, setup, 'VN');
    const cn = await w.approved(organizer, setup, 'CN');
    const request = matrix.ops.find((o) => o.route === 'POST /api/events/{id}/connections')!;
    const body = { fromRegistrationId: vn.registration.id, toRegistrationId: cn.registration.id };
    const send = () => t.http.post(`/api/events/${setup.eventId}/connections`).set(vn.account.auth).set('Idempotency-Key', 'contract-replay-1').send(body);
    const first = await send();
    const replay = await send();
    expect({ first: first.status, replay: replay.status, replayed: replay.headers['idempotent-replayed'] }).toEqual({ first: 201, replay: 201, replayed: 'true' });
    local.check(request, 'first', first);
    local.check(request, 'replay', replay);
    expect(local.problems).toEqual([]);
  }, 60_000);

  it('documents each format of the report with its own media type', async () => {
    const op = matrix.ops.find((o) => o.route === 'GET /api/events/{id}/report')!;
    const event = (await t.http.get('/api/events?limit=1').set(adminAuth)).body.items[0].id as string;
    const local = new ContractChecker(matrix.document);
    for (const format of ['json', 'csv', 'xlsx', 'pdf']) {
      const response = await send(op, `${fillPath(op.path, { id: event })}?format=${format}`).buffer(true);
      expect({ format, status: response.status }).toEqual({ format, status: 200 });
      local.check(op, format, response);
    }
    expect(local.problems).toEqual([]);
  }, 60_000);
});
