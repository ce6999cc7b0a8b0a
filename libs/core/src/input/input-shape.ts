import type { FieldProblem } from '../errors/domain-error';

/** Far deeper than any request or socket payload of the contract (the deepest is `offers[0].hsCode`). */
export const MAX_INPUT_DEPTH = 16;

/** A UTF-16 surrogate without its pair: not a character, and JSON carries it as `\ud800`, which jsonb refuses. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Keys that reach into prototypes: class-transformer takes `constructor` for a class and throws (a 500). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  if (UNPAIRED_SURROGATE.test(text)) return 'must be valid Unicode text (it holds an unpaired surrogate)';
  return undefined;
}

/**
 * What no input may hold, whatever its DTO: nesting past `maxDepth` (the
 * validators and class-transformer recurse, and a few thousand levels exhaust
 * the stack), the NUL character (PostgreSQL text cannot store it), unpaired
 * surrogates (jsonb refuses them) and prototype keys: each failed in the
 * database, the stack or the transformer instead of being refused. Returns the first offending place as a field
 * problem, or undefined. Iterative: the check itself cannot overflow.
 */
export function inputShapeProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH, root = ''): FieldProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const message = textProblem(item.value);
      if (message) return { field: item.path || 'body', message };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) return { field: item.path || 'body', message: `is nested more than ${maxDepth} levels deep` };
    const array = Array.isArray(item.value);
    for (const [key, child] of Object.entries(item.value)) {
      const keyProblem = PROTOTYPE_KEYS.has(key) ? `must not be "${key}"` : textProblem(key);
      if (keyProblem) return { field: item.path || 'body', message: `each key ${keyProblem}` };
      const path = array ? `${item.path}[${key}]` : item.path ? `${item.path}.${key}` : key;
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return undefined;
}
