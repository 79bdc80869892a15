import fc from 'fast-check';
import { measuredTargets, targetProblems, type ProposedTarget } from '../src/domain/targets';

const target = (change: Partial<ProposedTarget>): ProposedTarget => ({
  name: 'Sáng kiến được công nhận',
  unitOfMeasure: 'sáng kiến',
  targetValue: 12,
  direction: 'HIGHER_IS_BETTER',
  aggregation: 'SUM',
  weight: 100,
  ...change,
});
const fields = (t: ProposedTarget) => targetProblems(t, 'targets.0').map((p) => p.field);

describe('a measurable target', () => {
  it('takes 0 only when lower is better', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constantFrom('HIGHER_IS_BETTER' as const, 'LOWER_IS_BETTER' as const), (value, direction) => {
        const refused = fields(target({ targetValue: value, direction })).includes('targets.0.targetValue');
        expect(refused).toBe(value === 0 && direction === 'HIGHER_IS_BETTER');
      }),
    );
  });

  it('refuses a missing, negative or non-finite value', () => {
    for (const targetValue of [null, -1, -0.001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect([targetValue, fields(target({ targetValue, direction: 'LOWER_IS_BETTER' }))]).toEqual([targetValue, ['targets.0.targetValue']]);
    }
  });

  it('refuses praise counted in units that count nothing, with or without diacritics and in any case', () => {
    for (const [name, unitOfMeasure] of [['làm việc tốt', 'việc'], ['LÀM VIỆC TỐT', 'Việc'], ['lam viec tot', 'viec'], ['Tích cực tham gia phong trào thi đua', 'lần'], ['Hoàn thành tốt nhiệm vụ', 'công việc']]) {
      expect([name, fields(target({ name, unitOfMeasure }))]).toEqual([name, ['targets.0.name']]);
    }
  });

  it('accepts the same units when the name says what is counted, and praise measured in a real quantity', () => {
    fc.assert(
      fc.property(fc.constantFrom('việc', 'lần', 'hoạt động'), fc.constantFrom('biểu dương', 'khen thưởng', 'huấn luyện', 'sửa chữa máy'), (unitOfMeasure, counted) => {
        expect(fields(target({ name: `Việc tốt được ${counted}`, unitOfMeasure }))).toEqual([]);
      }),
    );
    expect(fields(target({ name: 'Hoàn thành tốt nhiệm vụ', unitOfMeasure: '%', targetValue: 90 }))).toEqual([]);
  });

  it('never saves a target without a value', () => {
    expect(() => measuredTargets([target({ targetValue: null })])).toThrow(/validate it first/);
    expect(measuredTargets([target({})])[0]!.targetValue).toBe(12);
  });
});
