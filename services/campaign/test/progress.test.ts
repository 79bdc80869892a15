import { SELF_REPORT_RULE, completion, confirmationRefusal, correctionProblems, correctionRefusal, currentValue, isBehind, isSilent, needsConfirmation, progressOf, valueProblems, type TrackedTarget } from '../src/domain/progress';
import { elapsedShare, periodContaining } from '../src/domain/periods';

const initiatives: TrackedTarget = { targetId: 'i', direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 60, committedValue: 10 };
const accidents: TrackedTarget = { targetId: 'a', direction: 'LOWER_IS_BETTER', aggregation: 'LATEST', weight: 40, committedValue: 1 };

describe('reporting periods', () => {
  it('aligns any day to its period of the cadence', () => {
    expect(periodContaining('MONTHLY', '2026-02-17')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodContaining('QUARTERLY', '2026-11-25')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodContaining('WEEKLY', '2026-11-25')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(periodContaining('YEARLY', '2028-02-29')).toEqual({ start: '2028-01-01', end: '2028-12-31' });
  });

  it('measures the elapsed share of a period', () => {
    expect(elapsedShare('2026-01-01', '2026-12-31', '2025-06-01')).toBe(0);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2026-01-05')).toBeCloseTo(0.5);
    expect(elapsedShare('2026-01-01', '2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('progress against commitments', () => {
  it('adds up SUM targets and takes the latest value of LATEST targets', () => {
    const reports = [
      { targetId: 'x', periodStart: '2026-02-01', value: 3 },
      { targetId: 'x', periodStart: '2026-01-01', value: 5 },
    ];
    expect(currentValue('SUM', reports)).toBe(8);
    expect(currentValue('LATEST', reports)).toBe(3);
    expect(currentValue('SUM', [])).toBeNull();
  });

  it('rates higher-is-better and lower-is-better targets', () => {
    expect(progressOf(initiatives, [{ targetId: 'i', periodStart: '2026-01-01', value: 4 }])).toMatchObject({ currentValue: 4, ratio: 0.4, met: false });
    expect(progressOf(accidents, [{ targetId: 'a', periodStart: '2026-01-01', value: 0 }])).toMatchObject({ ratio: 1, met: true });
    expect(progressOf(accidents, [{ targetId: 'a', periodStart: '2026-01-01', value: 4 }])).toMatchObject({ ratio: 0.25, met: false });
    expect(progressOf(accidents, [])).toMatchObject({ currentValue: null, ratio: 0, met: false });
  });

  it('weights completion by target weight', () => {
    const reports = [
      { targetId: 'i', periodStart: '2026-01-01', value: 5 },
      { targetId: 'a', periodStart: '2026-01-01', value: 0 },
    ];
    expect(completion([initiatives, accidents], reports)).toBeCloseTo(0.5 * 0.6 + 1 * 0.4);
  });
});

describe('inspection flags', () => {
  const reports = [{ targetId: 'i', periodStart: '2026-01-01', value: 2 }];

  it('flags a cumulative target lagging the elapsed share of the period', () => {
    expect(isBehind([initiatives], reports, '2026-01-01', '2026-12-31', '2026-07-01')).toBe(true);
    expect(isBehind([initiatives], reports, '2026-01-01', '2026-12-31', '2026-01-20')).toBe(false);
  });

  it('flags a level target that misses its commitment', () => {
    expect(isBehind([accidents], [{ targetId: 'a', periodStart: '2026-01-01', value: 2 }], '2026-01-01', '2026-12-31', '2026-02-01')).toBe(true);
  });

  it('flags units silent for the last complete period, not before one has passed', () => {
    expect(isSilent('MONTHLY', reports, '2026-01-01', '2026-03-10')).toBe(true);
    expect(isSilent('MONTHLY', [...reports, { targetId: 'i', periodStart: '2026-02-01', value: 1 }], '2026-01-01', '2026-03-10')).toBe(false);
    expect(isSilent('MONTHLY', [], '2026-03-01', '2026-03-10')).toBe(false);
  });
});

describe('who checks a progress report (SELF_REPORT_RULE)', () => {
  const own = { enrolledMemberId: 'nhung', actorMemberId: 'nhung', actorIsOfficerOver: false };
  const officer = { enrolledMemberId: 'nhung', actorMemberId: null, actorIsOfficerOver: true };

  it('names its source', () => {
    expect(SELF_REPORT_RULE.source).toMatch(/Luật Thi đua, khen thưởng 06\/2022\/QH15/);
  });

  it('holds back a member’s own report and lets an officer’s count at once, for members and units alike', () => {
    expect(needsConfirmation(own)).toBe(true);
    expect(needsConfirmation(officer)).toBe(false);
    expect(needsConfirmation({ enrolledMemberId: null, actorMemberId: null })).toBe(false);
    expect(needsConfirmation({ enrolledMemberId: null, actorMemberId: 'nhung' })).toBe(false);
  });

  it('grants confirmation to an officer over the unit who is not the member, and refuses the member, even an officer who is the member', () => {
    expect(confirmationRefusal(officer)).toBeNull();
    expect(confirmationRefusal(own)).toMatch(/chính bạn/);
    expect(confirmationRefusal({ ...own, actorIsOfficerOver: true })).toMatch(/chính bạn/);
    expect(confirmationRefusal({ enrolledMemberId: 'nhung', actorMemberId: 'ha', actorIsOfficerOver: false })).toMatch(/Chỉ cán bộ công đoàn cơ sở/);
  });

  it('lets the member correct her own report only while it waits, officers any report', () => {
    expect(correctionRefusal(own, false)).toBeNull();
    expect(correctionRefusal(own, true)).toMatch(/nhờ cán bộ công đoàn cơ sở/);
    expect(correctionRefusal(officer, true)).toBeNull();
    expect(correctionRefusal({ enrolledMemberId: 'nhung', actorMemberId: 'ha', actorIsOfficerOver: false }, false)).toMatch(/Chỉ cán bộ/);
  });

  it('asks a correction for a change and a reason, and a value its target can take', () => {
    const previous = { value: 4, evidenceUrl: null };
    expect(correctionProblems(previous, { value: 6, evidenceUrl: null, reason: 'Công nhận thêm hai sáng kiến' })).toEqual([]);
    expect(correctionProblems(previous, { value: 4, evidenceUrl: 'https://congdoan.vn/a', reason: 'Bổ sung biên bản công nhận' })).toEqual([]);
    expect(correctionProblems(previous, { value: 4, evidenceUrl: null, reason: 'x'.repeat(1001) }).map((p) => p.field)).toEqual(['reason', 'value']);
    expect(valueProblems({ name: 'Sáng kiến', aggregation: 'SUM' }, -1)).toHaveLength(1);
    expect(valueProblems({ name: 'Tỷ lệ', aggregation: 'LATEST' }, -1)).toEqual([]);
    expect(valueProblems({ name: 'Sáng kiến', aggregation: 'SUM' }, Number.NaN)).toEqual([{ field: 'value', message: 'phải là một số' }]);
    expect(valueProblems({ name: 'Sáng kiến', aggregation: 'SUM' }, 0)).toEqual([]);
  });
});
