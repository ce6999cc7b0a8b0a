import type { FieldProblemBody, Locale } from '@tradebridge/contracts';
import type { MessageKey } from './en';
import { isMessageKey, translate } from './translate';

/** What the web app knows of an API error (see ApiError). */
export interface ErrorLike {
  status: number;
  code: string;
  message: string;
  fields: readonly FieldProblemBody[];
  details?: Readonly<Record<string, unknown>>;
}

/** What IN_USE's `details` counts, in the order a refusal names them. */
const USES = ['registrations', 'meetings', 'connections', 'announcements'] as const;

/** IN_USE names what uses the venue, room or event ("used by 3 registrations, 1 meeting"), and a booked table. */
function inUseText(locale: Locale, error: ErrorLike): string {
  const details = error.details ?? {};
  const uses = USES.filter((kind) => typeof details[kind] === 'number' && details[kind] > 0).map((kind) => translate(locale, `inUse.${kind}`, { n: details[kind] as number }));
  const parts = [translate(locale, 'error.IN_USE')];
  if (uses.length) parts.push(translate(locale, 'inUse.usedBy', { uses: uses.join(translate(locale, 'inUse.separator')) }));
  if (typeof details.highestBookedTable === 'number') parts.push(translate(locale, 'inUse.table', { table: details.highestBookedTable }));
  return parts.join(' ');
}

/**
 * The text of an error code in a language: `error.<CODE>` for every code of the
 * API (libs/core's ErrorCode, kept complete by errors.spec.ts) and of the web
 * app (`NETWORK`), `error.HTTP` for the filter's `HTTP_<status>`; an unknown code
 * shows the server's own (English) message.
 */
export function codeText(locale: Locale, error: Pick<ErrorLike, 'status' | 'code' | 'message'>): string {
  const key = `error.${error.code}`;
  if (isMessageKey(key)) return translate(locale, key);
  if (/^HTTP_\d{3}$/.test(error.code)) return translate(locale, error.status >= 500 ? 'error.INTERNAL' : 'error.HTTP', { status: error.status });
  return error.message;
}

/** The banner's text: the code's; a validation error without fields (bad JSON) says the request was refused. */
export function errorText(locale: Locale, error: ErrorLike): string {
  if (error.code === 'VALIDATION_FAILED' && error.fields.length === 0) return translate(locale, 'error.VALIDATION_REQUEST');
  if (error.code === 'IN_USE') return inUseText(locale, error);
  return codeText(locale, error);
}

/** Rules whose text takes no argument; the ones with `{limit}` or `{values}` are below. */
const RULE_KEYS: Record<string, MessageKey> = {
  required: 'error.rule.required',
  isString: 'error.rule.isString',
  isEmail: 'error.rule.isEmail',
  isUuid: 'error.rule.isUuid',
  isInt: 'error.rule.isInt',
  isBoolean: 'error.rule.isBoolean',
  isObject: 'error.rule.isObject',
  isArray: 'error.rule.isArray',
  isIso8601: 'error.rule.isIso8601',
  isUrl: 'error.rule.isUrl',
  isNumberString: 'error.rule.isNumberString',
  matches: 'error.rule.matches',
  arrayUnique: 'error.rule.arrayUnique',
  hasALanguage: 'error.rule.hasALanguage',
  whitelistValidation: 'error.rule.whitelistValidation',
};

const LIMIT_KEYS: Record<string, MessageKey> = {
  maxLength: 'error.rule.maxLength',
  minLength: 'error.rule.minLength',
  max: 'error.rule.max',
  min: 'error.rule.min',
  arrayMaxSize: 'error.rule.arrayMaxSize',
  arrayMinSize: 'error.rule.arrayMinSize',
};

/**
 * One bad field's text in a language, from its `rule` (and `limit` or `values`).
 * A problem the API found beyond the DTO's rules has no rule: it says what its
 * error code says (UNKNOWN_HS_CODE, ALREADY_STAFF, …), and for a plain
 * VALIDATION_FAILED the server's English words in English, else "check this value".
 */
export function fieldText(locale: Locale, problem: FieldProblemBody, code: string): string {
  const { rule, limit, values } = problem;
  if (rule === 'minLength' && limit === 1) return translate(locale, 'error.rule.required');
  if (rule && Object.hasOwn(LIMIT_KEYS, rule) && typeof limit === 'number') return translate(locale, LIMIT_KEYS[rule], { limit });
  if ((rule === 'isIn' || rule === 'isEnum') && values?.length) return translate(locale, 'error.rule.isIn', { values: values.join(', ') });
  if (rule && Object.hasOwn(RULE_KEYS, rule)) return translate(locale, RULE_KEYS[rule]);
  if (code !== 'VALIDATION_FAILED' && isMessageKey(`error.${code}`)) return translate(locale, `error.${code}` as MessageKey);
  return locale === 'en' ? problem.message : translate(locale, 'error.rule.invalid');
}
