import type { Attendance, Certification, EnterpriseSize, Localized, ProductLine } from '@tradebridge/contracts';
import type { VenueKey } from './conference';
import { GOODS, GoodKey } from './goods';
import { CHINESE_BRANDS, CHINESE_PEOPLE, CHINESE_PLACES, ChinesePlace, NamePart, Province, unaccented, VIETNAMESE_BRANDS, VIETNAMESE_PEOPLE, VIETNAMESE_PROVINCES } from './places';
import { SeededRandom } from './seeded-random';
import { CHINESE_TRADES, ChineseTrade, Trade, VIETNAMESE_TRADES, VietnameseTrade } from './trades';

/**
 * The enterprises of the reference conference: 138 Vietnamese and 100 Chinese
 * profiles, generated from the name parts, places and trades beside this file.
 * Deterministic: the same seed gives the same enterprises, in the same order,
 * on every machine, so a demo run can be reproduced and its logins reprinted.
 */

/** The body of `POST /api/enterprises`. */
export interface EnterpriseProfile {
  name: Required<Localized>;
  country: 'VN' | 'CN';
  region: string;
  sectors: string[];
  offers: ProductLine[];
  needs: ProductLine[];
  certifications: Certification[];
  languages: string[];
  website?: string;
  size: EnterpriseSize;
  description: Localized;
  contact: { email: string; phone: string; person: string };
}

export interface DemoEnterprise {
  /** `vn-001` … `vn-138`, `cn-001` … `cn-100`; also the local part of its representative's e-mail. */
  key: string;
  side: 'VN' | 'CN';
  trade: VietnameseTrade | ChineseTrade;
  profile: EnterpriseProfile;
  venue: VenueKey;
  attendance: Attendance;
  /** On-site enterprises that turn up at their venue (a few do not). */
  checksIn: boolean;
}

export const REFERENCE_SEED = 20210119;

export function referenceEnterprises(seed = REFERENCE_SEED): DemoEnterprise[] {
  const random = new SeededRandom(seed);
  const taken = new Set<string>();
  const enterprises: DemoEnterprise[] = [];
  const keyOf = (side: 'vn' | 'cn', n: number) => `${side}-${String(n).padStart(3, '0')}`;
  for (const province of VIETNAMESE_PROVINCES) {
    for (const [tradeKey, count] of province.mix) {
      for (let i = 0; i < count; i++) enterprises.push(vietnamese(random, keyOf('vn', enterprises.length + 1), province, tradeKey, taken));
    }
  }
  const vietnameseCount = enterprises.length;
  for (const place of CHINESE_PLACES) {
    for (const [tradeKey, count] of place.mix) {
      for (let i = 0; i < count; i++) enterprises.push(chinese(random, keyOf('cn', enterprises.length - vietnameseCount + 1), place, tradeKey, taken));
    }
  }
  return enterprises;
}

/**
 * The enterprises whose logins the demo prints, for a person to try: a Lào Cai
 * fruit grower on site, a Shaoxing weaver in Hangzhou, a Hekou border trader
 * who crossed to Lào Cai (so badge scans work between the first and the last)
 * and a Saigon garment maker.
 */
export function featuredEnterprises(enterprises: DemoEnterprise[]): DemoEnterprise[] {
  const first = (test: (e: DemoEnterprise) => boolean) => enterprises.find(test);
  return [
    first((e) => e.side === 'VN' && e.trade === 'fruit' && e.profile.region === 'VN-02' && e.checksIn),
    first((e) => e.side === 'CN' && e.trade === 'textile' && e.venue === 'hangzhou' && e.checksIn),
    first((e) => e.side === 'CN' && e.trade === 'borderTrade' && e.venue === 'laoCai' && e.checksIn),
    first((e) => e.side === 'VN' && e.trade === 'garments' && e.profile.region === 'VN-SG'),
  ].filter((e): e is DemoEnterprise => e !== undefined);
}

function vietnamese(random: SeededRandom, key: string, province: Province<VietnameseTrade>, tradeKey: VietnameseTrade, taken: Set<string>): DemoEnterprise {
  const trade = VIETNAMESE_TRADES[tradeKey];
  const name = unique(taken, () => vietnameseName(random, province, trade));
  const { offers, needs } = goodsOf(random, trade, province.produce, 'vi');
  const names = random.chance(0.5) ? VIETNAMESE_PEOPLE.women : VIETNAMESE_PEOPLE.men;
  const person = `${random.pick(VIETNAMESE_PEOPLE.family)} ${random.pick(names.middle)} ${random.pick(names.given)}`;
  // Border provinces trade with Yunnan and Guangxi every day: many speak Chinese.
  const border = ['VN-02', 'VN-03', 'VN-09', 'VN-13'].includes(province.region);
  const languages = ['vi', ...(random.chance(0.5) ? ['en'] : []), ...(border && random.chance(0.5) ? ['zh'] : [])];
  const slug = slugOf(name.en);
  return {
    key,
    side: 'VN',
    trade: tradeKey,
    profile: {
      name,
      country: 'VN',
      region: province.region,
      sectors: trade.sectors,
      offers,
      needs,
      certifications: vietnameseCertifications(random, trade, province),
      languages,
      ...(random.chance(0.6) ? { website: `https://www.${slug}.example` } : {}),
      size: sizeOf(random),
      description: {
        vi: `${offers.length ? `Sản xuất và xuất khẩu ${goodsNamed(offers, 'own')}` : 'Nhập khẩu và phân phối'} tại ${province.place.vi}. Cần tìm: ${goodsNamed(needs, 'own')}.`,
        en: `${offers.length ? `Produces and exports ${goodsNamed(offers, 'en')}` : 'Imports and distributes'} from ${province.place.en}, Viet Nam. Sourcing: ${goodsNamed(needs, 'en')}.`,
      },
      contact: { email: `${random.pick(['sales', 'export', 'info', 'kinhdoanh'])}@${slug}.example`, phone: phoneOf(random, '+84', province.areaCode), person },
    },
    ...attendanceOf(random, province),
  };
}

function chinese(random: SeededRandom, key: string, place: ChinesePlace, tradeKey: ChineseTrade, taken: Set<string>): DemoEnterprise {
  const trade = CHINESE_TRADES[tradeKey];
  const name = unique(taken, () => chineseName(random, place, trade));
  const { offers, needs } = goodsOf(random, trade, undefined, 'zh');
  const person = `${random.pick(CHINESE_PEOPLE.family)}${random.pick(CHINESE_PEOPLE.given)}`;
  // Yunnan's border traders often speak Vietnamese.
  const languages = ['zh', ...(random.chance(0.5) ? ['en'] : []), ...(place.region === 'CN-YN' && random.chance(0.4) ? ['vi'] : [])];
  const slug = slugOf(name.en);
  return {
    key,
    side: 'CN',
    trade: tradeKey,
    profile: {
      name,
      country: 'CN',
      region: place.region,
      sectors: trade.sectors,
      offers,
      needs,
      certifications: trade.factory && random.chance(0.7) ? [{ kind: 'iso', code: 'ISO 9001:2015' }] : [],
      languages,
      ...(random.chance(0.7) ? { website: `https://www.${slug}.example` } : {}),
      size: sizeOf(random),
      description: {
        zh: `${offers.length ? `主营${goodsNamed(offers, 'own', '、')}` : '从事进口与分销'}，位于${place.place.zh}。采购：${goodsNamed(needs, 'own', '、')}。`,
        en: `${offers.length ? `Makes and exports ${goodsNamed(offers, 'en')}` : 'Imports and distributes'} from ${place.place.en}, China. Sourcing: ${goodsNamed(needs, 'en')}.`,
      },
      contact: { email: `${random.pick(['sales', 'trade', 'export', 'info'])}@${slug}.example`, phone: phoneOf(random, '+86', place.areaCode), person },
    },
    ...attendanceOf(random, place),
  };
}

function vietnameseName(random: SeededRandom, province: Province<VietnameseTrade>, trade: Trade): Required<Localized> {
  const towns = province.towns ?? [];
  // Growers often sell through their commune's cooperative, which is what holds OCOP stars.
  if ((trade.produce || trade.food) && towns.length > 0 && random.chance(0.25)) {
    const town = random.pick(towns);
    return { vi: `Hợp tác xã Nông nghiệp ${town.vi}`, zh: `${town.zh}农业合作社`, en: `${town.en} Agricultural Cooperative` };
  }
  const fromTown = towns.length > 0 && random.chance(0.35);
  const brand = fromTown ? random.pick(towns) : random.pick(VIETNAMESE_BRANDS);
  const home = !fromTown && random.chance(0.5) ? namePartOfProvince(province) : undefined;
  const joint = random.chance(0.4);
  return {
    vi: `Công ty ${joint ? 'Cổ phần' : 'TNHH'} ${trade.name.vi} ${brand.vi}${home ? ` ${home.vi}` : ''}`,
    zh: `${home ? home.zh : '越南'}${brand.zh}${trade.name.zh}${joint ? '股份公司' : '有限责任公司'}`,
    en: `${brand.en}${home ? ` ${home.en}` : ''} ${trade.name.en} ${joint ? 'JSC' : 'Co., Ltd.'}`,
  };
}

/** How a province appears inside company names (Saigon, not "TP. Hồ Chí Minh"). */
function namePartOfProvince(province: Province<VietnameseTrade>): NamePart {
  return province.region === 'VN-SG' ? { vi: 'Sài Gòn', zh: '西贡', en: 'Saigon' } : province.place;
}

function chineseName(random: SeededRandom, place: ChinesePlace, trade: Trade): Required<Localized> {
  const prefix = random.pick(place.prefixes);
  const brand = random.pick(CHINESE_BRANDS);
  return {
    zh: `${prefix.zh}${brand.zh}${trade.name.zh}有限公司`,
    vi: `Công ty TNHH ${trade.name.vi} ${brand.vi} ${prefix.vi}`,
    en: `${prefix.en} ${brand.en} ${trade.name.en} Co., Ltd.`,
  };
}

function unique(taken: Set<string>, make: () => Required<Localized>): Required<Localized> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = make();
    if (!taken.has(name.en)) {
      taken.add(name.en);
      return name;
    }
  }
  throw new Error('ran out of distinct enterprise names; add name parts');
}

/** 1–2 offers (a province's own produce for local trades) and 1–2 needs, one line per HS code. */
function goodsOf(random: SeededRandom, trade: Trade, produce: GoodKey[] | undefined, language: 'vi' | 'zh'): { offers: ProductLine[]; needs: ProductLine[] } {
  const own = trade.local && produce ? trade.offers.filter((g) => produce.includes(g)) : [];
  const offerPool = own.length > 0 ? own : trade.offers;
  const line = (key: GoodKey): ProductLine => ({ hsCode: GOODS[key].hsCode, description: `${GOODS[key][language]} / ${GOODS[key].en}` });
  const distinct = (keys: GoodKey[]) => keys.filter((k, i) => keys.findIndex((other) => GOODS[other].hsCode === GOODS[k].hsCode) === i);
  return {
    offers: distinct(random.sample(offerPool, random.int(1, 2))).map(line),
    needs: distinct(random.sample(trade.needs, random.int(1, 2))).map(line),
  };
}

function vietnameseCertifications(random: SeededRandom, trade: Trade, province: Province<VietnameseTrade>): Certification[] {
  const abbreviation = province.abbreviation ?? initials(province.place.en);
  const digits = (n: number) => String(random.int(0, 10 ** n - 1)).padStart(n, '0');
  const certifications: Certification[] = [];
  if (trade.produce) {
    if (random.chance(0.85)) certifications.push({ kind: 'growing_area_code', code: `VN-${abbreviation}OR-${digits(4)}` });
    if (random.chance(0.75)) certifications.push({ kind: 'packing_facility_code', code: `VN-${abbreviation}PH-${digits(3)}` });
  }
  if ((trade.produce && random.chance(0.35)) || (trade.food && random.chance(0.6))) {
    certifications.push({ kind: 'ocop', stars: random.weighted([3, 4, 5], (stars) => ({ 3: 5, 4: 4, 5: 1 })[stars] ?? 0) });
  }
  if (trade.food && random.chance(0.5)) certifications.push({ kind: 'gacc_registration', code: `CVNM${digits(10)}` });
  if (trade.food && random.chance(0.3)) certifications.push({ kind: 'haccp', code: `HACCP-VN-${digits(5)}` });
  if (trade.factory && random.chance(0.6)) certifications.push({ kind: 'iso', code: 'ISO 9001:2015' });
  return certifications;
}

function attendanceOf(random: SeededRandom, province: Province<string>): Pick<DemoEnterprise, 'venue' | 'attendance' | 'checksIn'> {
  if (province.venue !== 'online' && random.chance(province.onsiteShare)) {
    return { venue: province.venue, attendance: 'onsite', checksIn: random.chance(0.92) };
  }
  return { venue: 'online', attendance: 'online', checksIn: false };
}

function sizeOf(random: SeededRandom): EnterpriseSize {
  return random.weighted<EnterpriseSize>(['micro', 'small', 'medium', 'large'], (size) => ({ micro: 2, small: 5, medium: 3, large: 1 })[size]);
}

function phoneOf(random: SeededRandom, country: string, areaCode: string): string {
  const local = String(random.int(10 ** 6, 10 ** 7 - 1)) + (areaCode.length <= 2 ? String(random.int(0, 9)) : '');
  return `${country} ${areaCode} ${local.slice(0, local.length - 4)} ${local.slice(-4)}`;
}

function slugOf(englishName: string): string {
  return unaccented(englishName)
    .toLowerCase()
    .replace(/\b(co|ltd|jsc)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function initials(text: string): string {
  return text
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

/**
 * Goods named in the profile's own language (the part before " / ") or in
 * English (after it): descriptions read "Sầu riêng tươi … / fresh durian …".
 * Vietnamese names start with a capital, which mid-sentence they lose.
 */
function goodsNamed(lines: ProductLine[], part: 'own' | 'en', separator = '; '): string {
  return lines
    .map((l) => l.description.split(' / ')[part === 'own' ? 0 : 1])
    .map((name) => (part === 'own' ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name))
    .join(separator);
}
