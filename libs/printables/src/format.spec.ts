import { badgeNames, stamp } from './format';
import { say } from './labels';

describe('printables: counts, stamps and badge names', () => {
  it('counts in the singular and plural in English, with no plural in Vietnamese and Chinese', () => {
    expect([1, 2].map((n) => say('meetingsCount', 'en', { n }))).toEqual(['1 meeting', '2 meetings']);
    expect([1, 40].map((n) => say('tables', 'en', { n }))).toEqual(['1 table', '40 tables']);
    expect(say('total', 'en', { n: 1, m: 0 })).toBe('1 enterprise · 0 checked in');
    expect(say('total', 'en', { n: 0, m: 0 })).toBe('0 enterprises · 0 checked in');
    expect([1, 2].map((n) => say('meetingsCount', 'vi', { n }))).toEqual(['1 cuộc gặp', '2 cuộc gặp']);
    expect([1, 2].map((n) => say('meetingsCount', 'zh', { n }))).toEqual(['1 场洽谈', '2 场洽谈']);
  });

  it('stamps an instant as each language reads it: date, time, then the zone', () => {
    const at = new Date('2021-01-19T00:00:00Z');
    expect(stamp(at, 'en', 'Asia/Ho_Chi_Minh')).toBe('19 Jan 2021, 07:00 (GMT+7)');
    expect(stamp(at, 'zh', 'Asia/Ho_Chi_Minh')).toBe('2021年1月19日 07:00 (GMT+7)');
    expect(stamp(at, 'vi', 'Asia/Ho_Chi_Minh')).toBe('07:00 ngày 19/01/2021 (GMT+7)');
  });

  it('leads a badge with the name in its country’s language, the reader’s form below', () => {
    const cn = { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles Co., Ltd.' };
    expect(badgeNames(cn, 'CN', 'vi')).toEqual({ lead: cn.zh, below: [cn.en] });
    expect(badgeNames(cn, 'CN', 'en')).toEqual({ lead: cn.zh, below: [cn.en] });
    expect(badgeNames(cn, 'CN', 'zh')).toEqual({ lead: cn.zh, below: [cn.en] });
    const vn = { vi: 'Công ty TNHH Nông sản Bát Xát', en: 'Bat Xat Agricultural Products Co., Ltd.', zh: '八岔农产品有限公司' };
    expect(badgeNames(vn, 'VN', 'zh')).toEqual({ lead: vn.vi, below: [vn.zh, vn.en] });
    expect(badgeNames(vn, 'VN', 'en')).toEqual({ lead: vn.vi, below: [vn.en, vn.zh] });
    // No name in its own language: the reader's leads.
    expect(badgeNames({ en: 'Acme Ltd.' }, 'CN', 'vi')).toEqual({ lead: 'Acme Ltd.', below: [] });
  });
});
