import { searchHs } from './hs';

const first = (q: string, locale: 'vi' | 'zh' | 'en' = 'en') => searchHs({ q, limit: 5, offset: 0 }, locale).items.map((e) => e.code);

describe('searchHs ranking: whole words and trade names before substrings', () => {
  it.each([
    ['chè', '0902'], // tea, not "cheese" (chè folds to che) nor "chế biến"
    ['Chè', '0902'],
    ['che', '0902'],
    ['tea', '0902'], // not "steaming"
    ['Tea', '0902'],
    ['茶', '0902'],
    ['trà', '0902'],
    ['coffee', '0901'],
    ['cà phê', '0901'],
    ['ca phe', '0901'],
    ['咖啡', '0901'],
    ['vải thiều', '0810'], // lychee (0810.90), not fabrics
    ['lychee', '0810'],
    ['荔枝', '0810'],
    ['sầu riêng', '0810'],
    ['sau rieng', '0810'],
    ['durian', '0810'],
    ['榴莲', '0810'],
    ['thanh long', '0810'],
    ['dragon fruit', '0810'],
    ['火龙果', '0810'],
    ['chanh leo', '0810'],
    ['passion fruit', '0810'],
    ['百香果', '0810'],
    ['cao su', '4001'], // natural rubber, not synthetic rubber or tyres
    ['rubber', '4001'],
    ['橡胶', '4001'],
    ['mây', '1401'], // rattan, not "máy" (machines)
    ['rattan', '1401'],
    ['藤', '1401'],
    ['mây tre đan', '4602'],
    ['sắn', '0714'],
    ['cassava', '0714'],
    ['木薯', '0714'],
    ['khoai lang', '0714'],
    ['gạo', '1006'],
    ['rice', '1006'],
    ['大米', '1006'],
    ['quế', '0906'],
    ['cinnamon', '0906'],
    ['肉桂', '0906'],
    ['hồi', '0909'],
    ['star anise', '0909'],
    ['八角', '0909'],
    ['hạt tiêu', '0904'],
    ['pepper', '0904'],
    ['胡椒', '0904'],
    ['hạt điều', '0801'],
    ['cashew', '0801'],
    ['腰果', '0801'],
    ['clinker', '2523'],
    ['đá vôi', '2521'],
    ['limestone', '2521'],
    ['lông vũ', '0505'],
    ['羽绒', '0505'],
    ['gạch men', '6907'],
    ['ceramic tiles', '6907'],
    ['瓷砖', '6907'],
    ['hạt nhựa', '3901'],
    ['plastic pellets', '3901'],
    ['塑料颗粒', '3901'],
  ])('"%s" finds %s first', (q, code) => {
    expect(first(q)[0]).toBe(code);
  });

  it('puts a whole-word match above a substring of a longer word', () => {
    const codes = searchHs({ q: 'tea', limit: 500, offset: 0 }, 'en').items.map((e) => e.code);
    const steaming = searchHs({ q: 'steam', limit: 500, offset: 0 }, 'en').items.map((e) => e.code);
    // Every entry with "tea" as a word comes before any entry with it only inside a word ("steam…").
    const wordIndex = codes.filter((c) => !steaming.includes(c)).map((c) => codes.indexOf(c));
    const insideIndex = codes.filter((c) => steaming.includes(c)).map((c) => codes.indexOf(c));
    expect(insideIndex.length).toBeGreaterThan(0);
    expect(Math.max(...wordIndex.slice(0, 5))).toBeLessThan(Math.min(...insideIndex));
  });

  it('keeps the diacritics of a Vietnamese query apart from the same letters without them', () => {
    // "mây" (rattan) and "máy" (machine) fold to the same letters: the exact word ranks first.
    const rattan = searchHs({ q: 'mây', limit: 3, offset: 0 }, 'vi').items;
    expect(rattan.every((e) => /mây|song|rattan/i.test(`${e.names.vi} ${e.names.en}`))).toBe(true);
    const machines = searchHs({ q: 'máy', limit: 3, offset: 0 }, 'vi').items;
    expect(machines.every((e) => /máy/i.test(e.names.vi ?? ''))).toBe(true);
  });

  it('still finds by code prefix, in code order, and counts every match', () => {
    expect(first('0902')).toEqual(['0902', '090210', '090220', '090230', '090240']);
    const all = searchHs({ q: 'tea', limit: 1000, offset: 0 }, 'en');
    expect(all.total).toBe(all.items.length);
    expect(searchHs({ q: 'tea', limit: 2, offset: 1 }, 'en').items.map((e) => e.code)).toEqual(all.items.slice(1, 3).map((e) => e.code));
  });

  it('matches NFD input like NFC', () => {
    expect(first('chè'.normalize('NFD'))[0]).toBe('0902');
    expect(first('vải thiều'.normalize('NFD'))[0]).toBe('0810');
  });
});
