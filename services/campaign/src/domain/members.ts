import type { FieldProblem, UnitLevel } from '@thidua/common';

export interface NewMember {
  fullName: string;
  occupationCode: string;
  joinedUnionOn: string | null;
}

/** Members belong to grassroots unions; names are Vietnamese with diacritics, stored as typed. */
export function memberProblems(input: NewMember, unitLevel: UnitLevel, occupationExists: boolean, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.fullName.trim();
  if (name.length === 0 || name.length > 200) problems.push({ field: 'fullName', message: 'Họ và tên dài 1–200 ký tự' });
  if (unitLevel !== 'GRASSROOTS') problems.push({ field: 'unitId', message: 'Đoàn viên sinh hoạt ở công đoàn cơ sở; hãy chọn một công đoàn cơ sở' });
  if (!input.occupationCode) problems.push({ field: 'occupationCode', message: 'Chọn nghề nghiệp của đoàn viên' });
  else if (!occupationExists) problems.push({ field: 'occupationCode', message: `Nghề "${input.occupationCode}" không có trong danh mục nghề nghiệp` });
  if (input.joinedUnionOn && input.joinedUnionOn > today) problems.push({ field: 'joinedUnionOn', message: 'Ngày vào công đoàn không thể sau hôm nay' });
  return problems;
}
