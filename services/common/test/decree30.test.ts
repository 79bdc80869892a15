import { collectiveAuthority, collectiveBody } from '../src';

describe('who signs for a unit’s collective leadership', () => {
  it('is the national federation’s Presidium, a province’s standing committee, a grassroots union’s executive committee', () => {
    expect(collectiveAuthority('NATIONAL')).toBe('TM. ĐOÀN CHỦ TỊCH');
    expect(collectiveBody('NATIONAL', 'Tổng Liên đoàn Lao động Việt Nam')).toBe('Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam');
    for (const level of ['PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS']) expect(collectiveAuthority(level)).toBe('TM. BAN THƯỜNG VỤ');
    expect(collectiveBody('PROVINCIAL', 'Liên đoàn Lao động tỉnh Bắc Ninh')).toBe('Ban Thường vụ Liên đoàn Lao động tỉnh Bắc Ninh');
    expect(collectiveAuthority('GRASSROOTS')).toBe('TM. BAN CHẤP HÀNH');
    expect(collectiveBody('GRASSROOTS', 'Công đoàn Công ty May Thăng Long')).toBe('Ban Chấp hành Công đoàn Công ty May Thăng Long');
  });
});
