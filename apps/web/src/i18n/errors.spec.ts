import { LOCALES } from '@tradebridge/contracts';
import { ErrorCode } from '@tradebridge/core';
import { codeText, errorText, fieldText } from './errors';
import { CATALOGUES } from './translate';

const error = (code: string, fields: { field: string; message: string; rule?: string; limit?: number; values?: string[] }[] = [], status = 400) => ({
  status,
  code,
  message: `server words for ${code}`,
  fields,
});

describe('error texts', () => {
  // A code added to ErrorCode without a text in every language fails here.
  it.each(Object.values(ErrorCode))('has a text of its own for %s in vi, zh and en', (code) => {
    for (const locale of LOCALES) {
      const key = `error.${code}` as keyof (typeof CATALOGUES)['en'];
      expect(CATALOGUES[locale][key]?.trim()).toBeTruthy();
      expect(codeText(locale, error(code))).not.toBe(`server words for ${code}`);
    }
  });

  it('has texts for the codes that are not domain codes: the filter’s HTTP_<status> and PAYLOAD_TOO_LARGE, and NETWORK', () => {
    expect(codeText('vi', error('PAYLOAD_TOO_LARGE', [], 413))).toBe('Dữ liệu gửi lên quá lớn.');
    expect(codeText('zh', error('HTTP_405', [], 405))).toBe('请求被拒绝（HTTP 405）。');
    expect(codeText('vi', error('HTTP_502', [], 502))).toBe(CATALOGUES.vi['error.INTERNAL']);
    expect(codeText('en', error('NETWORK', [], 0))).toBe(CATALOGUES.en['error.NETWORK']);
  });

  it('names what uses a venue or room in an IN_USE refusal, in the language shown', () => {
    const inUse = { ...error('IN_USE', [], 409), details: { registrations: 3, meetings: 1, connections: 0, announcements: 0, highestBookedTable: 5 } };
    expect(errorText('en', inUse)).toBe(`${CATALOGUES.en['error.IN_USE']} Used by 3 registration(s), 1 meeting(s). Table 5 has a booked meeting.`);
    expect(errorText('vi', inUse)).toContain('Đang được dùng bởi 3 lượt đăng ký, 1 cuộc gặp.');
    expect(errorText('zh', inUse)).toContain('正在使用它的有：3 个报名、1 场洽谈。');
  });

  it('falls back to the server’s message for a code it does not know', () => {
    expect(codeText('zh', error('SOMETHING_NEW'))).toBe('server words for SOMETHING_NEW');
  });

  it('says a validation error without fields (bad JSON) in the language shown', () => {
    expect(errorText('zh', error('VALIDATION_FAILED'))).toBe('无法读取请求，请刷新页面后重试。');
    expect(errorText('vi', error('VALIDATION_FAILED', [{ field: 'name', message: 'is required', rule: 'required' }]))).toBe('Một số trường cần được sửa.');
  });
});

describe('field texts', () => {
  it('says each rule in the language shown, with its limit or values', () => {
    expect(fieldText('vi', { field: 'displayName', message: 'is required', rule: 'required' }, 'VALIDATION_FAILED')).toBe('Bắt buộc');
    expect(fieldText('zh', { field: 'displayName', message: 'must be shorter than or equal to 120 characters', rule: 'maxLength', limit: 120 }, 'VALIDATION_FAILED')).toBe('最多 120 个字符');
    expect(fieldText('vi', { field: 'password', message: 'must be longer than or equal to 10 characters', rule: 'minLength', limit: 10 }, 'VALIDATION_FAILED')).toBe('Ít nhất 10 ký tự');
    expect(fieldText('zh', { field: 'name.vi', message: 'must be longer than or equal to 1 characters', rule: 'minLength', limit: 1 }, 'VALIDATION_FAILED')).toBe('必填');
    expect(fieldText('en', { field: 'lang', message: 'must be vi, zh or en', rule: 'isIn', values: ['vi', 'zh', 'en'] }, 'VALIDATION_FAILED')).toBe('Choose one of: vi, zh, en');
    expect(fieldText('zh', { field: 'id', message: 'must be a UUID', rule: 'isUuid' }, 'VALIDATION_FAILED')).toBe('引用无效');
  });

  it('says a problem found beyond the DTO rules with its code’s text, or the English words only in English', () => {
    expect(fieldText('vi', { field: 'email', message: 'is already registered' }, 'EMAIL_TAKEN')).toBe(CATALOGUES.vi['error.EMAIL_TAKEN']);
    expect(fieldText('zh', { field: 'endsAt', message: 'must be after startsAt' }, 'VALIDATION_FAILED')).toBe('请检查此项');
    expect(fieldText('en', { field: 'endsAt', message: 'must be after startsAt' }, 'VALIDATION_FAILED')).toBe('must be after startsAt');
  });

  it('does not take a rule named like an object key for a known rule', () => {
    expect(fieldText('vi', { field: 'x', message: 'odd', rule: 'constructor', limit: 3 }, 'VALIDATION_FAILED')).toBe('Hãy kiểm tra lại giá trị này');
  });

  it('has every rule text in vi, zh and en', () => {
    const ruleKeys = Object.keys(CATALOGUES.en).filter((k) => k.startsWith('error.rule.')) as (keyof (typeof CATALOGUES)['en'])[];
    expect(ruleKeys.length).toBeGreaterThan(20);
    for (const locale of LOCALES) for (const key of ruleKeys) expect(CATALOGUES[locale][key].trim()).toBeTruthy();
  });
});
