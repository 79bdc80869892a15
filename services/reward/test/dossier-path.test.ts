/**
 * Reading the path for a tờ trình (decisions 0041, 0047): whose tờ trình a level received, and which return it
 * answers, on the path of a Huân chương the Board returned and the federation passed down.
 */
import { answeredReturn, memoSenderBelow, type PathStep } from '../src/domain/dossier-path';

const step = (unitId: string | null, unitName: string, outcome: string | null, extra: Partial<PathStep> = {}): PathStep => ({
  unitId, unitName, outcome, note: null, answeredBy: null, answeredOn: null, leftAt: new Date('2026-11-25T03:00:00Z'), sentReason: ['PROPOSED', 'FORWARDED', 'SENT_TO_AUTHORITY', 'RESENT'].includes(outcome ?? '') ? 'Thành tích' : null, ...extra,
});
const BOARD = 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)';
const path: PathStep[] = [
  step('may', 'Công ty May', 'PROPOSED'),
  step('hn', 'Hà Nội', 'FORWARDED'),
  step('vn', 'Tổng Liên đoàn', 'SENT_TO_AUTHORITY'),
  step(null, 'Thủ tướng Chính phủ trình Chủ tịch nước', 'RETURNED', { note: 'Thiếu bản thành tích', answeredBy: BOARD, answeredOn: '2026-11-28' }),
  step('vn', 'Tổng Liên đoàn', 'RETURNED', { note: 'Hà Nội hướng dẫn cơ sở bổ sung', sentReason: null, leftAt: new Date('2026-11-29T02:00:00Z') }),
  // 01:30 on 1 December in Việt Nam: the day of the return is Việt Nam's
  step('hn', 'Hà Nội', 'RETURNED', { note: 'Cơ sở bổ sung xác nhận', sentReason: null, leftAt: new Date('2026-11-30T18:30:00Z') }),
  step('may', 'Công ty May', 'RESENT', { note: 'Đã bổ sung xác nhận' }),
  step('hn', 'Hà Nội', 'FORWARDED'),
  step('vn', 'Tổng Liên đoàn', 'SENT_TO_AUTHORITY'),
  step(null, 'Thủ tướng Chính phủ trình Chủ tịch nước', null),
];

describe('a tờ trình answers the return it follows', () => {
  it('names who returned it to that level, and the correction made since, by whoever made it', () => {
    expect(answeredReturn(path, 6, BOARD)).toEqual({ returnedBy: 'Hà Nội', returnedOn: '2026-12-01', reason: 'Cơ sở bổ sung xác nhận', correction: { by: 'Công ty May', text: 'Đã bổ sung xác nhận' } });
    expect(answeredReturn(path, 7, BOARD)).toEqual({ returnedBy: 'Tổng Liên đoàn', returnedOn: '2026-11-29', reason: 'Hà Nội hướng dẫn cơ sở bổ sung', correction: { by: 'Công ty May', text: 'Đã bổ sung xác nhận' } });
    // the Board's letter is dated as on its paper, not as the day it was entered
    expect(answeredReturn(path, 8, BOARD)).toEqual({ returnedBy: BOARD, returnedOn: '2026-11-28', reason: 'Thiếu bản thành tích', correction: { by: 'Công ty May', text: 'Đã bổ sung xác nhận' } });
  });

  it('answers nothing on the first way up, nor a level’s own pass-down', () => {
    for (const index of [0, 1, 2]) expect(answeredReturn(path, index, BOARD)).toBeNull();
  });

  it('names the first body of the route for an authority’s return recorded before its letter was named', () => {
    const old = path.map((s, i) => (i === 3 ? { ...s, answeredBy: null, answeredOn: null } : s));
    expect(answeredReturn(old, 8, BOARD)).toMatchObject({ returnedBy: BOARD, returnedOn: null });
    expect(answeredReturn(old, 8, 'Chủ tịch Ủy ban nhân dân cấp tỉnh')!.returnedBy).toBe('Chủ tịch Ủy ban nhân dân cấp tỉnh');
  });
});

describe('whose tờ trình a level received', () => {
  it('is the level below that sent it up, or after a pass-down the one that corrected it', () => {
    expect(memoSenderBelow(path, 1)).toBe('Công ty May');
    expect(memoSenderBelow(path, 2)).toBe('Hà Nội');
    expect(memoSenderBelow(path, 7)).toBe('Công ty May');
    expect(memoSenderBelow(path, 8)).toBe('Hà Nội');
    expect(memoSenderBelow(path, 0)).toBeNull();
  });
});
