import type { Localized, VenueKind } from '@tradebridge/contracts';

/**
 * The reference conference of SPEC.md, as its organizers would type it in:
 * the International Export Trade Conference in Lào Cai (19 January 2021,
 * "giao thương trực tuyến và trực tiếp"), with its main venue in Lào Cai,
 * satellite venues in Vietnamese provinces, one venue abroad in Hangzhou, an
 * online venue and two sector trade rooms. Pure data.
 */
export const DEMO_EVENT = {
  name: {
    vi: 'Hội nghị Giao thương Xuất khẩu Quốc tế Lào Cai 2021',
    zh: '2021年老街国际出口贸易对接会',
    en: 'Lao Cai International Export Trade Conference 2021',
  },
  timezone: 'Asia/Ho_Chi_Minh',
  sides: ['VN', 'CN'] as [string, string],
  slotMinutes: 20,
} as const;

/**
 * The real conference ran on the morning of 19 Jan 2021; the demo's runs now,
 * so the dashboard is live: from the top of the previous hour, for a working
 * day (9 hours). Re-applied when a later run finds the window over.
 */
export function liveWindow(now: Date): { startsAt: string; endsAt: string } {
  const start = new Date(now);
  start.setUTCMinutes(0, 0, 0);
  start.setUTCHours(start.getUTCHours() - 1);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 9 * 3_600_000).toISOString() };
}

/** Whether an event window still has at least an hour to run at `now`. */
export function isLiveAt(window: { startsAt: string; endsAt: string }, now: Date): boolean {
  return Date.parse(window.startsAt) <= now.getTime() && Date.parse(window.endsAt) - now.getTime() >= 3_600_000;
}

export type VenueKey = 'laoCai' | 'haGiang' | 'yenBai' | 'haNoi' | 'hoChiMinh' | 'hangzhou' | 'online';

export interface VenueInput {
  name: string;
  city: string;
  country: string;
  timezone: string;
  kind: VenueKind;
  capacity: number;
  tables: number;
}

/** "Điểm cầu chính tại tỉnh Lào Cai … các điểm cầu tại một số tỉnh, thành phố trong nước và 1 điểm cầu tại thành phố Hàng Châu." */
export const VENUES: Record<VenueKey, VenueInput> = {
  laoCai: { name: 'Điểm cầu chính Lào Cai', city: 'Lào Cai', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'main', capacity: 220, tables: 40 },
  haGiang: { name: 'Điểm cầu Hà Giang', city: 'Hà Giang', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 40, tables: 8 },
  yenBai: { name: 'Điểm cầu Yên Bái', city: 'Yên Bái', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 40, tables: 8 },
  haNoi: { name: 'Điểm cầu Hà Nội', city: 'Hà Nội', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 80, tables: 12 },
  hoChiMinh: { name: 'Điểm cầu TP. Hồ Chí Minh', city: 'Hồ Chí Minh', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'satellite', capacity: 80, tables: 12 },
  hangzhou: { name: '杭州分会场 · Điểm cầu Hàng Châu', city: 'Hangzhou', country: 'CN', timezone: 'Asia/Shanghai', kind: 'satellite', capacity: 80, tables: 16 },
  online: { name: 'Trực tuyến · 线上 · Online', city: 'Online', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'online', capacity: 1000, tables: 0 },
};

export type RoomKey = 'agriculture' | 'industry';

export interface RoomInput {
  name: Required<Localized>;
  sectorCodes: string[];
  capacity: number;
}

/** "2 phòng giao thương riêng biệt theo lĩnh vực": farm and food goods (HS sections I–IV), and everything else. */
export const ROOMS: Record<RoomKey, RoomInput> = {
  agriculture: {
    name: { vi: 'Phòng giao thương Nông sản & Thực phẩm', zh: '农产品与食品贸易对接室', en: 'Agriculture & Food trade room' },
    sectorCodes: ['I', 'II', 'III', 'IV'],
    capacity: 120,
  },
  industry: {
    name: { vi: 'Phòng giao thương Công nghiệp, Dệt may & Vật liệu', zh: '工业、纺织与材料贸易对接室', en: 'Industry, Textiles & Materials trade room' },
    sectorCodes: ['V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XX'],
    capacity: 180,
  },
};

/** The staff accounts, by the local part of their e-mail (the domain is the demo's). */
export const STAFF = {
  organizer: { localPart: 'organizer', displayName: 'Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Lào Cai' },
  moderators: {
    agriculture: { localPart: 'moderator-agriculture', displayName: 'Điều phối phòng Nông sản & Thực phẩm' },
    industry: { localPart: 'moderator-industry', displayName: 'Điều phối phòng Công nghiệp, Dệt may & Vật liệu' },
  } satisfies Record<RoomKey, { localPart: string; displayName: string }>,
} as const;

/** The e-mail domain of every demo account (`.local` resolves nowhere on the internet). */
export const DEMO_EMAIL_DOMAIN = 'demo.tradebridge.local';
