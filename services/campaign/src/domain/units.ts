import { UNIT_LEVEL_NAMES, inSentence, slugify, type FieldProblem, type OrganisationType, type UnitLevel } from '@thidua/common';

/** Tier of each level in the tree; a child always sits on a deeper tier than its parent. */
export const LEVEL_TIER: Record<UnitLevel, number> = {
  NATIONAL: 0,
  PROVINCIAL: 1,
  SECTOR: 1,
  UPPER_GRASSROOTS: 2,
  GRASSROOTS: 3,
};

export interface ParentUnit {
  path: string;
  level: UnitLevel;
  provinceCode: string | null;
}

export interface NewUnit {
  code: string;
  name: string;
  level: UnitLevel;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
}

export interface PlannedUnit extends NewUnit {
  path: string;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/**
 * Checks a new unit against its parent and computes its materialised path. Returns the problems found
 * (empty when the unit is valid) and the unit as it will be stored.
 */
export function planUnit(input: NewUnit, parent: ParentUnit | null): { unit: PlannedUnit; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const code = input.code.trim();
  const name = input.name.trim();
  if (!CODE_PATTERN.test(code)) problems.push({ field: 'code', message: 'Mã đơn vị dài 1–40 ký tự: chữ không dấu, số, "-" hoặc "_", bắt đầu bằng chữ hoặc số' });
  if (name.length === 0 || name.length > 255) problems.push({ field: 'name', message: 'Tên đơn vị dài 1–255 ký tự' });
  if (input.level === 'NATIONAL' && parent) problems.push({ field: 'parentId', message: 'Tổng Liên đoàn không có đơn vị cấp trên' });
  if (input.level !== 'NATIONAL' && !parent) problems.push({ field: 'parentId', message: `${UNIT_LEVEL_NAMES[input.level]} cần có đơn vị cấp trên` });
  if (parent && LEVEL_TIER[input.level] <= LEVEL_TIER[parent.level]) {
    problems.push({ field: 'level', message: `${UNIT_LEVEL_NAMES[input.level]} không thể trực thuộc ${inSentence(UNIT_LEVEL_NAMES[parent.level])}` });
  }
  if (input.level === 'GRASSROOTS' && !input.organisationType) {
    problems.push({ field: 'organisationType', message: 'Công đoàn cơ sở cần ghi loại hình cơ quan, đơn vị, doanh nghiệp' });
  }
  if (input.organisationType && LEVEL_TIER[input.level] < LEVEL_TIER.UPPER_GRASSROOTS) {
    problems.push({ field: 'organisationType', message: 'Chỉ công đoàn cơ sở và công đoàn cấp trên trực tiếp cơ sở mới ghi loại hình' });
  }
  const segment = slugify(code);
  const path = parent ? `${parent.path}${segment}/` : `/${segment}/`;
  const provinceCode = input.provinceCode?.trim() || parent?.provinceCode || null;
  return { unit: { ...input, code, name, provinceCode, path }, problems };
}
