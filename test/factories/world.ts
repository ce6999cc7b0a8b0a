import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './app';

/**
 * Builders for the people and things of a conference, through the public API
 * (so every test exercises the real paths). Each call makes unique e-mails, so
 * tests share one database without colliding.
 */
export interface Account {
  id: string;
  email: string;
  token: string;
  auth: { Authorization: string };
}

const PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@example.test`;
}

export class World {
  constructor(readonly t: Pick<TestApp, 'http' | 'db'>) {}

  async account(prefix = 'user'): Promise<Account> {
    const email = uniqueEmail(prefix);
    const registered = await this.t.http.post('/api/auth/register').send({ email, password: PASSWORD, displayName: prefix });
    if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
    return this.login(email, registered.body.id);
  }

  async login(email: string, id?: string): Promise<Account> {
    const res = await this.t.http.post('/api/auth/login').send({ email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: id ?? res.body.user.id, email, token: res.body.accessToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  }

  /** A platform admin, made directly in the database (as the bootstrap would). */
  async admin(): Promise<Account> {
    const account = await this.account('admin');
    await grantRoles(this.t.db, account.id, ['admin', 'organizer']);
    return account;
  }

  /** A platform organizer (granted by an admin through the API). */
  async organizer(admin?: Account): Promise<Account> {
    const granter = admin ?? (await this.admin());
    const account = await this.account('organizer');
    const res = await this.t.http
      .patch(`/api/users/${account.id}`)
      .set(granter.auth)
      .send({ roles: ['organizer'] });
    if (res.status !== 200) throw new Error(`grant failed: ${res.status} ${JSON.stringify(res.body)}`);
    return account;
  }

  async enterprise(owner: Account, overrides: Record<string, unknown> = {}): Promise<{ id: string; body: Record<string, unknown> }> {
    const body = { ...enterpriseBody('VN'), ...overrides };
    const res = await this.t.http.post('/api/enterprises').set(owner.auth).send(body);
    if (res.status !== 201) throw new Error(`enterprise failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, body: res.body };
  }

  /** An event with a main venue in Lào Cai, Hangzhou abroad, an online venue and two sector rooms, open for registration. */
  async openEvent(organizer: Account, overrides: Record<string, unknown> = {}): Promise<ConferenceSetup> {
    const http = this.t.http;
    const event = await http.post('/api/events').set(organizer.auth).send(eventBody(overrides));
    if (event.status !== 201) throw new Error(`event failed: ${event.status} ${JSON.stringify(event.body)}`);
    const id = event.body.id as string;
    const venue = async (body: Record<string, unknown>) => {
      const res = await http.post(`/api/events/${id}/venues`).set(organizer.auth).send(body);
      if (res.status !== 201) throw new Error(`venue failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    const room = async (body: Record<string, unknown>) => {
      const res = await http.post(`/api/events/${id}/rooms`).set(organizer.auth).send(body);
      if (res.status !== 201) throw new Error(`room failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    const laoCai = await venue({ name: 'Điểm cầu chính Lào Cai', city: 'Lào Cai', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'main', capacity: 300, tables: 40 });
    const hangzhou = await venue({ name: '杭州分会场', city: 'Hangzhou', country: 'CN', timezone: 'Asia/Shanghai', kind: 'satellite', capacity: 120, tables: 20 });
    const online = await venue({ name: 'Trực tuyến / Online', city: 'Online', country: 'VN', timezone: 'Asia/Ho_Chi_Minh', kind: 'online', capacity: 1000, tables: 0 });
    const agriculture = await room({ name: { vi: 'Nông sản & thực phẩm', zh: '农产品与食品', en: 'Agriculture & food' }, sectorCodes: ['II', 'IV'], capacity: 100 });
    const industry = await room({ name: { vi: 'Dệt may & công nghiệp', zh: '纺织与工业', en: 'Textiles & industry' }, sectorCodes: ['XI', 'XV', 'XVI'], capacity: 100 });
    const opened = await http.patch(`/api/events/${id}`).set(organizer.auth).send({ status: 'registration_open' });
    if (opened.status !== 200) throw new Error(`open failed: ${opened.status} ${JSON.stringify(opened.body)}`);
    return { eventId: id, venues: { laoCai, hangzhou, online }, rooms: { agriculture, industry } };
  }

  async register(member: Account, eventId: string, enterpriseId: string, venueId: string, attendance: 'onsite' | 'online' = 'onsite') {
    return this.t.http.post(`/api/events/${eventId}/registrations`).set(member.auth).send({ enterpriseId, venueId, attendance });
  }

  /** A new member with an enterprise of that country (profile overrides allowed). */
  async member(country: 'VN' | 'CN' = 'VN', overrides: Record<string, unknown> = {}): Promise<Participant> {
    const account = await this.account(country === 'VN' ? 'vn' : 'cn');
    const enterprise = await this.enterprise(account, enterpriseBody(country, overrides));
    return { account, enterpriseId: enterprise.id };
  }

  /** A participant registered at its side's venue (Lào Cai or Hangzhou) and approved by the organizer. */
  async approved(
    organizer: Account,
    setup: ConferenceSetup,
    country: 'VN' | 'CN',
    overrides: Record<string, unknown> = {},
    venue?: string,
  ): Promise<Participant & { registration: { id: string; badgeCode: string; side: string; venueId: string } }> {
    const m = await this.member(country, overrides);
    const venueId = venue ?? (country === 'VN' ? setup.venues.laoCai : setup.venues.hangzhou);
    const reg = await this.register(m.account, setup.eventId, m.enterpriseId, venueId, venueId === setup.venues.online ? 'online' : 'onsite');
    if (reg.status !== 201) throw new Error(`registration failed: ${reg.status} ${JSON.stringify(reg.body)}`);
    const ok = await this.t.http.post(`/api/events/${setup.eventId}/registrations/${reg.body.id}/approve`).set(organizer.auth);
    if (ok.status !== 200) throw new Error(`approve failed: ${ok.status} ${JSON.stringify(ok.body)}`);
    return { ...m, registration: ok.body };
  }

  /** A fresh VN and CN participant whose connection (requested by the CN one) the VN one accepted. */
  async acceptedPair(organizer: Account, setup: ConferenceSetup, venues: { vn?: string; cn?: string } = {}) {
    const vn = await this.approved(organizer, setup, 'VN', {}, venues.vn);
    const cn = await this.approved(organizer, setup, 'CN', {}, venues.cn);
    const c = await this.t.http.post(`/api/events/${setup.eventId}/connections`).set(cn.account.auth).send({ fromRegistrationId: cn.registration.id, toRegistrationId: vn.registration.id });
    if (c.status !== 201) throw new Error(`request failed: ${c.status} ${JSON.stringify(c.body)}`);
    const accepted = await this.t.http.post(`/api/connections/${c.body.id}/accept`).set(vn.account.auth);
    if (accepted.body.status !== 'accepted') throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    return { vn, cn, connectionId: c.body.id as string };
  }

  /** Checks a registration in by its badge (as staff). */
  async checkIn(staff: Account, eventId: string, badgeCode: string): Promise<void> {
    const res = await this.t.http.post(`/api/events/${eventId}/check-ins`).set(staff.auth).send({ badgeCode });
    if (res.status !== 200) throw new Error(`check-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export interface Participant {
  account: Account;
  enterpriseId: string;
}

export interface ConferenceSetup {
  eventId: string;
  venues: { laoCai: string; hangzhou: string; online: string };
  rooms: { agriculture: string; industry: string };
}

export async function grantRoles(db: DataSource, userId: string, roles: string[]): Promise<void> {
  await db.query('UPDATE users SET roles = $2 WHERE id = $1', [userId, roles]);
}

/** A believable profile: a Lào Cai fruit exporter, or a Zhejiang textile maker. */
export function enterpriseBody(country: 'VN' | 'CN', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  if (country === 'CN') {
    return {
      name: { zh: '浙江丝路纺织有限公司', en: 'Zhejiang Silk Road Textiles Co., Ltd.' },
      country: 'CN',
      region: 'CN-ZJ',
      sectors: ['XI'],
      offers: [
        { hsCode: '5407', description: '涤纶长丝机织物 / polyester filament fabrics' },
        { hsCode: '8447', description: 'Knitting machines' },
      ],
      needs: [{ hsCode: '081060', description: 'Fresh durian from Vietnam' }],
      certifications: [{ kind: 'iso', code: 'ISO 9001:2015' }],
      contact: { email: 'trade@silkroad-textiles.cn', phone: '+86 571 8888 1234', person: '王芳' },
      ...overrides,
    };
  }
  return {
    name: { vi: 'Công ty TNHH Nông sản Bát Xát', en: 'Bat Xat Agricultural Products Co., Ltd.' },
    country: 'VN',
    region: 'VN-02',
    sectors: ['II'],
    offers: [
      { hsCode: '081060', description: 'Sầu riêng tươi / fresh durian' },
      { hsCode: '081090', description: 'Chanh leo, thanh long / passion fruit, dragon fruit' },
    ],
    needs: [{ hsCode: '8433', description: 'Harvesting machinery' }],
    certifications: [
      { kind: 'growing_area_code', code: 'VN-LCOR-0102' },
      { kind: 'ocop', stars: 4 },
    ],
    contact: { email: 'export@batxat-agri.vn', phone: '+84 214 3840 123', person: 'Nguyễn Thị Hoa' },
    ...overrides,
  };
}

export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: { vi: 'Hội nghị Xúc tiến Thương mại Xuất khẩu Quốc tế', zh: '国际出口贸易促进会', en: 'International Export Trade Conference' },
    timezone: 'Asia/Ho_Chi_Minh',
    startsAt: '2021-01-19T01:00:00.000Z',
    endsAt: '2021-01-19T10:00:00.000Z',
    sides: ['VN', 'CN'],
    ...overrides,
  };
}
