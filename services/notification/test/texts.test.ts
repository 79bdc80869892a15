import { renderNotification, vietnameseDate } from '../src/domain/texts';
import { retryDelaySeconds } from '@thidua/common';
import { MAX_EMAIL_ATTEMPTS } from '../src/domain/retries';

describe('notification texts', () => {
  it('writes dates as Vietnamese do and links to the screen of the work', () => {
    expect(vietnameseDate('2026-11-30')).toBe('30/11/2026');
    const text = renderNotification('PROGRESS_OVERDUE', { campaignId: 'c1', campaignTitle: 'Sáng kiến', unitName: 'Công đoàn May', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    expect(text.title).toBe('Quá hạn báo cáo tiến độ: Sáng kiến');
    expect(text.body).toContain('kỳ 01/11/2026–30/11/2026');
    expect(text.link).toBe('/work/progress?campaign=c1');
  });

  it('names at most the units it was given and counts the rest', () => {
    const text = renderNotification('PROGRESS_OVERDUE_BELOW', {
      campaignId: 'c1', campaignTitle: 'Sáng kiến', unitName: 'KCN', periodStart: '2026-11-01', periodEnd: '2026-11-30', count: 12, unitNames: ['A', 'B'],
    });
    expect(text.title).toBe('12 đơn vị trực thuộc quá hạn báo cáo tiến độ: Sáng kiến');
    expect(text.body).toContain('A, B và 10 đơn vị khác');
  });
});

describe('the daily digest', () => {
  it('lists each item with its link, absolute in an e-mail', () => {
    const items = [{ title: 'Quá hạn báo cáo tiến độ: A', link: '/work/progress?campaign=a' }, { title: '2 đơn vị trực thuộc quá hạn báo cáo tiến độ: B', link: '/campaigns/b' }];
    const mail = renderNotification('DAILY_DIGEST', { day: '2026-12-01', items }, 'https://thidua.vn');
    expect(mail.title).toBe('Tổng hợp thông báo ngày 01/12/2026: 2 việc cần xử lý');
    expect(mail.body.split('\n')).toEqual(['• Quá hạn báo cáo tiến độ: A — https://thidua.vn/work/progress?campaign=a', '• 2 đơn vị trực thuộc quá hạn báo cáo tiến độ: B — https://thidua.vn/campaigns/b']);
    expect(renderNotification('DAILY_DIGEST', { day: '2026-12-01', items }).body).toContain('— /campaigns/b');
  });
});

describe('e-mail retries', () => {
  it('doubles the wait after each failure, capped at an hour', () => {
    expect([1, 2, 3].map((n) => retryDelaySeconds(n))).toEqual([30, 60, 120]);
    expect([1, 2, 3].map((n) => retryDelaySeconds(n, 1))).toEqual([1, 2, 4]);
    expect(retryDelaySeconds(MAX_EMAIL_ATTEMPTS + 10)).toBe(3600);
  });
});
