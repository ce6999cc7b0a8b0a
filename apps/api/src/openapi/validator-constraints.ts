import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * The validators are the one source of truth for what a request may carry; this
 * copies their rules into the OpenAPI metadata of the same properties, so the
 * document says what the ValidationPipe enforces (formats, integer, bounds,
 * lengths, patterns, enums, array sizes) without a DTO saying it twice.
 *
 * It runs over every class class-validator knows, before the document is built.
 * A class's own `@ApiProperty` of a property gets the rules of that property from
 * the class and its ancestors (a subclass re-documenting an inherited `limit`
 * keeps `integer`). What a DTO states explicitly wins over what is derived.
 */
type SchemaPatch = Record<string, unknown>;

interface ApiPropertyMetadata {
  type?: unknown;
  isArray?: boolean;
  items?: SchemaPatch;
  enum?: unknown[];
  [key: string]: unknown;
}

let applied = false;

/** A DTO class as class-validator keys its metadata. */
type DtoClass = abstract new (...args: never[]) => unknown;

export function documentValidatorConstraints(): void {
  if (applied) return; // the metadata lives on the classes, process-wide
  applied = true;
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, ValidationMetadata[]> };
  for (const target of storage.validationMetadatas.keys()) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of chainMetadata(storage.validationMetadatas, target)) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, rules] of byProperty) {
      const prototype = target.prototype as object;
      const own = Reflect.getOwnMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) as ApiPropertyMetadata | undefined;
      if (!own) continue;
      Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, enrich(own, rules), prototype, property);
    }
  }
}

/** The validation metadata of a class and of its ancestors (how class-validator itself applies them). */
function chainMetadata(all: Map<DtoClass, ValidationMetadata[]>, target: DtoClass): ValidationMetadata[] {
  const out: ValidationMetadata[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) out.push(...(all.get(c as DtoClass) ?? []));
  return out;
}

function enrich(meta: ApiPropertyMetadata, rules: ValidationMetadata[]): ApiPropertyMetadata {
  const whole: SchemaPatch = {};
  const each: SchemaPatch = {};
  for (const rule of rules) {
    if (rule.type !== ValidationTypes.CUSTOM_VALIDATION || !rule.name) continue;
    const patch = schemaOf(rule.name, rule.constraints ?? []);
    if (!patch) continue;
    Object.assign(rule.each ? each : whole, patch);
  }
  const out: ApiPropertyMetadata = { ...meta };
  const isArray = meta.isArray === true || meta.type === Array || meta.type === 'array';
  for (const [key, value] of Object.entries(whole)) {
    if (key === 'type') {
      // IsInt on a number (IsBoolean etc. already match the design type).
      if (value === 'integer' && (meta.type === Number || meta.type === 'number' || meta.type === undefined)) out.type = 'integer';
      continue;
    }
    if (isArray && (key === 'minLength' || key === 'maxLength' || key === 'pattern' || key === 'format')) continue;
    if (out[key] === undefined) out[key] = value;
  }
  if (isArray && Object.keys(each).length > 0 && isPrimitive(meta.type)) {
    // A primitive array: the per-item rules go to `items`, written out in full.
    const items: SchemaPatch = { type: itemType(meta.type), ...(meta.enum ? { enum: meta.enum } : {}), ...(meta.items ?? {}) };
    for (const [key, value] of Object.entries(each)) if (key !== 'type' && items[key] === undefined) items[key] = value;
    delete out.isArray;
    delete out.enum;
    out.type = 'array';
    out.items = items;
  }
  return out;
}

function isPrimitive(type: unknown): boolean {
  return type === String || type === Number || type === Boolean || type === Array || typeof type === 'string' || type === undefined;
}

function itemType(type: unknown): string {
  if (type === Number || type === 'number') return 'number';
  if (type === Boolean || type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  return 'string';
}

/** class-validator's constraint names (`ValidateBy` names) and what they mean in JSON Schema. */
function schemaOf(name: string, constraints: unknown[]): SchemaPatch | undefined {
  const [first] = constraints;
  switch (name) {
    case 'isUuid':
      return { format: 'uuid' };
    case 'isIso8601':
      return { format: 'date-time' };
    case 'isEmail':
      return { format: 'email' };
    case 'isUrl':
      return { format: 'uri' };
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'isIn':
      return Array.isArray(first) ? { enum: [...(first as unknown[])] } : undefined;
    case 'matches': {
      const pattern = ecmaPattern(first, constraints[1]);
      return pattern ? { pattern } : undefined;
    }
    default:
      return undefined;
  }
}

/** A RegExp as an OpenAPI `pattern` (no flags there): `i` on letter ranges is spelled out; other flags are left undocumented. */
function ecmaPattern(pattern: unknown, modifiers: unknown): string | undefined {
  const regex = pattern instanceof RegExp ? pattern : typeof pattern === 'string' ? new RegExp(pattern, typeof modifiers === 'string' ? modifiers : undefined) : undefined;
  if (!regex) return undefined;
  const flags = regex.flags.replace(/[gy]/g, '');
  if (flags === '') return regex.source;
  if (flags === 'i') return regex.source.replace(/a-z|A-Z/g, 'a-zA-Z');
  return undefined;
}
