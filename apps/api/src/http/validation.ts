import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, ErrorCode, FieldProblem, inputShapeProblem } from '@tradebridge/core';

/**
 * Flattens nested class-validator errors into `offers[0].hsCode`-style field paths,
 * one problem per broken rule, each with its `rule` (and `limit` or `values`). A
 * missing value (undefined or null) is one problem, `is required`, not every rule
 * it would break. Needs the errors' `value` and `target` (class-validator's default).
 */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : prefix ? `.${error.property}` : error.property;
    const path = `${prefix}${segment}`;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length && (error.value === undefined || error.value === null) && !error.constraints?.[WHITELIST]) {
      out.push({ field: path, message: 'is required', rule: 'required' });
      continue;
    }
    for (const [rule, message] of constraints) {
      out.push({ field: path, message: withoutProperty(message, error.property), rule, ...argumentsOf(error, rule) });
    }
    if (error.children?.length) out.push(...fieldProblems(error.children, path));
  }
  return out;
}

/** forbidNonWhitelisted's constraint: a field that should not be there at all. */
const WHITELIST = 'whitelistValidation';

/** class-validator prefixes messages with the bare property name (or `property x`); the path is shown instead. */
function withoutProperty(message: string, property: string): string {
  for (const prefix of [`${property} `, `property ${property} `]) if (message.startsWith(prefix)) return message.slice(prefix.length);
  return message;
}

/** The broken rule's argument from the DTO's metadata: a numeric `limit` (`@MaxLength(120)`) or the `values` of `@IsIn`. */
function argumentsOf(error: ValidationError, rule: string): Pick<FieldProblem, 'limit' | 'values'> {
  const target = error.target as object | undefined;
  if (!target || rule === WHITELIST) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === rule);
  const [first] = (metadata?.constraints ?? []) as unknown[];
  if (typeof first === 'number' && metadata?.constraints.length === 1) return { limit: first };
  if (Array.isArray(first) && first.every((v) => typeof v === 'string' || typeof v === 'number')) return { values: first };
  return {};
}

/**
 * Refuses what no DTO may receive before anything walks it (each was a 500):
 * nesting deep enough to exhaust the validators' stack, NUL characters and
 * unpaired surrogates, which PostgreSQL cannot store, and prototype keys,
 * which class-transformer trips over. See `inputShapeProblem`.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = inputShapeProblem(value, undefined, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problem) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [problem]);
    }
    return super.transform(value, metadata);
  }
}

/** Whitelisting, unknown fields refused, every bad field listed under `details.fields`. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // fieldProblems reads both (a missing value; a rule's limit); neither leaves the server.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const fields = fieldProblems(errors);
      return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
        fields,
      });
    },
  });
}
