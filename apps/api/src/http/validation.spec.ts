import type { ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblem } from '@tradebridge/core';
import { RegisterRequest, UpdateUserRequest } from '../accounts/accounts.dto';
import { CreateEventRequest } from '../events/events.dto';
import { createValidationPipe, fieldProblems } from './validation';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = [], value: unknown = 'given'): ValidationError {
  return { property, constraints, children, value };
}

describe('fieldProblems', () => {
  it('names nested fields with array indexes, the way a form shows them', () => {
    const problems = fieldProblems([
      error('email', { isEmail: 'email must be a valid e-mail address' }),
      error('offers', undefined, [error('0', undefined, [error('hsCode', { matches: 'hsCode must be an HS code of 2, 4 or 6 digits' })])]),
      error('name', { hasALanguage: 'needs at least one of vi, zh, en' }),
    ]);
    expect(problems).toEqual([
      { field: 'email', message: 'must be a valid e-mail address', rule: 'isEmail' },
      { field: 'offers[0].hsCode', message: 'must be an HS code of 2, 4 or 6 digits', rule: 'matches' },
      { field: 'name', message: 'needs at least one of vi, zh, en', rule: 'hasALanguage' },
    ]);
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  async function problemsOf(metatype: new () => object, body: unknown): Promise<FieldProblem[]> {
    try {
      await pipe.transform(body, { type: 'body', metatype });
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.VALIDATION_FAILED);
      return (error as DomainError).details?.fields ?? [];
    }
    throw new Error('the body was accepted');
  }

  it('reports a missing required field once, as "is required", not as every rule it would have broken', async () => {
    const problems = await problemsOf(RegisterRequest, { email: 'hoa@example.com', password: 'correct horse battery' });
    expect(problems).toEqual([{ field: 'displayName', message: 'is required', rule: 'required' }]);
  });

  it('reports null like missing, and a missing nested object once too', async () => {
    const problems = await problemsOf(CreateEventRequest, { name: null, timezone: 'Asia/Ho_Chi_Minh', startsAt: '2026-01-01T01:00:00Z', endsAt: '2026-01-01T09:00:00Z' });
    expect(problems).toEqual([{ field: 'name', message: 'is required', rule: 'required' }]);
  });

  it('names the broken rule and its limit, so a client can say it in its own language', async () => {
    const problems = await problemsOf(RegisterRequest, { email: 'not-an-email', password: 'short', displayName: 'x'.repeat(121), extra: 1 });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'must be a valid e-mail address', rule: 'isEmail' },
        { field: 'password', message: 'must be longer than or equal to 10 characters', rule: 'minLength', limit: 10 },
        { field: 'displayName', message: 'must be shorter than or equal to 120 characters', rule: 'maxLength', limit: 120 },
        { field: 'extra', message: 'should not exist', rule: 'whitelistValidation' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('names the allowed values of an isIn rule', async () => {
    const account = await problemsOf(UpdateUserRequest, { roles: ['king'] });
    expect(account).toEqual([{ field: 'roles', message: 'each role must be admin or organizer', rule: 'isIn', values: ['admin', 'organizer'] }]);
  });
});
