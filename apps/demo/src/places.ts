import type { VenueKey } from './conference';
import type { GoodKey } from './goods';
import type { ChineseTrade, VietnameseTrade } from './trades';

/**
 * Where the demo's enterprises come from: "gần 100 doanh nghiệp đến từ Chiết
 * Giang, Thiên Tân, Thượng Hải, Bắc Kinh và Vân Nam cùng 138 doanh nghiệp đến
 * từ các tỉnh, thành phố của Việt Nam", with the trades each place is known
 * for, the venue its enterprises attend, and the name parts of their company
 * names. Pure data.
 */
export interface NamePart {
  vi: string;
  zh: string;
  en: string;
}

export interface Province<TradeKey extends string> {
  /**
   * ISO 3166-2. Vietnamese provinces are given as they were in 2021; since
   * 1 July 2025 several are aliases (VN-06 Yên Bái → VN-02 Lào Cai) that the
   * API resolves to the unit they merged into.
   */
  region: string;
  place: NamePart;
  /** Telephone area code (without the country code). */
  areaCode: string;
  /** The venue its enterprises attend on site; the rest attend online. */
  venue: VenueKey;
  onsiteShare: number;
  /** How many enterprises of each trade. */
  mix: [TradeKey, number][];
  /** Districts, towns or markets a company may be named after. */
  towns?: NamePart[];
  /** What it grows or mines (narrows the offers of local trades). */
  produce?: GoodKey[];
  /** Short code in certification numbers ("LC" in VN-LCOR-0102). */
  abbreviation?: string;
}

const town = (vi: string, zh: string): NamePart => ({ vi, zh, en: unaccented(vi) });

/** The 138 Vietnamese enterprises, by province. */
export const VIETNAMESE_PROVINCES: Province<VietnameseTrade>[] = [
  {
    region: 'VN-02',
    place: { vi: 'Lào Cai', zh: '老街', en: 'Lao Cai' },
    abbreviation: 'LC',
    areaCode: '214',
    venue: 'laoCai',
    onsiteShare: 0.9,
    towns: [town('Bảo Thắng', '保胜'), town('Bắc Hà', '北河'), town('Sa Pa', '沙坝'), town('Mường Khương', '孟康'), town('Kim Thành', '金城'), town('Hoàng Liên', '黄连')],
    produce: ['banana', 'passionFruit', 'cardamom', 'cinnamon', 'tea', 'apatite', 'limestone'],
    mix: [
      ['fruit', 4],
      ['spices', 4],
      ['food', 2],
      ['minerals', 3],
      ['trading', 6],
      ['construction', 2],
      ['cement', 2],
      ['garments', 1],
      ['steel', 2],
      ['packaging', 1],
      ['electrical', 1],
    ],
  },
  {
    region: 'VN-06',
    place: { vi: 'Yên Bái', zh: '安沛', en: 'Yen Bai' },
    abbreviation: 'YB',
    areaCode: '216',
    venue: 'yenBai',
    onsiteShare: 0.85,
    towns: [town('Văn Yên', '文安'), town('Lục Yên', '陆安'), town('Yên Bình', '安平'), town('Văn Chấn', '文振')],
    produce: ['cinnamon', 'tea', 'limestone', 'woodChips', 'banana'],
    mix: [
      ['spices', 3],
      ['cement', 3],
      ['food', 2],
      ['fruit', 1],
      ['garments', 1],
    ],
  },
  {
    region: 'VN-03',
    place: { vi: 'Hà Giang', zh: '河江', en: 'Ha Giang' },
    abbreviation: 'HG',
    areaCode: '219',
    venue: 'haGiang',
    onsiteShare: 0.85,
    towns: [town('Bắc Quang', '北光'), town('Vị Xuyên', '渭川'), town('Đồng Văn', '同文')],
    produce: ['orange', 'tea', 'honey', 'cardamom'],
    mix: [
      ['food', 3],
      ['fruit', 2],
      ['spices', 1],
      ['trading', 2],
    ],
  },
  {
    region: 'VN-HN',
    place: { vi: 'Hà Nội', zh: '河内', en: 'Ha Noi' },
    areaCode: '24',
    venue: 'haNoi',
    onsiteShare: 0.8,
    mix: [
      ['garments', 3],
      ['homeTextiles', 2],
      ['trading', 4],
      ['food', 1],
      ['construction', 2],
      ['electrical', 1],
      ['plastics', 1],
    ],
  },
  {
    region: 'VN-HP',
    place: { vi: 'Hải Phòng', zh: '海防', en: 'Hai Phong' },
    areaCode: '225',
    venue: 'haNoi',
    onsiteShare: 0.7,
    mix: [
      ['steel', 2],
      ['plastics', 1],
      ['cement', 1],
      ['trading', 1],
    ],
  },
  {
    region: 'VN-56',
    place: { vi: 'Bắc Ninh', zh: '北宁', en: 'Bac Ninh' },
    areaCode: '222',
    venue: 'haNoi',
    onsiteShare: 0.7,
    mix: [
      ['garments', 1],
      ['electrical', 1],
      ['packaging', 2],
    ],
  },
  {
    region: 'VN-54',
    place: { vi: 'Bắc Giang', zh: '北江', en: 'Bac Giang' },
    abbreviation: 'BG',
    areaCode: '204',
    venue: 'haNoi',
    onsiteShare: 0.6,
    towns: [town('Lục Ngạn', '陆岸')],
    produce: ['lychee'],
    mix: [
      ['fruit', 3],
      ['garments', 2],
    ],
  },
  {
    region: 'VN-66',
    place: { vi: 'Hưng Yên', zh: '兴安', en: 'Hung Yen' },
    abbreviation: 'HY',
    areaCode: '221',
    venue: 'haNoi',
    onsiteShare: 0.6,
    produce: ['longan'],
    mix: [
      ['fruit', 2],
      ['garments', 1],
      ['steel', 1],
    ],
  },
  {
    region: 'VN-69',
    place: { vi: 'Thái Nguyên', zh: '太原', en: 'Thai Nguyen' },
    abbreviation: 'TNG',
    areaCode: '208',
    venue: 'haNoi',
    onsiteShare: 0.6,
    produce: ['tea'],
    mix: [
      ['food', 2],
      ['steel', 1],
    ],
  },
  {
    region: 'VN-09',
    place: { vi: 'Lạng Sơn', zh: '谅山', en: 'Lang Son' },
    abbreviation: 'LS',
    areaCode: '205',
    venue: 'haNoi',
    onsiteShare: 0.4,
    produce: ['starAnise'],
    mix: [
      ['trading', 2],
      ['spices', 2],
    ],
  },
  {
    region: 'VN-13',
    place: { vi: 'Quảng Ninh', zh: '广宁', en: 'Quang Ninh' },
    abbreviation: 'QN',
    areaCode: '203',
    venue: 'haNoi',
    onsiteShare: 0.4,
    produce: ['coal'],
    mix: [
      ['cement', 1],
      ['trading', 1],
      ['minerals', 1],
    ],
  },
  {
    region: 'VN-21',
    place: { vi: 'Thanh Hóa', zh: '清化', en: 'Thanh Hoa' },
    abbreviation: 'TH',
    areaCode: '237',
    venue: 'online',
    onsiteShare: 0,
    produce: ['rice'],
    mix: [
      ['cement', 2],
      ['food', 1],
    ],
  },
  {
    region: 'VN-22',
    place: { vi: 'Nghệ An', zh: '乂安', en: 'Nghe An' },
    abbreviation: 'NA',
    areaCode: '238',
    venue: 'online',
    onsiteShare: 0,
    produce: ['passionFruit'],
    mix: [
      ['fruit', 2],
      ['food', 1],
    ],
  },
  {
    region: 'VN-05',
    place: { vi: 'Sơn La', zh: '山罗', en: 'Son La' },
    abbreviation: 'SL',
    areaCode: '212',
    venue: 'online',
    onsiteShare: 0,
    produce: ['passionFruit', 'mango'],
    mix: [['fruit', 3]],
  },
  {
    region: 'VN-30',
    place: { vi: 'Gia Lai', zh: '嘉莱', en: 'Gia Lai' },
    abbreviation: 'GL',
    areaCode: '269',
    venue: 'online',
    onsiteShare: 0,
    produce: ['passionFruit', 'coffee'],
    mix: [
      ['rubber', 2],
      ['fruit', 1],
    ],
  },
  {
    region: 'VN-33',
    place: { vi: 'Đắk Lắk', zh: '多乐', en: 'Dak Lak' },
    abbreviation: 'DL',
    areaCode: '262',
    venue: 'hoChiMinh',
    onsiteShare: 0.5,
    towns: [town('Buôn Ma Thuột', '邦美蜀')],
    produce: ['durian', 'coffee', 'pepper'],
    mix: [
      ['fruit', 3],
      ['food', 2],
    ],
  },
  {
    region: 'VN-SG',
    place: { vi: 'TP. Hồ Chí Minh', zh: '胡志明市', en: 'Ho Chi Minh City' },
    areaCode: '28',
    venue: 'hoChiMinh',
    onsiteShare: 0.8,
    produce: ['rice', 'coffee', 'pepper'],
    mix: [
      ['garments', 3],
      ['plastics', 2],
      ['trading', 2],
      ['food', 1],
      ['rubber', 1],
      ['packaging', 1],
    ],
  },
  {
    region: 'VN-57',
    place: { vi: 'Bình Dương', zh: '平阳', en: 'Binh Duong' },
    areaCode: '274',
    venue: 'hoChiMinh',
    onsiteShare: 0.7,
    mix: [
      ['rubber', 2],
      ['plastics', 1],
      ['garments', 1],
    ],
  },
  {
    region: 'VN-39',
    place: { vi: 'Đồng Nai', zh: '同奈', en: 'Dong Nai' },
    abbreviation: 'DN',
    areaCode: '251',
    venue: 'hoChiMinh',
    onsiteShare: 0.7,
    produce: ['durian'],
    mix: [
      ['rubber', 1],
      ['homeTextiles', 1],
      ['fruit', 1],
      ['electrical', 1],
    ],
  },
  {
    region: 'VN-41',
    place: { vi: 'Long An', zh: '隆安', en: 'Long An' },
    abbreviation: 'LA',
    areaCode: '272',
    venue: 'hoChiMinh',
    onsiteShare: 0.6,
    produce: ['dragonFruit'],
    mix: [['fruit', 3]],
  },
  {
    region: 'VN-46',
    place: { vi: 'Tiền Giang', zh: '前江', en: 'Tien Giang' },
    abbreviation: 'TG',
    areaCode: '273',
    venue: 'hoChiMinh',
    onsiteShare: 0.6,
    produce: ['durian', 'dragonFruit'],
    mix: [['fruit', 4]],
  },
  {
    region: 'VN-40',
    place: { vi: 'Bình Thuận', zh: '平顺', en: 'Binh Thuan' },
    abbreviation: 'BT',
    areaCode: '252',
    venue: 'hoChiMinh',
    onsiteShare: 0.5,
    towns: [town('Hàm Thuận', '咸顺')],
    produce: ['dragonFruit'],
    mix: [['fruit', 3]],
  },
  {
    region: 'VN-49',
    place: { vi: 'Vĩnh Long', zh: '永隆', en: 'Vinh Long' },
    abbreviation: 'VL',
    areaCode: '270',
    venue: 'hoChiMinh',
    onsiteShare: 0.5,
    produce: ['sweetPotato'],
    mix: [['tuber', 3]],
  },
  {
    region: 'VN-37',
    place: { vi: 'Tây Ninh', zh: '西宁', en: 'Tay Ninh' },
    abbreviation: 'TN',
    areaCode: '276',
    venue: 'hoChiMinh',
    onsiteShare: 0.5,
    produce: ['cassava'],
    mix: [['tuber', 2]],
  },
];

const zhejiang: NamePart = { zh: '浙江', vi: 'Chiết Giang', en: 'Zhejiang' };

/**
 * The ~100 Chinese enterprises, by city. Company names start with the city or
 * the province (浙江华美纺织有限公司): `prefixes` lists which.
 */
export interface ChinesePlace extends Province<ChineseTrade> {
  prefixes: NamePart[];
}

const city = (zh: string, vi: string, en: string): NamePart => ({ zh, vi, en });

export const CHINESE_PLACES: ChinesePlace[] = [
  {
    region: 'CN-ZJ',
    place: city('绍兴', 'Thiệu Hưng', 'Shaoxing'),
    prefixes: [zhejiang, city('绍兴', 'Thiệu Hưng', 'Shaoxing')],
    areaCode: '575',
    venue: 'hangzhou',
    onsiteShare: 0.8,
    mix: [
      ['textile', 8],
      ['textileMachinery', 2],
    ],
  },
  {
    region: 'CN-ZJ',
    place: city('杭州', 'Hàng Châu', 'Hangzhou'),
    prefixes: [zhejiang, city('杭州', 'Hàng Châu', 'Hangzhou'), city('萧山', 'Tiêu Sơn', 'Xiaoshan'), city('富阳', 'Phú Dương', 'Fuyang')],
    areaCode: '571',
    venue: 'hangzhou',
    onsiteShare: 0.85,
    mix: [
      ['apparel', 4],
      ['down', 3],
      ['electrical', 2],
      ['paper', 3],
      ['fruitImport', 2],
    ],
  },
  {
    region: 'CN-ZJ',
    place: city('宁波', 'Ninh Ba', 'Ningbo'),
    prefixes: [zhejiang, city('宁波', 'Ninh Ba', 'Ningbo')],
    areaCode: '574',
    venue: 'hangzhou',
    onsiteShare: 0.7,
    mix: [
      ['apparel', 3],
      ['electrical', 2],
      ['plastics', 2],
    ],
  },
  {
    region: 'CN-ZJ',
    place: city('温州', 'Ôn Châu', 'Wenzhou'),
    prefixes: [city('温州', 'Ôn Châu', 'Wenzhou'), city('乐清', 'Nhạc Thanh', 'Yueqing')],
    areaCode: '577',
    venue: 'hangzhou',
    onsiteShare: 0.7,
    mix: [['electrical', 4]],
  },
  {
    region: 'CN-ZJ',
    place: city('嘉兴', 'Gia Hưng', 'Jiaxing'),
    prefixes: [zhejiang, city('嘉兴', 'Gia Hưng', 'Jiaxing')],
    areaCode: '573',
    venue: 'hangzhou',
    onsiteShare: 0.8,
    mix: [
      ['fruitImport', 4],
      ['textile', 1],
    ],
  },
  {
    region: 'CN-ZJ',
    place: city('湖州', 'Hồ Châu', 'Huzhou'),
    prefixes: [zhejiang, city('湖州', 'Hồ Châu', 'Huzhou')],
    areaCode: '572',
    venue: 'hangzhou',
    onsiteShare: 0.7,
    mix: [
      ['steelStructure', 2],
      ['buildingMaterials', 2],
      ['textile', 1],
    ],
  },
  {
    region: 'CN-ZJ',
    place: city('台州', 'Thai Châu', 'Taizhou'),
    prefixes: [zhejiang, city('台州', 'Thai Châu', 'Taizhou')],
    areaCode: '576',
    venue: 'hangzhou',
    onsiteShare: 0.7,
    mix: [
      ['textileMachinery', 2],
      ['plastics', 1],
    ],
  },
  { region: 'CN-ZJ', place: city('义乌', 'Nghĩa Ô', 'Yiwu'), prefixes: [city('义乌', 'Nghĩa Ô', 'Yiwu')], areaCode: '579', venue: 'hangzhou', onsiteShare: 0.6, mix: [['trading', 2]] },
  {
    region: 'CN-SH',
    place: city('上海', 'Thượng Hải', 'Shanghai'),
    prefixes: [city('上海', 'Thượng Hải', 'Shanghai')],
    areaCode: '21',
    venue: 'online',
    onsiteShare: 0,
    mix: [
      ['trading', 3],
      ['foodImport', 3],
      ['electrical', 2],
      ['steelStructure', 2],
      ['ceramics', 1],
      ['plastics', 2],
      ['fruitImport', 1],
    ],
  },
  {
    region: 'CN-TJ',
    place: city('天津', 'Thiên Tân', 'Tianjin'),
    prefixes: [city('天津', 'Thiên Tân', 'Tianjin')],
    areaCode: '22',
    venue: 'online',
    onsiteShare: 0,
    mix: [
      ['steelStructure', 4],
      ['steelTrade', 3],
      ['buildingMaterials', 2],
      ['paper', 1],
      ['rubberGoods', 2],
    ],
  },
  {
    region: 'CN-BJ',
    place: city('北京', 'Bắc Kinh', 'Beijing'),
    prefixes: [city('北京', 'Bắc Kinh', 'Beijing')],
    areaCode: '10',
    venue: 'online',
    onsiteShare: 0,
    mix: [
      ['trading', 3],
      ['buildingMaterials', 2],
      ['ceramics', 2],
      ['foodImport', 2],
      ['textileMachinery', 1],
    ],
  },
  // Kunming is a day's drive from Lào Cai; Hekou faces it across the Red River, so its traders come on foot.
  {
    region: 'CN-YN',
    place: city('昆明', 'Côn Minh', 'Kunming'),
    prefixes: [city('云南', 'Vân Nam', 'Yunnan'), city('昆明', 'Côn Minh', 'Kunming')],
    areaCode: '871',
    venue: 'laoCai',
    onsiteShare: 0.4,
    mix: [
      ['fruitImport', 4],
      ['foodImport', 2],
      ['rubberGoods', 2],
    ],
  },
  {
    region: 'CN-YN',
    place: city('河口', 'Hà Khẩu', 'Hekou'),
    prefixes: [city('河口', 'Hà Khẩu', 'Hekou'), city('红河', 'Hồng Hà', 'Honghe')],
    areaCode: '873',
    venue: 'laoCai',
    onsiteShare: 0.9,
    mix: [
      ['borderTrade', 4],
      ['buildingMaterials', 2],
    ],
  },
];

/** Auspicious words Vietnamese companies are named with, and how they are written in Chinese. */
export const VIETNAMESE_BRANDS: NamePart[] = [
  ['Hưng Thịnh', '兴盛'],
  ['Phú Gia', '富嘉'],
  ['Minh Phát', '明发'],
  ['Đại Việt', '大越'],
  ['Việt Thắng', '越胜'],
  ['Tân Phú', '新富'],
  ['Phúc Lộc', '福禄'],
  ['Kim Long', '金龙'],
  ['Trường Sơn', '长山'],
  ['Thiên Phú', '天富'],
  ['Vạn Xuân', '万春'],
  ['Đông Á', '东亚'],
  ['Nam Việt', '南越'],
  ['Thịnh Phát', '盛发'],
  ['An Khang', '安康'],
  ['Bảo Minh', '宝明'],
  ['Hồng Phúc', '鸿福'],
  ['Tiến Đạt', '进达'],
  ['Thành Đạt', '成达'],
  ['Hải Long', '海龙'],
  ['Toàn Thắng', '全胜'],
  ['Vĩnh Phát', '永发'],
  ['Gia Bảo', '嘉宝'],
  ['Thái Sơn', '泰山'],
  ['Đức Tín', '德信'],
  ['Sơn Hà', '山河'],
  ['Việt Hưng', '越兴'],
  ['Hợp Lực', '合力'],
  ['Tân Tiến', '新进'],
  ['Nhật Quang', '日光'],
  ['Ngọc Lan', '玉兰'],
  ['Trung Kiên', '忠坚'],
  ['Hữu Nghị', '友谊'],
  ['Đồng Tâm', '同心'],
  ['Phương Nam', '南方'],
  ['Hồng Hà', '红河'],
].map(([vi, zh]) => ({ vi, zh, en: unaccented(vi) }));

/** Chinese company brands, in pinyin, and in Sino-Vietnamese as Vietnamese partners read them (华美 → Hoa Mỹ). */
export const CHINESE_BRANDS: NamePart[] = [
  ['华美', 'Huamei', 'Hoa Mỹ'],
  ['鸿达', 'Hongda', 'Hồng Đạt'],
  ['永兴', 'Yongxing', 'Vĩnh Hưng'],
  ['金盛', 'Jinsheng', 'Kim Thịnh'],
  ['天成', 'Tiancheng', 'Thiên Thành'],
  ['新亚', 'Xinya', 'Tân Á'],
  ['东方', 'Dongfang', 'Đông Phương'],
  ['瑞丰', 'Ruifeng', 'Thụy Phong'],
  ['安泰', 'Antai', 'An Thái'],
  ['富华', 'Fuhua', 'Phú Hoa'],
  ['盛达', 'Shengda', 'Thịnh Đạt'],
  ['汇通', 'Huitong', 'Hối Thông'],
  ['中联', 'Zhonglian', 'Trung Liên'],
  ['锦绣', 'Jinxiu', 'Cẩm Tú'],
  ['嘉禾', 'Jiahe', 'Gia Hòa'],
  ['明珠', 'Mingzhu', 'Minh Châu'],
  ['福达', 'Fuda', 'Phúc Đạt'],
  ['兴隆', 'Xinglong', 'Hưng Long'],
  ['昌盛', 'Changsheng', 'Xương Thịnh'],
  ['宝华', 'Baohua', 'Bảo Hoa'],
  ['德信', 'Dexin', 'Đức Tín'],
  ['万通', 'Wantong', 'Vạn Thông'],
  ['凯达', 'Kaida', 'Khải Đạt'],
  ['祥和', 'Xianghe', 'Tường Hòa'],
  ['天宇', 'Tianyu', 'Thiên Vũ'],
  ['佳美', 'Jiamei', 'Giai Mỹ'],
  ['恒信', 'Hengxin', 'Hằng Tín'],
  ['云天', 'Yuntian', 'Vân Thiên'],
  ['春城', 'Chuncheng', 'Xuân Thành'],
  ['远东', 'Yuandong', 'Viễn Đông'],
  ['鑫达', 'Xinda', 'Hâm Đạt'],
  ['永安', "Yong'an", 'Vĩnh An'],
  ['伟业', 'Weiye', 'Vĩ Nghiệp'],
  ['博远', 'Boyuan', 'Bác Viễn'],
  ['正元', 'Zhengyuan', 'Chính Nguyên'],
  ['通达', 'Tongda', 'Thông Đạt'],
  ['利华', 'Lihua', 'Lợi Hoa'],
  ['丰源', 'Fengyuan', 'Phong Nguyên'],
  ['华腾', 'Huateng', 'Hoa Đằng'],
  ['金桥', 'Jinqiao', 'Kim Kiều'],
  ['泰和', 'Taihe', 'Thái Hòa'],
  ['嘉豪', 'Jiahao', 'Gia Hào'],
  ['鼎盛', 'Dingsheng', 'Đỉnh Thịnh'],
  ['华信', 'Huaxin', 'Hoa Tín'],
  ['恒昌', 'Hengchang', 'Hằng Xương'],
  ['瑞祥', 'Ruixiang', 'Thụy Tường'],
  ['兴达', 'Xingda', 'Hưng Đạt'],
  ['永丰', 'Yongfeng', 'Vĩnh Phong'],
].map(([zh, en, vi]) => ({ zh, en, vi }));

/** People who represent the enterprises (contact persons). */
export const VIETNAMESE_PEOPLE = {
  family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'],
  men: { middle: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh'], given: ['Hùng', 'Tuấn', 'Dũng', 'Nam', 'Sơn', 'Long', 'Cường', 'Hải', 'Quân', 'Thắng'] },
  women: { middle: ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh'], given: ['Hoa', 'Lan', 'Hương', 'Thảo', 'Hà', 'Linh', 'Phương', 'Trang', 'Mai', 'Hạnh'] },
};
export const CHINESE_PEOPLE = {
  family: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱'],
  given: ['伟', '芳', '敏', '静', '强', '磊', '洋', '艳', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '建华', '丽娟', '志强', '海燕', '晓东', '春梅'],
};

/** "Lào Cai" → "Lao Cai": English forms of Vietnamese names. */
export function unaccented(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}
