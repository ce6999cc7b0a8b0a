import { csvConnectionRows, csvLine } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'line\nbreak', 3])).toBe('a,"b,c","say ""hi""","line\nbreak",3\r\n');
  });

  it('names channels in the reader’s language', () => {
    const row = { madeAt: '2021-01-19T02:00:00.000Z', fromName: '浙江丝路纺织', fromSide: 'CN', fromVenue: '杭州', toName: 'Nông sản Bát Xát, Lào Cai', toSide: 'VN', toVenue: 'Lào Cai', room: '', channel: 'qr' };
    expect(csvConnectionRows([row], 'zh')).toBe('2021-01-19T02:00:00.000Z,浙江丝路纺织,CN,杭州,"Nông sản Bát Xát, Lào Cai",VN,Lào Cai,,现场扫码\r\n');
    expect(csvConnectionRows([row], 'vi')).toContain('Quét mã QR tại chỗ');
  });
});
