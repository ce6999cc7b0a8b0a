import fc from 'fast-check';

/**
 * The API's own OpenAPI document (`/api/docs-json`) as test input: every
 * operation, and fast-check generators for its parameters and bodies, so a new
 * route is fuzzed and put in the authorization matrix without anyone listing it.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface OperationObject {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form: `/api/events/{id}/rooms`. */
  path: string;
  /** `GET /api/events/{id}/rooms`, the key of tables and reports. */
  route: string;
  pathParams: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  /** Resolved (no `$ref` left at any depth); undefined when the operation takes no body. */
  body?: JsonSchema;
  mutating: boolean;
}

export function operations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const m = method.toUpperCase() as Operation['method'];
      const params = (where: 'path' | 'query' | 'header') =>
        (op.parameters ?? []).filter((p) => p.in === where).map((p) => ({ name: p.name, required: Boolean(p.required), schema: resolve(doc, p.schema ?? {}) }));
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      out.push({
        method: m,
        path,
        route: `${m} ${path}`,
        pathParams: params('path'),
        query: params('query'),
        headers: params('header'),
        body: bodySchema ? resolve(doc, bodySchema) : undefined,
        mutating: m !== 'GET',
      });
    }
  }
  return out;
}

/** Inlines every `$ref` and `allOf` (the API's schemas have no cycles). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 20) throw new Error('schema nesting too deep (a cycle?)');
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolve(doc, target, depth + 1);
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return allOf.map((s) => resolve(doc, s, depth + 1)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), rest);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
  if (schema.items) out.items = resolve(doc, schema.items, depth + 1);
  return out;
}

/** Real ids and codes of a test world, by kind, so generated requests reach past "not found". */
export type IdPools = Partial<Record<'events' | 'enterprises' | 'registrations' | 'connections' | 'meetings' | 'users' | 'venues' | 'rooms' | 'outcomes' | 'badges' | 'emails', string[]>>;

/** The pool a field or path parameter draws from: `fromRegistrationId` → registrations, `/api/meetings/{id}` → meetings. */
export function poolFor(name: string, path = ''): keyof IdPools | undefined {
  if (name === 'id') {
    const resource = /^\/api\/([a-z-]+)\/\{id\}/.exec(path)?.[1];
    return ({ events: 'events', enterprises: 'enterprises', connections: 'connections', meetings: 'meetings', users: 'users' } as const)[resource ?? ''];
  }
  if (name === 'rid') return 'registrations';
  if (name === 'userId') return 'users';
  if (name === 'badgeCode') return 'badges';
  if (name === 'email') return 'emails';
  const stem = name
    .replace(/Id$/, '')
    .replace(/^(from|to|corrects)/, '')
    .toLowerCase();
  const byStem: Record<string, keyof IdPools> = {
    event: 'events',
    enterprise: 'enterprises',
    registration: 'registrations',
    connection: 'connections',
    meeting: 'meetings',
    user: 'users',
    venue: 'venues',
    room: 'rooms',
    outcome: 'outcomes',
  };
  return name.endsWith('Id') ? byStem[stem] : undefined;
}

/** Strings that have broken parsers, ORMs and SQL before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR 1=1--",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '%',
  '%%',
  '_',
  '\\',
  '\\\\%\\_',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '𝕿𝖗𝖆𝖉𝖊 🇻🇳🇨🇳',
  'Z̸̢̛̮a̷l̵g̶o̸',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'NaN',
  'Infinity',
  '-1',
  '1e999',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2021-02-30T25:61:61Z',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  'Asia/Hồ_Chí_Minh',
  'x'.repeat(10_000),
];

export const NASTY_NUMBERS = [0, -0, -1, 1.5, -1.5, 0.1, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324];

/** Ids that are not what a route wants: malformed, foreign, hostile. */
export const BAD_IDS = [
  'not-a-uuid',
  '0',
  '-1',
  '1e3',
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  'a\u0000b',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '{00000000-0000-4000-8000-000000000000}',
  '00000000-0000-4000-8000-0000000000000',
  '00000000-0000-4000-8000-00000000000g',
  '00000000000040008000000000000000',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'x'.repeat(2_000),
];

/** Any JSON at all, including deep nesting and hostile keys. */
export function junkJson(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS, ...NASTY_NUMBERS, null, true, false, [], {}) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map(deepNesting) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } }, { toString: 'x', valueOf: 1 }) },
  );
}

/** `[[[...{"a": ...}]]]`, `depth` levels. */
export function deepNesting(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/**
 * A value that conforms to `schema` as far as the document says (types, enums,
 * formats, bounds, examples), with ids from `pools`. The document does not carry
 * every rule of the validators, so some of these are still refused: that is fine.
 */
export function conforming(schema: JsonSchema, pools: IdPools, name = '', depth = 0): fc.Arbitrary<unknown> {
  const pool = poolFor(name);
  const ids = pool ? (pools[pool] ?? []) : [];
  const withNull = (a: fc.Arbitrary<unknown>) => (schema.nullable ? fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : a);
  if (schema.enum?.length) return withNull(fc.constantFrom(...schema.enum));
  if (ids.length) return withNull(fc.constantFrom(...ids));
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      if (!schema.properties || depth > 4) return withNull(fc.constant({}));
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties).map(([k, v]) => [k, conforming(v, pools, k, depth + 1)] as const);
      return withNull(fc.record(Object.fromEntries(entries), { requiredKeys: [...required] }));
    }
    case 'array':
      return withNull(fc.array(conforming(schema.items ?? {}, pools, name.replace(/s$/, ''), depth + 1), { maxLength: 3 }));
    case 'boolean':
      return withNull(fc.boolean());
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? Math.max(min + 100, typeof schema.example === 'number' ? schema.example : 0);
      return withNull(fc.oneof(fc.integer({ min, max }), ...(typeof schema.example === 'number' ? [fc.constant(schema.example)] : [])));
    }
    case 'string':
    case undefined:
    default: {
      if (schema.format === 'uuid') return withNull(fc.uuid());
      if (schema.format === 'date-time') {
        const around = Date.parse(typeof schema.example === 'string' ? schema.example : '2021-01-19T02:00:00Z');
        return withNull(fc.integer({ min: -12, max: 24 }).map((h) => new Date(around + h * 1_800_000).toISOString()));
      }
      const maxLength = schema.maxLength ?? 60;
      const minLength = Math.min(schema.minLength ?? 1, maxLength);
      const free = fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 60) });
      return withNull(typeof schema.example === 'string' ? fc.oneof({ weight: 3, arbitrary: fc.constant(schema.example) }, { weight: 1, arbitrary: free }) : free);
    }
  }
}

type Json = unknown;

/** Every path into a JSON value, down to `maxDepth`: `[]`, `['offers']`, `['offers', 0, 'hsCode']`… */
function pathsOf(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = [], maxDepth = 6): (string | number)[][] {
  out.push(prefix);
  if (prefix.length >= maxDepth) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out, maxDepth));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out, maxDepth);
  return out;
}

function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  const obj = value as Record<string, Json>;
  return { ...obj, [head]: setAt(obj[head as string], rest, replacement) };
}

function deleteAt(value: Json, path: (string | number)[]): Json {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return rest.length ? value.map((v, i) => (i === head ? deleteAt(v, rest) : v)) : value.filter((_, i) => i !== head);
  const obj = { ...(value as Record<string, Json>) };
  if (rest.length) obj[head as string] = deleteAt(obj[head as string], rest);
  else delete obj[head as string];
  return obj;
}

/** A wrong value for any place: other types, hostile strings, huge or odd numbers, nesting. */
export function wrongValue(): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<Json>(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom<Json>(...NASTY_NUMBERS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 301, maxLength: 3_000 }) },
    { weight: 2, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], [[]], { '': '' }) },
    { weight: 2, arbitrary: junkJson() },
  );
}

/**
 * A conforming body broken in one or a few ways: a required field dropped, an
 * unknown field added, a value swapped for a wrong one at any depth.
 */
export function mutated(schema: JsonSchema, pools: IdPools): fc.Arbitrary<Json> {
  const mutation = (body: Json): fc.Arbitrary<Json> => {
    const paths = pathsOf(body);
    const inner = paths.filter((p) => p.length > 0);
    const options: fc.Arbitrary<Json>[] = [
      fc.tuple(fc.constantFrom(...paths), wrongValue()).map(([p, v]) => setAt(body, p, v)),
      fc
        .tuple(fc.constantFrom(...paths), fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'createdBy', 'roles', 'status', 'eventId', 'isAdmin', ''), fc.string()), wrongValue())
        .map(([p, k, v]) => {
          const target = p.reduce<Json>((acc, key) => (acc as Record<string | number, Json>)?.[key], body);
          if (!target || typeof target !== 'object' || Array.isArray(target))
            return body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [k || 'extra']: v } : { [k || 'extra']: v };
          return setAt(body, p, { ...target, [k || 'extra']: v });
        }),
    ];
    if (inner.length) options.push(fc.constantFrom(...inner).map((p) => deleteAt(body, p)));
    return fc.oneof(...options);
  };
  return conforming(schema, pools)
    .chain(mutation)
    .chain((once) => fc.oneof({ weight: 3, arbitrary: fc.constant(once) }, { weight: 1, arbitrary: mutation(once) }));
}

/** What is sent as the body: broken conforming ones mostly, some conforming, random JSON, and raw non-JSON. */
export type BodyCase = { kind: 'json'; value: Json } | { kind: 'raw'; text: string; contentType: string };

export function bodyCase(schema: JsonSchema | undefined, pools: IdPools): fc.Arbitrary<BodyCase> {
  const json = (a: fc.Arbitrary<Json>) => a.map((value): BodyCase => ({ kind: 'json', value }));
  const raw = fc
    .oneof(
      fc.constantFrom('{', '{"a":', '[1,2', 'NaN', '{"a": NaN}', '{"a": Infinity}', "{'a': 1}", '{"a":1}{"b":2}', '\u0000', '"just a string"', '42', 'null', ''),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 10_000, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.constant(`{"a":"${'x'.repeat(300 * 1024)}"}`),
    )
    .chain((text) =>
      fc
        .constantFrom(
          'application/json',
          'application/json; charset=utf-7',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'text/plain',
          'application/x-www-form-urlencoded',
        )
        .map((contentType): BodyCase => ({ kind: 'raw', text, contentType })),
    );
  if (!schema) return fc.oneof({ weight: 3, arbitrary: json(junkJson()) }, { weight: 1, arbitrary: json(fc.constant({})) }, { weight: 1, arbitrary: raw });
  return fc.oneof(
    { weight: 6, arbitrary: json(mutated(schema, pools)) },
    { weight: 2, arbitrary: json(conforming(schema, pools)) },
    { weight: 2, arbitrary: json(junkJson()) },
    { weight: 1, arbitrary: raw },
  );
}

/** A path parameter: mostly real ids of the right kind, else ids of another kind, random uuids or garbage. */
export function pathValue(name: string, path: string, pools: IdPools): fc.Arbitrary<string> {
  const own = pools[poolFor(name, path) ?? 'events'] ?? [];
  const any = Object.entries(pools)
    .filter(([k]) => k !== 'badges' && k !== 'emails')
    .flatMap(([, v]) => v ?? []);
  return fc.oneof(
    { weight: 6, arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid() },
    { weight: 1, arbitrary: any.length ? fc.constantFrom(...any) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...BAD_IDS), fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })) },
  );
}

/** A query string for `params`: conforming values, wrong ones, repeated keys, unknown keys, hostile text. */
export function queryString(params: Parameter[], pools: IdPools): fc.Arbitrary<string> {
  const value = (p: Parameter): fc.Arbitrary<string[]> =>
    fc.oneof(
      { weight: 3, arbitrary: conforming(p.schema, pools, p.name).map((v) => [String(v)]) },
      { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...NASTY_NUMBERS.map(String), ...BAD_IDS).map((v) => [v]) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((v) => [v]) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('1', 'a', '', '%'), { minLength: 2, maxLength: 3 }) },
    );
  const known = fc.record(Object.fromEntries(params.map((p) => [p.name, value(p)])), { requiredKeys: [] });
  const unknown = fc.oneof(
    { weight: 5, arbitrary: fc.constant<[string, string][]>([]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'x', 'limit[]', 'q[a]', ''), fc.string({ maxLength: 10 })), { maxLength: 2 }) },
  );
  return fc.tuple(known, unknown).map(([k, u]) => {
    const pairs: [string, string][] = [...Object.entries(k).flatMap(([name, vs]) => (vs as string[]).map((v) => [name, v] as [string, string])), ...u];
    return pairs.map(([name, v]) => `${percentEncode(name)}=${percentEncode(v)}`).join('&');
  });
}

/** A URL for an OpenAPI path with its parameters filled in (encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => percentEncode(values[name] ?? ''));
}

/** encodeURIComponent that takes any string (a lone surrogate goes as U+FFFD, as UTF-8 would carry it). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
