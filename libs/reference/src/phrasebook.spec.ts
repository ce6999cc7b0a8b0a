import { PHRASE_CATEGORIES, PHRASES, phrase } from './phrasebook';

describe('the trade phrasebook', () => {
  it('writes every phrase and category in vi, zh and en, with unique keys in their category', () => {
    expect(new Set(PHRASES.map((p) => p.key)).size).toBe(PHRASES.length);
    for (const p of PHRASES) {
      expect(p.key.startsWith(`${p.category}.`)).toBe(true);
      for (const locale of ['vi', 'zh', 'en'] as const) expect(p.text[locale].trim().length).toBeGreaterThan(2);
      // Each language is its own: Chinese text has Han characters, Vietnamese its letters, English neither.
      expect(p.text.zh).toMatch(/\p{Script=Han}/u);
      expect(p.text.en).not.toMatch(/\p{Script=Han}/u);
      expect(p.text.vi).not.toEqual(p.text.en);
    }
    for (const name of Object.values(PHRASE_CATEGORIES)) expect(Object.keys(name).sort()).toEqual(['en', 'vi', 'zh']);
    expect(new Set(PHRASES.map((p) => p.category))).toEqual(new Set(Object.keys(PHRASE_CATEGORIES)));
  });

  it("holds the issue's examples and looks phrases up by key", () => {
    const english = PHRASES.map((p) => p.text.en);
    for (const example of [
      'Can you send a sample?',
      'What is your minimum order quantity?',
      'Do you have a growing-area code for this product?',
      'Price per ton, CIF Hekou?',
      'Let us meet at my table.',
    ]) {
      expect(english).toContain(example);
    }
    expect(phrase('samples.request')?.text.zh).toBe('能寄样品吗？');
    expect(phrase('samples.nope')).toBeUndefined();
  });
});
