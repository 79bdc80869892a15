import { UNIT_LEVEL_NAMES, type FieldProblem, type UnitLevel } from '@thidua/common';
import type { EligibilityRule, Quota } from './rules';

export type { UnitLevel };

export type FormKind = 'EMULATION_TITLE' | 'COMMENDATION' | 'UNION_AWARD'; // danh hiệu thi đua / hình thức khen thưởng / giải thưởng của Công đoàn
export type SubjectKind = 'INDIVIDUAL' | 'COLLECTIVE';

/** A form of reward (hình thức khen thưởng) as the catalogue keeps it. */
export interface RewardForm {
  code: string;
  name: string;
  kind: FormKind;
  subjects: SubjectKind[];
  /** Levels whose council may grant it. */
  grantingLevels: UnitLevel[];
  /** Cash as a multiple of the base salary; null when no amount is known. */
  individualMultiplier: number | null;
  collectiveMultiplier: number | null;
  /** Higher is a higher form: it pays more and ranks first. */
  precedence: number;
  eligibility: EligibilityRule[];
  collectiveEligibility: EligibilityRule[];
  quota: Quota | null;
  /** Law article, decree or union regulation. */
  source: string;
  /** False where the figure or rule could not be checked against the text. */
  verified: boolean;
}

/**
 * Whether a form can be proposed at this granting level, for this kind of subject (when known: `collective` null
 * leaves it open) and on this path (ad hoc or on merit); returns the problems found, against `field`.
 */
export function formFitProblems(form: RewardForm & { active: boolean }, collective: boolean | null, grantingLevel: string, adHoc: boolean, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!form.active) problems.push({ field, message: `${form.name} không còn được xét tặng` });
  if (collective !== null && !form.subjects.includes(collective ? 'COLLECTIVE' : 'INDIVIDUAL')) problems.push({ field, message: `${form.name} không xét tặng cho ${collective ? 'tập thể' : 'cá nhân'}` });
  if (!(form.grantingLevels as readonly string[]).includes(grantingLevel)) {
    problems.push({ field, message: `${form.name} do cấp ${form.grantingLevels.map((l) => UNIT_LEVEL_NAMES[l]).join(', ')} xét tặng, không phải cấp ${UNIT_LEVEL_NAMES[grantingLevel as UnitLevel] ?? grantingLevel}` });
  }
  if (adHoc && form.kind === 'EMULATION_TITLE') {
    problems.push({ field, message: `${form.name} là danh hiệu thi đua, xét hằng năm; khen thưởng đột xuất là hình thức khen thưởng (Luật Thi đua, khen thưởng 2022, Điều 8)` });
  }
  return problems;
}
