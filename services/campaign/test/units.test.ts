import { planUnit, type NewUnit } from '../src/domain/units';

const province = { path: '/vn/bg/', level: 'PROVINCIAL' as const, provinceCode: 'BG' };
const grassroots: NewUnit = { code: 'BG-MAY-01', name: 'Công đoàn cơ sở Công ty May 1', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE', provinceCode: null };

describe('planning a union unit', () => {
  it('derives the materialised path and inherits the province', () => {
    const { unit, problems } = planUnit(grassroots, province);
    expect(problems).toEqual([]);
    expect(unit.path).toBe('/vn/bg/bg-may-01/');
    expect(unit.provinceCode).toBe('BG');
  });

  it('puts the national federation at the root and nowhere else', () => {
    expect(planUnit({ ...grassroots, level: 'NATIONAL', organisationType: null, code: 'VN' }, null)).toEqual({
      unit: expect.objectContaining({ path: '/vn/' }),
      problems: [],
    });
    expect(planUnit({ ...grassroots, level: 'NATIONAL', organisationType: null }, province).problems.map((p) => p.field)).toEqual(['parentId', 'level']);
  });

  it('refuses a unit above or level with its parent', () => {
    expect(planUnit({ ...grassroots, level: 'SECTOR', organisationType: null }, province).problems).toEqual([
      { field: 'level', message: 'Công đoàn ngành không thể trực thuộc liên đoàn Lao động tỉnh, thành phố' },
    ]);
  });

  it('needs an organisation type for a grassroots union', () => {
    expect(planUnit({ ...grassroots, organisationType: null }, province).problems.map((p) => p.field)).toEqual(['organisationType']);
  });

  it('refuses codes that cannot become a path segment', () => {
    expect(planUnit({ ...grassroots, code: 'có dấu cách' }, province).problems.map((p) => p.field)).toEqual(['code']);
  });
});
