import type { EligibilityRule, Quota } from './rules';

export type FormKind = 'EMULATION_TITLE' | 'COMMENDATION' | 'UNION_AWARD'; // danh hiệu thi đua / hình thức khen thưởng / giải thưởng của Công đoàn
export type SubjectKind = 'INDIVIDUAL' | 'COLLECTIVE';
export type UnitLevel = 'NATIONAL' | 'PROVINCIAL' | 'SECTOR' | 'UPPER_GRASSROOTS' | 'GRASSROOTS';
export const UNIT_LEVELS: readonly UnitLevel[] = ['NATIONAL', 'PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS', 'GRASSROOTS'];

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
