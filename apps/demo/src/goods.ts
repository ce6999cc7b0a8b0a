/**
 * The goods of the reference conference (SPEC "Goods that flow", from the
 * Lào Cai 2021 article in shared/seeds), each with its HS 2022 code and how a
 * trader would name it in Vietnamese, Chinese and English. Pure data.
 */
export interface Good {
  hsCode: string;
  vi: string;
  zh: string;
  en: string;
}

export const GOODS = {
  // ---- from Vietnam: agricultural produce (needs growing-area codes and packing facilities for China)
  durian: { hsCode: '081060', vi: 'Sầu riêng tươi Ri6, Monthong', zh: '新鲜榴莲（Ri6、金枕）', en: 'fresh durian (Ri6, Monthong)' },
  passionFruit: { hsCode: '081090', vi: 'Chanh leo (chanh dây) tươi', zh: '新鲜百香果', en: 'fresh passion fruit' },
  dragonFruit: { hsCode: '081090', vi: 'Thanh long ruột trắng, ruột đỏ', zh: '火龙果（白心、红心）', en: 'dragon fruit (white and red flesh)' },
  lychee: { hsCode: '081090', vi: 'Vải thiều Lục Ngạn', zh: '陆岸荔枝', en: 'Luc Ngan lychee' },
  longan: { hsCode: '081090', vi: 'Nhãn lồng Hưng Yên', zh: '兴安龙眼', en: 'Hung Yen longan' },
  banana: { hsCode: '080390', vi: 'Chuối tiêu hồng', zh: '香蕉', en: 'Cavendish bananas' },
  mango: { hsCode: '080450', vi: 'Xoài cát, xoài tròn', zh: '芒果', en: 'mangoes' },
  orange: { hsCode: '080510', vi: 'Cam sành Hà Giang', zh: '河江橙', en: 'Ha Giang king oranges' },
  sweetPotato: { hsCode: '071420', vi: 'Khoai lang tím Nhật, khoai lang mật', zh: '紫薯、蜜薯', en: 'sweet potatoes (purple and honey)' },
  cassava: { hsCode: '071410', vi: 'Sắn lát khô', zh: '木薯干片', en: 'dried cassava chips' },
  // ---- from Vietnam: food and forest products
  rice: { hsCode: '100630', vi: 'Gạo trắng, gạo thơm ST25', zh: '大米（香米 ST25）', en: 'milled rice (ST25 fragrant rice)' },
  coffee: { hsCode: '090111', vi: 'Cà phê nhân Robusta', zh: '罗布斯塔咖啡生豆', en: 'Robusta green coffee beans' },
  tea: { hsCode: '090230', vi: 'Chè Shan tuyết cổ thụ', zh: '古树雪山茶', en: 'ancient Shan Tuyet tea' },
  pepper: { hsCode: '090411', vi: 'Hạt tiêu đen', zh: '黑胡椒', en: 'black pepper' },
  cardamom: { hsCode: '090831', vi: 'Thảo quả khô', zh: '草果', en: 'dried black cardamom' },
  cinnamon: { hsCode: '090611', vi: 'Quế vỏ Văn Yên', zh: '文安肉桂', en: 'Van Yen cassia cinnamon' },
  starAnise: { hsCode: '090961', vi: 'Hoa hồi khô Lạng Sơn', zh: '谅山八角', en: 'Lang Son star anise' },
  honey: { hsCode: '040900', vi: 'Mật ong bạc hà Mèo Vạc', zh: '薄荷蜂蜜', en: 'mint-flower honey' },
  woodChips: { hsCode: '440122', vi: 'Dăm gỗ keo, bạch đàn', zh: '相思木、桉木木片', en: 'acacia and eucalyptus wood chips' },
  // ---- from Vietnam: industry (the article: garments, iron and steel, rubber, plastic pellets, clinker, limestone)
  tShirts: { hsCode: '610910', vi: 'Áo phông dệt kim cotton', zh: '棉质针织T恤', en: 'cotton knitted T-shirts' },
  womensWear: { hsCode: '6204', vi: 'Quần áo nữ may sẵn', zh: '女装成衣', en: "women's ready-made garments" },
  mensWear: { hsCode: '6203', vi: 'Bộ com-lê, quần âu nam', zh: '男士西装、西裤', en: "men's suits and trousers" },
  bedding: { hsCode: '9404', vi: 'Chăn ga gối đệm', zh: '床上用品、被褥', en: 'bedding, quilts and pillows' },
  steelBillets: { hsCode: '7207', vi: 'Phôi thép', zh: '钢坯', en: 'steel billets' },
  hotRolledCoil: { hsCode: '7208', vi: 'Thép cuộn cán nóng', zh: '热轧卷板', en: 'hot-rolled steel coil' },
  wireRod: { hsCode: '7213', vi: 'Thép dây cuộn', zh: '线材', en: 'steel wire rod' },
  rebar: { hsCode: '7214', vi: 'Thép thanh vằn', zh: '螺纹钢筋', en: 'reinforcing steel bars' },
  naturalRubber: { hsCode: '400122', vi: 'Cao su thiên nhiên SVR 10 và SVR 3L', zh: '天然橡胶（SVR 10、SVR 3L）', en: 'natural rubber (SVR 10 and SVR 3L)' },
  pePellets: { hsCode: '3901', vi: 'Hạt nhựa PE', zh: 'PE 塑料颗粒', en: 'polyethylene (PE) pellets' },
  clinker: { hsCode: '252310', vi: 'Clinker xi măng', zh: '水泥熟料', en: 'cement clinker' },
  limestone: { hsCode: '2521', vi: 'Đá vôi, bột đá CaCO3', zh: '石灰石、碳酸钙粉', en: 'limestone and CaCO3 powder' },
  apatite: { hsCode: '2510', vi: 'Quặng apatit Lào Cai', zh: '老街磷灰石矿', en: 'Lao Cai apatite ore' },
  coal: { hsCode: '2701', vi: 'Than antraxit', zh: '无烟煤', en: 'anthracite coal' },
  plasticPackaging: { hsCode: '3923', vi: 'Bao bì nhựa, túi PP', zh: '塑料包装、编织袋', en: 'plastic packaging and PP bags' },
  // ---- from China (the article: fabrics and garments, steel frames, feathers and down, electrical components,
  // textile machinery and parts, paper, ceramic tiles)
  polyesterFabric: { hsCode: '540752', vi: 'Vải sợi filament polyester', zh: '涤纶长丝机织物', en: 'polyester filament woven fabric' },
  cottonFabric: { hsCode: '520812', vi: 'Vải bông dệt thoi', zh: '全棉机织布', en: 'woven cotton fabric' },
  knitwear: { hsCode: '6110', vi: 'Áo len, áo nỉ', zh: '毛衫、卫衣', en: 'sweaters and sweatshirts' },
  coats: { hsCode: '6202', vi: 'Áo khoác nữ', zh: '女式大衣、外套', en: "women's coats and jackets" },
  steelFrames: { hsCode: '730890', vi: 'Khung nhà thép tiền chế', zh: '钢结构厂房构件', en: 'prefabricated steel building frames' },
  featherDown: { hsCode: '050510', vi: 'Lông vũ, lông nhung vịt ngỗng', zh: '鸭绒、鹅绒', en: 'duck and goose down and feathers' },
  downArticles: { hsCode: '6701', vi: 'Sản phẩm lông vũ', zh: '羽绒制品', en: 'feather and down articles' },
  switchgear: { hsCode: '853650', vi: 'Công tắc, thiết bị đóng cắt điện', zh: '开关、低压电器', en: 'switches and low-voltage switchgear' },
  cables: { hsCode: '854449', vi: 'Dây cáp điện', zh: '电线电缆', en: 'electric wires and cables' },
  spinningMachines: { hsCode: '8445', vi: 'Máy kéo sợi', zh: '纺纱机械', en: 'spinning machinery' },
  weavingLooms: { hsCode: '8446', vi: 'Máy dệt thoi', zh: '织布机（喷气、剑杆）', en: 'weaving looms (air-jet, rapier)' },
  knittingMachines: { hsCode: '8447', vi: 'Máy dệt kim tròn', zh: '圆形针织机', en: 'circular knitting machines' },
  textileMachineParts: { hsCode: '8448', vi: 'Phụ tùng máy dệt', zh: '纺织机械零件', en: 'textile machinery parts' },
  printingPaper: { hsCode: '4802', vi: 'Giấy in, giấy viết', zh: '书写印刷纸', en: 'printing and writing paper' },
  kraftPaper: { hsCode: '4804', vi: 'Giấy kraft làm bao bì', zh: '牛皮纸、箱板纸', en: 'kraft and containerboard paper' },
  cartons: { hsCode: '481910', vi: 'Thùng carton sóng', zh: '瓦楞纸箱', en: 'corrugated cartons' },
  ceramicTiles: { hsCode: '690721', vi: 'Gạch men ốp lát', zh: '瓷砖', en: 'ceramic floor and wall tiles' },
  tyres: { hsCode: '4011', vi: 'Lốp xe ô tô', zh: '汽车轮胎', en: 'car and truck tyres' },
  apples: { hsCode: '080810', vi: 'Táo tươi', zh: '新鲜苹果', en: 'fresh apples' },
  grapes: { hsCode: '080610', vi: 'Nho tươi', zh: '新鲜葡萄', en: 'fresh grapes' },
  fertilizer: { hsCode: '3105', vi: 'Phân bón NPK và DAP', zh: '复合肥与磷酸二铵', en: 'NPK and DAP fertilizers' },
  sewingMachines: { hsCode: '8452', vi: 'Máy may công nghiệp', zh: '工业缝纫机', en: 'industrial sewing machines' },
  packingMachines: { hsCode: '8422', vi: 'Máy đóng gói', zh: '包装机械', en: 'packing machines' },
  plasticMachinery: { hsCode: '8477', vi: 'Máy ép nhựa', zh: '注塑机', en: 'injection moulding machines' },
  crushers: { hsCode: '8474', vi: 'Máy nghiền đá', zh: '破碎机', en: 'stone crushers' },
} as const satisfies Record<string, Good>;

export type GoodKey = keyof typeof GOODS;
