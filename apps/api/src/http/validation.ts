import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblem, inputShapeProblem } from '@tradebridge/core';

/** Flattens nested class-validator errors into `offers[0].hsCode`-style field paths. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : prefix ? `.${error.property}` : error.property;
    const path = `${prefix}${segment}`;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator prefixes messages with the bare property name; show the full path instead.
      const text = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
      out.push({ field: path, message: text });
    }
    if (error.children?.length) out.push(...fieldProblems(error.children, path));
  }
  return out;
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldProblems(errors);
      return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
        fields,
      });
    },
  });
}
