import { UNIT_LEVEL_NAMES, type FieldProblem, type UnitLevel } from '@thidua/common';

export interface NewMember {
  fullName: string;
  occupationCode: string;
  joinedUnionOn: string | null;
}

/** Members belong to grassroots unions; names are Vietnamese with diacritics, stored as typed. */
export function memberProblems(input: NewMember, unitLevel: UnitLevel, occupationExists: boolean, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.fullName.trim();
  if (name.length === 0 || name.length > 200) problems.push({ field: 'fullName', message: 'họ tên dài 1–200 ký tự' });
  if (unitLevel !== 'GRASSROOTS') problems.push({ field: 'unitId', message: `đoàn viên sinh hoạt ở công đoàn cơ sở, không ở đơn vị cấp ${UNIT_LEVEL_NAMES[unitLevel] ?? unitLevel}` });
  if (!occupationExists) problems.push({ field: 'occupationCode', message: `mã nghề "${input.occupationCode}" không có trong danh mục nghề nghiệp` });
  if (input.joinedUnionOn && input.joinedUnionOn > today) problems.push({ field: 'joinedUnionOn', message: 'ngày vào công đoàn không thể ở tương lai' });
  return problems;
}
