import { renderNotification, vietnameseDate, vietnameseMoment } from '../src/domain/texts';
import { KIND_LABELS, NOTIFICATION_KINDS, defaultChannels } from '../src/domain/kinds';
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

describe('the texts of every kind', () => {
  it('has a label for every kind, and only the subtree digest waits for the daily letter by default', () => {
    for (const kind of NOTIFICATION_KINDS) expect(KIND_LABELS[kind]).toMatch(/\p{L}/u);
    expect(NOTIFICATION_KINDS.filter((kind) => defaultChannels(kind).digest)).toEqual(['NOMINATIONS_HELD_IN_SUBTREE']);
  });

  it('tells a council how long a nomination has waited, ad hoc or not, with the council screen', () => {
    const base = { nominationId: 'n1', subjectName: 'Nguyễn Thị Hoa', grantingUnitName: 'Công đoàn KCN', openedOn: '2026-11-20', daysHeld: 5 };
    // ad hoc: past the last day reward named, the regulation's days counted from the achievement
    const adHoc = renderNotification('NOMINATION_HELD', { ...base, adHoc: true, daysAllowed: 10, decideBy: '2026-11-23' });
    expect(adHoc.title).toBe('Đề nghị khen thưởng chờ xét quá hạn: Nguyễn Thị Hoa');
    expect(adHoc.body).toContain('Đề nghị khen thưởng đột xuất cho Nguyễn Thị Hoa đã chờ Hội đồng thi đua – khen thưởng của Công đoàn KCN 5 ngày (từ ngày 20/11/2026), '
      + 'quá hạn quyết định ngày 23/11/2026 (khen thưởng đột xuất được quyết định trong 10 ngày kể từ khi lập thành tích)');
    // announced before reward named the day: its level's days
    expect(renderNotification('NOMINATION_HELD', { ...base, adHoc: true, daysAllowed: 15 }).body).toContain('quá thời hạn 15 ngày');
    expect(adHoc.link).toBe('/work/council');
    expect(renderNotification('NOMINATION_HELD', { ...base, adHoc: false, daysAllowed: 15 }).body).not.toContain('đột xuất');
    // filed already past its last day: it has not waited "0 days", it is late from today
    const lateOnFiling = renderNotification('NOMINATION_HELD', { ...base, daysHeld: 0, adHoc: true, daysAllowed: 10, decideBy: '2026-11-15' });
    expect(lateOnFiling.body).toContain('cho Nguyễn Thị Hoa vừa đến Hội đồng thi đua – khen thưởng của Công đoàn KCN hôm nay (ngày 20/11/2026) nhưng đã quá hạn quyết định ngày 15/11/2026');
    expect(lateOnFiling.body).not.toMatch(/(^|\s)0 ngày/);
  });

  it("lists a province's held nominations, the first ten and how many more", () => {
    const items = [{ nominationId: 'a', subjectName: 'Hoa', grantingUnitName: 'KCN', daysHeld: 20 }];
    const text = renderNotification('NOMINATIONS_HELD_IN_SUBTREE', { unitName: 'Liên đoàn Lao động tỉnh Bắc Ninh', day: '2026-12-01', count: 11, items });
    expect(text.title).toBe('11 đề nghị khen thưởng chờ xét quá hạn trong Liên đoàn Lao động tỉnh Bắc Ninh');
    expect(text.body).toContain('Hoa (KCN, 20 ngày) và 10 đề nghị khác');
  });

  it('writes an outcome for the person and for the officer who nominated, each with the screen to open', () => {
    const granted = renderNotification('REWARD_GRANTED', { decisionId: 'd1', decisionNumber: '12/QĐ-CĐ', decidedOn: '2026-12-01', formName: 'Giấy khen', subjectName: 'Nguyễn Thị Hoa', collective: false, amountVnd: 702000 });
    expect(granted.title).toBe('Đồng chí được khen thưởng: Giấy khen');
    expect(granted.body).toContain('kèm tiền thưởng 702.000 đồng');
    expect(granted.link).toBe('/rewards/decisions/d1');
    const refused = renderNotification('NOMINATION_DECIDED', { nominationId: 'n1', subjectName: 'Hoa', granted: false, decisionId: null, decisionNumber: null, formName: null, reason: 'Chưa đủ thành tích' });
    expect(refused.title).toBe('Đề nghị khen thưởng không được chấp thuận: Hoa');
    expect(refused.body).toContain('Lý do: Chưa đủ thành tích');
    expect(refused.link).toBe('/work/nominate');
    expect(refused.body).toMatch(/^Hội đồng đã không chấp thuận/);
    // the deciding authority's refusal names the authority, not the council
    const byAuthority = renderNotification('NOMINATION_DECIDED', { nominationId: 'n2', subjectName: 'Tuấn', granted: false, decisionId: null, decisionNumber: null, formName: null, reason: 'Bị kỷ luật khiển trách trong năm', refusedBy: 'Chủ tịch nước' });
    expect(byAuthority.body).toBe('Chủ tịch nước đã không chấp thuận đề nghị khen thưởng cho Tuấn. Lý do: Bị kỷ luật khiển trách trong năm');
  });

  it('tells the nominator what a returned dossier lacks, once, and where to nominate again', () => {
    const returned = renderNotification('NOMINATION_RETURNED', { nominationId: 'n3', subjectName: 'Trần Thị Lan', grantingUnitName: 'Liên đoàn Lao động tỉnh Bắc Ninh', reason: 'Thiếu bản xác nhận của doanh nghiệp.' });
    expect(returned.title).toBe('Hồ sơ đề nghị khen thưởng bị trả lại: Trần Thị Lan');
    expect(returned.body).toBe('Hội đồng thi đua – khen thưởng của Liên đoàn Lao động tỉnh Bắc Ninh đã trả lại hồ sơ đề nghị khen thưởng cho Trần Thị Lan để bổ sung. '
      + 'Lý do: Thiếu bản xác nhận của doanh nghiệp. Đề nghị đồng chí bổ sung hồ sơ và lập lại đề nghị khen thưởng.');
    expect(returned.link).toBe('/work/nominate');
  });

  it('tells a level of a dossier it holds too long, and of one returned to it, by the level above or by the authority', () => {
    const base = { proposalId: 'p1', subjectName: 'Trần Thị Lan', formName: 'Bằng khen của Thủ tướng Chính phủ', unitName: 'Liên đoàn Lao động tỉnh Bắc Ninh', since: '2026-11-10', daysHeld: 22, daysAllowed: 20 };
    const held = renderNotification('PROPOSAL_HELD', { ...base, returned: false, atTop: false });
    expect(held.title).toBe('Hồ sơ trình khen chờ quá hạn: Trần Thị Lan');
    expect(held.body).toBe('Hồ sơ đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho Trần Thị Lan đã chờ tại Liên đoàn Lao động tỉnh Bắc Ninh 22 ngày (từ ngày 10/11/2026), '
      + 'quá thời hạn 20 ngày của cấp này. Đề nghị đồng chí chuyển lên cấp trên hoặc trả lại hồ sơ kèm lý do.');
    expect(held.link).toBe('/work/proposals');
    // the national federation sends it to the authority; a level it came back to corrects it
    expect(renderNotification('PROPOSAL_HELD', { ...base, unitName: 'Tổng Liên đoàn Lao động Việt Nam', daysAllowed: 30, returned: false, atTop: true }).body)
      .toContain('Đề nghị đồng chí trình cấp có thẩm quyền hoặc trả lại hồ sơ kèm lý do.');
    expect(renderNotification('PROPOSAL_HELD', { ...base, returned: true, atTop: false }).body)
      .toMatch(/đã bị trả lại, chờ bổ sung tại Liên đoàn Lao động tỉnh Bắc Ninh 22 ngày .* Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ\.$/);
    expect(renderNotification('PROPOSAL_HELD', { ...base, returned: true, passesDown: true, atTop: false }).body)
      .toMatch(/Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ, hoặc chuyển xuống cấp dưới để bổ sung\.$/);
    const returned = renderNotification('PROPOSAL_RETURNED', { proposalId: 'p1', subjectName: 'Trần Thị Lan', formName: 'Bằng khen của Thủ tướng Chính phủ', returnedBy: 'Liên đoàn Lao động tỉnh Bắc Ninh', note: 'Thiếu báo cáo thành tích có xác nhận. ' });
    expect(returned.body).toBe('Liên đoàn Lao động tỉnh Bắc Ninh đã trả lại hồ sơ đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho Trần Thị Lan để bổ sung. '
      + 'Lý do: Thiếu báo cáo thành tích có xác nhận. Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ.');
    expect(renderNotification('PROPOSAL_RETURNED', { proposalId: 'p1', subjectName: 'Lan', formName: 'Huân chương Lao động hạng Ba', returnedBy: null, note: 'Thiếu bản tóm tắt (văn bản số 245/VPCTN)' }).body)
      .toMatch(/^Cấp có thẩm quyền quyết định đã trả lại hồ sơ .* Lý do: Thiếu bản tóm tắt \(văn bản số 245\/VPCTN\)\. /);
    // a level above the one that proposed it hears it may also pass the dossier down (decision 0041)
    const passesDown = renderNotification('PROPOSAL_RETURNED', { proposalId: 'p1', subjectName: 'Lan', formName: 'Huân chương Lao động hạng Ba', returnedBy: null, note: 'Thiếu bản tóm tắt', passesDown: true });
    expect(passesDown.body).toMatch(/Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ, hoặc chuyển xuống cấp dưới để bổ sung nếu phần cần bổ sung do cấp dưới lưu giữ\.$/);
    expect(returned.body).not.toContain('chuyển xuống');
  });

  it('reads an appeal deadline in Việt Nam time', () => {
    expect(vietnameseMoment('2026-12-03T10:00:00.000Z')).toBe('17:00 ngày 03/12/2026');
    const text = renderNotification('APPEAL_WINDOW_CLOSING', { campaignId: 'c1', campaignTitle: 'Sáng kiến', closesAt: '2026-12-03T18:30:00.000Z' });
    expect(text.body).toContain('kết thúc lúc 01:30 ngày 04/12/2026');
    expect(text.link).toBe('/work/appeals?campaign=c1');
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
