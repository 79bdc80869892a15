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
  if (name.length === 0 || name.length > 200) problems.push({ field: 'fullName', message: 'must be 1–200 characters' });
  if (unitLevel !== 'GRASSROOTS') problems.push({ field: 'unitId', message: `members join a grassroots union, not a ${unitLevel} unit` });
  if (!occupationExists) problems.push({ field: 'occupationCode', message: `"${input.occupationCode}" is not in the occupation catalogue` });
  if (input.joinedUnionOn && input.joinedUnionOn > today) problems.push({ field: 'joinedUnionOn', message: 'cannot be in the future' });
  return problems;
}
