import { findRegionByName } from '@tradebridge/reference';
import { checkRow, type CheckedRow } from './check-row';
import { planImport, type StoredKeys } from './plan';

const context = { sides: ['VN', 'CN'], venues: [{ id: 'v-lc', name: 'Điểm cầu chính Lào Cai', kind: 'main' as const }] };
const row = (n: number, over: Record<string, string> = {}): CheckedRow =>
  checkRow(
    n,
    {
      name_vi: `HTX ${n}`,
      country: 'VN',
      region: 'VN-02',
      contact_person: 'Hoa',
      contact_email: `hoa${n}@x.vn`,
      contact_phone: '+84 214 3840 123',
      venue: 'diem cau chinh lao cai',
      ...over,
    },
    context,
  );
const stored = (over: Partial<StoredKeys> = {}): StoredKeys => ({
  byTaxCode: new Map(),
  byEmail: new Map(),
  registrations: new Map(),
  venues: new Map([['v-lc', { name: 'Lào Cai', capacity: 10, onsite: 0 }]]),
  ...over,
});

describe('planImport', () => {
  it('updates the enterprise a tax code names, else the one an e-mail names, and creates the rest', () => {
    const plan = planImport([row(2, { tax_code: '5300123456' }), row(3), row(4)], stored({ byTaxCode: new Map([['5300123456', 'e-1']]), byEmail: new Map([['hoa3@x.vn', 'e-2']]) }));
    expect(plan.map((p) => [p.status, p.status === 'updated' ? p.enterpriseId : undefined])).toEqual([
      ['updated', 'e-1'],
      ['updated', 'e-2'],
      ['created', undefined],
    ]);
  });

  it('refuses a tax code and an e-mail of two different enterprises, and a second row of one enterprise', () => {
    const plan = planImport(
      [row(2, { tax_code: '5300123456' }), row(3, { contact_email: 'hoa2@x.vn' })],
      stored({ byTaxCode: new Map([['5300123456', 'e-1']]), byEmail: new Map([['hoa2@x.vn', 'e-9']]) }),
    );
    expect(plan[0]).toMatchObject({ status: 'refused', problems: [{ column: 'tax_code', code: 'KEY_CONFLICT' }] });
    const twice = planImport([row(2), row(3, { contact_email: 'HOA2@x.vn' })], stored());
    expect(twice[1]).toMatchObject({ status: 'refused', problems: [{ column: 'contact_email', code: 'DUPLICATE_IN_FILE', other: '2' }] });
  });

  it('counts on-site places: a row already on site at its venue takes none', () => {
    const venues = new Map([['v-lc', { name: 'Lào Cai', capacity: 1, onsite: 1 }]]);
    const plan = planImport(
      [row(2), row(3)],
      stored({ venues, byEmail: new Map([['hoa2@x.vn', 'e-1']]), registrations: new Map([['e-1', { id: 'r-1', venueId: 'v-lc', attendance: 'onsite' as const }]]) }),
    );
    expect(plan.map((p) => p.status)).toEqual(['updated', 'refused']);
  });
});

describe('findRegionByName', () => {
  it('reads names in vi/zh/en, with or without diacritics and "Tỉnh"/"省", pre-2025 provinces included', () => {
    expect(findRegionByName('VN', 'Tỉnh Yên Bái')?.code).toBe('VN-02');
    expect(findRegionByName('VN', 'lao cai')?.code).toBe('VN-02');
    expect(findRegionByName('CN', '浙江省')?.code).toBe('CN-ZJ');
    expect(findRegionByName('CN', 'Zhejiang')?.code).toBe('CN-ZJ');
    expect(findRegionByName('VN', 'Zhejiang')).toBeUndefined();
  });
});
