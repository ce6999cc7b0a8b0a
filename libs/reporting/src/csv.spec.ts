import { csvConnectionRows, csvLine } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'line\nbreak', 3])).toBe('a,"b,c","say ""hi""","line\nbreak",3\r\n');
  });

  it('names channels in the reader’s language', () => {
    const row = {
      madeAt: '2021-01-19T02:00:00.000Z',
      fromName: '浙江丝路纺织',
      fromSide: 'CN',
      fromVenue: '杭州',
      toName: 'Nông sản Bát Xát, Lào Cai',
      toSide: 'VN',
      toVenue: 'Lào Cai',
      room: '',
      channel: 'qr',
    };
    expect(csvConnectionRows([row], 'zh')).toBe('2021-01-19T02:00:00.000Z,浙江丝路纺织,CN,杭州,"Nông sản Bát Xát, Lào Cai",VN,Lào Cai,,现场扫码\r\n');
    expect(csvConnectionRows([row], 'vi')).toContain('Quét mã QR tại chỗ');
  });

  it('neutralises cells a spreadsheet would run as a formula (OWASP CSV injection): a quote first, the field quoted', () => {
    expect(csvLine(['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A2)', '\tTab', '\rCR'])).toBe(
      `"'=HYPERLINK(""http://x"",""y"")","'+cmd|' /C calc'!A0","'-2+3","'@SUM(A1:A2)","'\tTab","'\rCR"\r\n`,
    );
    // Only the first character counts; the product's own numbers are figures, not text.
    expect(csvLine(['a=b', ' =1', 'Lào Cai - Hà Nội', -1, 0.5])).toBe('a=b, =1,Lào Cai - Hà Nội,-1,0.5\r\n');
  });

  it('neutralises enterprise names in the connections list', () => {
    const row = { madeAt: '2021-01-19T02:00:00.000Z', fromName: '=1+1', fromSide: 'CN', fromVenue: '杭州', toName: '@SUM(1)', toSide: 'VN', toVenue: '+Lào Cai', room: '-x', channel: 'qr' };
    expect(csvConnectionRows([row], 'en')).toBe(`2021-01-19T02:00:00.000Z,"'=1+1",CN,杭州,"'@SUM(1)",VN,"'+Lào Cai","'-x",QR on site\r\n`);
  });
});
