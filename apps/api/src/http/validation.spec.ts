import type { ValidationError } from '@nestjs/common';
import { fieldProblems } from './validation';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return { property, constraints, children };
}

describe('fieldProblems', () => {
  it('names nested fields with array indexes, the way a form shows them', () => {
    const problems = fieldProblems([
      error('email', { isEmail: 'email must be a valid e-mail address' }),
      error('offers', undefined, [error('0', undefined, [error('hsCode', { matches: 'hsCode must be an HS code of 2, 4 or 6 digits' })])]),
      error('name', { hasALanguage: 'needs at least one of vi, zh, en' }),
    ]);
    expect(problems).toEqual([
      { field: 'email', message: 'must be a valid e-mail address' },
      { field: 'offers[0].hsCode', message: 'must be an HS code of 2, 4 or 6 digits' },
      { field: 'name', message: 'needs at least one of vi, zh, en' },
    ]);
  });
});
