import { ORGANISATION_TYPE_NAMES, isWithinSubtree, type FieldProblem, type OrganisationType } from '@thidua/common';

export interface CampaignScope {
  scopeUnitPath: string;
  organisationTypes: OrganisationType[];
  occupationCodes: string[];
}

export interface EnrollingUnit {
  path: string;
  organisationType: OrganisationType | null;
}

/** A unit may enrol when it lies in the campaign's subtree and, where the scope names types, has one of them. */
export function unitEligibility(scope: CampaignScope, unit: EnrollingUnit): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isWithinSubtree(unit.path, scope.scopeUnitPath)) problems.push({ field: 'unitId', message: 'Đơn vị này nằm ngoài phạm vi của phong trào' });
  if (scope.organisationTypes.length > 0 && (!unit.organisationType || !scope.organisationTypes.includes(unit.organisationType))) {
    problems.push({ field: 'unitId', message: `Phong trào chỉ dành cho các loại hình: ${scope.organisationTypes.map((t) => ORGANISATION_TYPE_NAMES[t]).join(', ')}` });
  }
  return problems;
}

/** A member may enrol when their unit may, and, where the scope names occupations, they have one of them. */
export function memberEligibility(scope: CampaignScope, unit: EnrollingUnit, occupationCode: string, leftUnion: boolean): FieldProblem[] {
  const problems = unitEligibility(scope, unit).map((p) => ({ ...p, field: 'memberId' }));
  if (scope.occupationCodes.length > 0 && !scope.occupationCodes.includes(occupationCode)) {
    problems.push({ field: 'memberId', message: `Phong trào chỉ dành cho các nghề: ${scope.occupationCodes.join(', ')}` });
  }
  if (leftUnion) problems.push({ field: 'memberId', message: 'Đoàn viên này đã rời công đoàn' });
  return problems;
}

export interface CommitmentInput {
  targetId: string;
  value: number;
}

/** Commitments default to the campaign's target values; a unit may commit to more (or, lower-is-better, less). */
export function resolveCommitments(
  targets: { id: string; targetValue: number }[],
  given: CommitmentInput[],
): { commitments: { targetId: string; committedValue: number }[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const byTarget = new Map<string, number>();
  given.forEach((c, i) => {
    if (!targets.some((t) => t.id === c.targetId)) problems.push({ field: `commitments.${i}.targetId`, message: 'Chỉ tiêu này không thuộc phong trào' });
    else if (!Number.isFinite(c.value)) problems.push({ field: `commitments.${i}.value`, message: 'Mức đăng ký phải là một số' });
    else if (byTarget.has(c.targetId)) problems.push({ field: `commitments.${i}.targetId`, message: 'Chỉ tiêu này đã được đăng ký một lần' });
    else byTarget.set(c.targetId, c.value);
  });
  return { commitments: targets.map((t) => ({ targetId: t.id, committedValue: byTarget.get(t.id) ?? t.targetValue })), problems };
}
