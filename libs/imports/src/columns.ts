import type { Locale } from '@tradebridge/contracts';

/** The columns of a participants spreadsheet, in template order. */
export const IMPORT_COLUMNS = [
  'name_vi',
  'name_zh',
  'name_en',
  'country',
  'region',
  'offers',
  'needs',
  'languages',
  'certifications',
  'contact_person',
  'contact_email',
  'contact_phone',
  'tax_code',
  'venue',
  'attendance',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header and explanation of each column, per language (the template's header row and its guide sheet). */
export const COLUMN_TEXT: Record<ImportColumn, Record<Locale, { header: string; help: string }>> = {
  name_vi: {
    vi: { header: 'Tên tiếng Việt', help: 'Tên doanh nghiệp bằng tiếng Việt. Cần ít nhất một trong ba cột tên.' },
    zh: { header: '越南语名称', help: '企业的越南语名称。三个名称列至少填写一个。' },
    en: { header: 'Name (Vietnamese)', help: 'The enterprise name in Vietnamese. At least one of the three name columns is required.' },
  },
  name_zh: {
    vi: { header: 'Tên tiếng Trung', help: 'Tên doanh nghiệp bằng tiếng Trung (giản thể).' },
    zh: { header: '中文名称', help: '企业的中文（简体）名称。' },
    en: { header: 'Name (Chinese)', help: 'The enterprise name in Simplified Chinese.' },
  },
  name_en: {
    vi: { header: 'Tên tiếng Anh', help: 'Tên doanh nghiệp bằng tiếng Anh.' },
    zh: { header: '英文名称', help: '企业的英文名称。' },
    en: { header: 'Name (English)', help: 'The enterprise name in English.' },
  },
  country: {
    vi: { header: 'Quốc gia', help: 'Bắt buộc. Mã ISO hai chữ cái (VN, CN) hoặc tên nước. Phải là một trong hai bên của hội nghị.' },
    zh: { header: '国家', help: '必填。ISO 两位字母代码（VN、CN）或国家名称，须为本次会议的一方。' },
    en: { header: 'Country', help: 'Required. Two-letter ISO code (VN, CN) or the country name; one of the sides of the event.' },
  },
  region: {
    vi: { header: 'Tỉnh/thành', help: 'Bắt buộc. Mã (VN-02) hoặc tên tỉnh, kể cả tên trước 2025 (Yên Bái → Lào Cai).' },
    zh: { header: '省份/地区', help: '必填。代码（CN-ZJ）或省份名称；越南 2025 年前的省名也可识别。' },
    en: { header: 'Region', help: 'Required. A code (VN-02, CN-ZJ) or a province name, pre-2025 Vietnamese names included.' },
  },
  offers: {
    vi: { header: 'Sản phẩm chào bán (mã HS)', help: 'Mã HS 2, 4 hoặc 6 số, kèm mô tả sau dấu hai chấm; cách nhau bằng dấu chấm phẩy. Ví dụ: 081060: Sầu riêng tươi; 0810: Chanh leo' },
    zh: { header: '供应产品（HS编码）', help: '2、4 或 6 位 HS 编码，冒号后写说明，多个用分号分隔。例：520812: 棉布; 7308: 钢结构' },
    en: { header: 'Offers (HS codes)', help: 'HS codes of 2, 4 or 6 digits, a description after a colon, separated by semicolons. E.g. 081060: Fresh durian; 0810: Passion fruit' },
  },
  needs: {
    vi: { header: 'Nhu cầu mua (mã HS)', help: 'Như cột chào bán: các mặt hàng doanh nghiệp cần mua.' },
    zh: { header: '采购需求（HS编码）', help: '格式同供应产品：企业需要采购的商品。' },
    en: { header: 'Needs (HS codes)', help: 'As offers: the goods the enterprise wants to buy.' },
  },
  languages: {
    vi: { header: 'Ngôn ngữ', help: 'Mã ISO 639-1, cách nhau bằng dấu phẩy (vi, zh, en). Mặc định: ngôn ngữ của các tên.' },
    zh: { header: '工作语言', help: 'ISO 639-1 代码，用逗号分隔（vi, zh, en）。默认：所填名称的语言。' },
    en: { header: 'Languages', help: 'ISO 639-1 codes separated by commas (vi, zh, en). Default: the languages of the names.' },
  },
  certifications: {
    vi: {
      header: 'Chứng nhận',
      help: 'loại:mã cách nhau bằng dấu chấm phẩy: ocop:4 (số sao 3–5), growing_area_code:VN-LCOR-0102, packing_facility_code:…, gacc_registration:…, iso, haccp, halal',
    },
    zh: { header: '认证', help: '类型:编号，用分号分隔：ocop:4（3–5 星）、growing_area_code:VN-LCOR-0102、packing_facility_code:…、gacc_registration:…、iso、haccp、halal' },
    en: {
      header: 'Certifications',
      help: 'kind:code separated by semicolons: ocop:4 (3–5 stars), growing_area_code:VN-LCOR-0102, packing_facility_code:…, gacc_registration:…, iso, haccp, halal',
    },
  },
  contact_person: {
    vi: { header: 'Người liên hệ', help: 'Bắt buộc. Họ tên người liên hệ.' },
    zh: { header: '联系人', help: '必填。联系人姓名。' },
    en: { header: 'Contact person', help: 'Required. The contact’s full name.' },
  },
  contact_email: {
    vi: { header: 'Email liên hệ', help: 'Bắt buộc. Nhận thư mời kích hoạt tài khoản; dùng để nhận diện doanh nghiệp khi không có mã số thuế.' },
    zh: { header: '联系邮箱', help: '必填。将收到认领账户的邀请；无税号时用于识别企业。' },
    en: { header: 'Contact e-mail', help: 'Required. Receives the invitation to claim the account; identifies the enterprise when there is no tax code.' },
  },
  contact_phone: {
    vi: { header: 'Điện thoại liên hệ', help: 'Bắt buộc. Ví dụ: +84 214 3840 123' },
    zh: { header: '联系电话', help: '必填。例：+86 571 8888 6666' },
    en: { header: 'Contact phone', help: 'Required. E.g. +84 214 3840 123' },
  },
  tax_code: {
    vi: { header: 'Mã số thuế', help: 'Khuyến nghị. Khóa nhận diện: nhập lại tệp đã sửa sẽ cập nhật đúng doanh nghiệp này. Định dạng ô là văn bản để giữ số 0 ở đầu.' },
    zh: { header: '税号', help: '建议填写。识别键：重新导入修改后的文件会更新同一企业。请将单元格设为文本以保留开头的 0。' },
    en: { header: 'Tax code', help: 'Recommended. The key: re-importing a corrected file updates this same enterprise. Keep the cell as text so leading zeros stay.' },
  },
  venue: {
    vi: { header: 'Điểm cầu', help: 'Bắt buộc. Tên điểm cầu của hội nghị, đúng như trong trang thiết lập.' },
    zh: { header: '会场', help: '必填。本次会议的会场名称，与设置页一致。' },
    en: { header: 'Venue', help: 'Required. The name of one of the event’s venues, as on the setup page.' },
  },
  attendance: {
    vi: { header: 'Hình thức tham dự', help: 'trực tiếp hoặc trực tuyến (onsite/online). Mặc định: trực tuyến ở điểm cầu trực tuyến, trực tiếp ở điểm cầu khác.' },
    zh: { header: '参会方式', help: '线下或线上（onsite/online）。默认：线上会场为线上，其他会场为线下。' },
    en: { header: 'Attendance', help: 'onsite or online. Default: online at an online venue, onsite elsewhere.' },
  },
};

export function columnHeader(column: ImportColumn, locale: Locale): string {
  return COLUMN_TEXT[column][locale].header;
}
