import type { GoodKey } from './goods';

/**
 * Lines of business of the demo's enterprises: the word a company name
 * carries ("Công ty TNHH **Nông sản** …", "浙江华美**纺织**有限公司"), what such a
 * company offers and needs, and which certifications it would hold. Pure data.
 */
export interface Trade {
  /** The trade's word in company names. */
  name: { vi: string; zh: string; en: string };
  /** Offers are drawn from these (narrowed to a province's own produce when `local`). */
  offers: GoodKey[];
  needs: GoodKey[];
  /** HS sections (roman) its profile lists. */
  sectors: string[];
  /** Offers come from what its province grows or mines. */
  local?: boolean;
  /** Fresh produce for China: growing-area code and registered packing facility. */
  produce?: boolean;
  /** Processed food and forest goods: OCOP stars, GACC registration, HACCP. */
  food?: boolean;
  /** Factories: ISO 9001. */
  factory?: boolean;
}

export type VietnameseTrade =
  'fruit' | 'tuber' | 'food' | 'spices' | 'garments' | 'homeTextiles' | 'steel' | 'rubber' | 'plastics' | 'cement' | 'minerals' | 'trading' | 'construction' | 'packaging' | 'electrical';

export const VIETNAMESE_TRADES: Record<VietnameseTrade, Trade> = {
  fruit: {
    name: { vi: 'Nông sản', zh: '农产品', en: 'Agricultural Products' },
    offers: ['durian', 'passionFruit', 'dragonFruit', 'lychee', 'longan', 'banana', 'mango', 'orange'],
    needs: ['cartons', 'packingMachines', 'fertilizer'],
    sectors: ['II'],
    local: true,
    produce: true,
  },
  tuber: {
    name: { vi: 'Nông sản', zh: '农产品', en: 'Farm Produce' },
    offers: ['sweetPotato', 'cassava'],
    needs: ['cartons', 'fertilizer', 'packingMachines'],
    sectors: ['II'],
    local: true,
    produce: true,
  },
  food: {
    name: { vi: 'Thực phẩm', zh: '食品', en: 'Foods' },
    offers: ['rice', 'coffee', 'tea', 'pepper', 'honey'],
    needs: ['packingMachines', 'cartons', 'kraftPaper'],
    sectors: ['I', 'II', 'IV'],
    local: true,
    food: true,
  },
  spices: {
    name: { vi: 'Lâm sản', zh: '林产品', en: 'Forest Products' },
    offers: ['cardamom', 'cinnamon', 'starAnise', 'woodChips'],
    needs: ['packingMachines', 'cartons'],
    sectors: ['II', 'IX'],
    local: true,
    food: true,
  },
  garments: {
    name: { vi: 'May mặc', zh: '服装', en: 'Garment' },
    offers: ['tShirts', 'womensWear', 'mensWear'],
    needs: ['polyesterFabric', 'cottonFabric', 'sewingMachines', 'knittingMachines'],
    sectors: ['XI'],
    factory: true,
  },
  homeTextiles: {
    name: { vi: 'Chăn ga gối đệm', zh: '家纺', en: 'Home Textiles' },
    offers: ['bedding'],
    needs: ['featherDown', 'downArticles', 'cottonFabric'],
    sectors: ['XI', 'XX'],
    factory: true,
  },
  steel: {
    name: { vi: 'Thép', zh: '钢铁', en: 'Steel' },
    offers: ['steelBillets', 'hotRolledCoil', 'wireRod', 'rebar'],
    needs: ['steelFrames', 'cables'],
    sectors: ['XV'],
    factory: true,
  },
  rubber: {
    name: { vi: 'Cao su', zh: '橡胶', en: 'Rubber' },
    offers: ['naturalRubber'],
    needs: ['fertilizer', 'packingMachines'],
    sectors: ['VII'],
    factory: true,
  },
  plastics: {
    name: { vi: 'Nhựa', zh: '塑料', en: 'Plastics' },
    offers: ['pePellets', 'plasticPackaging'],
    needs: ['plasticMachinery', 'kraftPaper'],
    sectors: ['VII'],
    factory: true,
  },
  cement: {
    name: { vi: 'Xi măng', zh: '水泥', en: 'Cement' },
    offers: ['clinker', 'limestone'],
    needs: ['crushers', 'steelFrames'],
    sectors: ['V'],
    factory: true,
  },
  minerals: {
    name: { vi: 'Khoáng sản', zh: '矿产', en: 'Mining' },
    offers: ['limestone', 'apatite', 'coal'],
    needs: ['crushers', 'cables'],
    sectors: ['V'],
    local: true,
  },
  trading: {
    name: { vi: 'Xuất nhập khẩu', zh: '进出口', en: 'Import-Export' },
    offers: ['durian', 'dragonFruit', 'rice', 'cassava', 'naturalRubber', 'pePellets', 'woodChips'],
    needs: ['apples', 'grapes', 'ceramicTiles', 'fertilizer', 'polyesterFabric', 'switchgear'],
    sectors: ['II', 'VII', 'XIII'],
  },
  construction: {
    name: { vi: 'Xây dựng', zh: '建设', en: 'Construction' },
    offers: [],
    needs: ['steelFrames', 'ceramicTiles', 'cables', 'switchgear'],
    sectors: ['XIII', 'XV'],
  },
  packaging: {
    name: { vi: 'Bao bì', zh: '包装', en: 'Packaging' },
    offers: ['cartons', 'plasticPackaging'],
    needs: ['kraftPaper', 'printingPaper', 'packingMachines'],
    sectors: ['X'],
    factory: true,
  },
  electrical: {
    name: { vi: 'Thiết bị điện', zh: '电气设备', en: 'Electrical Equipment' },
    offers: ['cables'],
    needs: ['switchgear', 'steelFrames'],
    sectors: ['XVI'],
    factory: true,
  },
};

export type ChineseTrade =
  | 'textile'
  | 'apparel'
  | 'textileMachinery'
  | 'down'
  | 'electrical'
  | 'paper'
  | 'ceramics'
  | 'steelStructure'
  | 'steelTrade'
  | 'buildingMaterials'
  | 'rubberGoods'
  | 'plastics'
  | 'fruitImport'
  | 'foodImport'
  | 'borderTrade'
  | 'trading';

export const CHINESE_TRADES: Record<ChineseTrade, Trade> = {
  textile: {
    name: { zh: '纺织', vi: 'Dệt', en: 'Textile' },
    offers: ['polyesterFabric', 'cottonFabric'],
    needs: ['tShirts', 'womensWear', 'mensWear'],
    sectors: ['XI'],
    factory: true,
  },
  apparel: {
    name: { zh: '服饰', vi: 'Thời trang', en: 'Apparel' },
    offers: ['knitwear', 'coats'],
    needs: ['tShirts', 'mensWear', 'womensWear'],
    sectors: ['XI'],
    factory: true,
  },
  textileMachinery: {
    name: { zh: '纺织机械', vi: 'Máy dệt', en: 'Textile Machinery' },
    offers: ['spinningMachines', 'weavingLooms', 'knittingMachines', 'textileMachineParts', 'sewingMachines'],
    needs: ['steelBillets', 'hotRolledCoil'],
    sectors: ['XVI'],
    factory: true,
  },
  down: {
    name: { zh: '羽绒', vi: 'Lông vũ', en: 'Down' },
    offers: ['featherDown', 'downArticles'],
    needs: ['bedding'],
    sectors: ['I', 'XII'],
    factory: true,
  },
  electrical: {
    name: { zh: '电气', vi: 'Điện khí', en: 'Electric' },
    offers: ['switchgear', 'cables'],
    needs: ['pePellets', 'naturalRubber'],
    sectors: ['XVI'],
    factory: true,
  },
  paper: {
    name: { zh: '纸业', vi: 'Giấy', en: 'Paper' },
    offers: ['printingPaper', 'kraftPaper', 'cartons'],
    needs: ['woodChips'],
    sectors: ['X'],
    factory: true,
  },
  ceramics: {
    name: { zh: '陶瓷', vi: 'Gốm sứ', en: 'Ceramics' },
    offers: ['ceramicTiles'],
    needs: ['limestone'],
    sectors: ['XIII'],
    factory: true,
  },
  steelStructure: {
    name: { zh: '钢结构', vi: 'Kết cấu thép', en: 'Steel Structure' },
    offers: ['steelFrames'],
    needs: ['hotRolledCoil', 'steelBillets', 'rebar'],
    sectors: ['XV'],
    factory: true,
  },
  steelTrade: {
    name: { zh: '钢铁贸易', vi: 'Thương mại thép', en: 'Steel Trading' },
    offers: ['steelFrames'],
    needs: ['steelBillets', 'hotRolledCoil', 'wireRod', 'rebar'],
    sectors: ['XV'],
  },
  buildingMaterials: {
    name: { zh: '建材', vi: 'Vật liệu xây dựng', en: 'Building Materials' },
    offers: ['ceramicTiles', 'steelFrames'],
    needs: ['clinker', 'limestone'],
    sectors: ['V', 'XIII'],
    factory: true,
  },
  rubberGoods: {
    name: { zh: '橡胶制品', vi: 'Sản phẩm cao su', en: 'Rubber Products' },
    offers: ['tyres'],
    needs: ['naturalRubber'],
    sectors: ['VII'],
    factory: true,
  },
  plastics: {
    name: { zh: '塑胶', vi: 'Nhựa', en: 'Plastics' },
    offers: ['plasticMachinery', 'plasticPackaging'],
    needs: ['pePellets'],
    sectors: ['VII', 'XVI'],
    factory: true,
  },
  fruitImport: {
    name: { zh: '果业', vi: 'Trái cây', en: 'Fruit' },
    offers: ['apples', 'grapes'],
    needs: ['durian', 'dragonFruit', 'passionFruit', 'lychee', 'longan', 'mango', 'banana'],
    sectors: ['II'],
  },
  foodImport: {
    name: { zh: '食品', vi: 'Thực phẩm', en: 'Food' },
    offers: [],
    needs: ['rice', 'coffee', 'cassava', 'sweetPotato', 'pepper', 'cardamom', 'cinnamon', 'starAnise', 'tea'],
    sectors: ['II', 'IV'],
  },
  borderTrade: {
    name: { zh: '边贸', vi: 'Thương mại biên mậu', en: 'Border Trade' },
    offers: ['fertilizer', 'apples'],
    needs: ['sweetPotato', 'passionFruit', 'banana', 'cassava', 'durian'],
    sectors: ['II', 'VI'],
  },
  trading: {
    name: { zh: '国际贸易', vi: 'Thương mại quốc tế', en: 'International Trading' },
    offers: ['switchgear', 'ceramicTiles', 'fertilizer', 'polyesterFabric'],
    needs: ['naturalRubber', 'pePellets', 'woodChips', 'coal', 'rice'],
    sectors: ['VII', 'XI', 'XVI'],
  },
};
