import { canTransition, draftProblems, firstStepTowards, launchProblems, type CampaignDraft } from '../src/domain/campaigns';

const complete: CampaignDraft = {
  title: 'Lao động giỏi – Lao động sáng tạo',
  goal: 'Nâng cao năng suất lao động',
  content: null,
  participants: null,
  organisingMeasures: null,
  category: 'FOR_WORKERS',
  scopeOrganisationTypes: [],
  scopeOccupationCodes: [],
  targets: [
    { name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 100, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 70 },
    { name: 'Tai nạn lao động', unitOfMeasure: 'vụ', targetValue: 0, direction: 'LOWER_IS_BETTER', aggregation: 'SUM', weight: 30 },
  ],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  reportingCadence: 'MONTHLY',
};
const today = '2026-06-01';
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('launching a campaign', () => {
  it('accepts a complete draft', () => {
    expect(launchProblems(complete, today)).toEqual([]);
  });

  it('needs a goal, targets and a period', () => {
    const bare = { ...complete, goal: '  ', targets: [], startsOn: null, endsOn: null };
    expect(fields(launchProblems(bare, today))).toEqual(['goal', 'targets', 'startsOn', 'endsOn']);
  });

  it('needs target weights that sum to 100', () => {
    const targets = complete.targets.map((t) => ({ ...t, weight: 40 }));
    const problems = launchProblems({ ...complete, targets }, today);
    expect(problems).toEqual([{ field: 'targets', message: 'Tổng trọng số các chỉ tiêu phải bằng 100, hiện là 80.' }]);
  });

  it('refuses a period that has already ended', () => {
    expect(fields(launchProblems({ ...complete, endsOn: '2026-05-31' }, today))).toEqual(['endsOn']);
  });
});

describe('a draft', () => {
  it('refuses a target without a unit of measure, naming the target', () => {
    const targets = [{ ...complete.targets[0]!, unitOfMeasure: ' ' }];
    expect(fields(draftProblems({ ...complete, targets }))).toEqual(['targets.0.unitOfMeasure']);
  });

  it('refuses weights outside (0, 100] and an end before the start', () => {
    const targets = [{ ...complete.targets[0]!, weight: 0 }, { ...complete.targets[1]!, weight: 101 }];
    expect(fields(draftProblems({ ...complete, targets, endsOn: '2025-12-31' }))).toEqual(['targets.0.weight', 'targets.1.weight', 'endsOn']);
  });
});

describe('lifecycle', () => {
  it('follows draft → launched → in progress → summarising → closed, and nothing else', () => {
    expect(canTransition('DRAFT', 'LAUNCHED')).toBe(true);
    expect(canTransition('LAUNCHED', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'SUMMARISING')).toBe(true);
    expect(canTransition('SUMMARISING', 'CLOSED')).toBe(true);
    expect(canTransition('DRAFT', 'CLOSED')).toBe(false);
    expect(canTransition('IN_PROGRESS', 'CLOSED')).toBe(false);
    expect(canTransition('CLOSED', 'LAUNCHED')).toBe(false);
  });

  it('names the first step on the way to a later status, and none back or from the end', () => {
    expect(firstStepTowards('IN_PROGRESS', 'CLOSED')).toBe('SUMMARISING');
    expect(firstStepTowards('DRAFT', 'CLOSED')).toBe('LAUNCHED');
    expect(firstStepTowards('LAUNCHED', 'CLOSED')).toBe('SUMMARISING');
    expect(firstStepTowards('CLOSED', 'LAUNCHED')).toBeNull();
    expect(firstStepTowards('SUMMARISING', 'IN_PROGRESS')).toBeNull();
  });
});
