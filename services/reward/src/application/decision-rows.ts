/** A row of the register (reward_decisions) as resolvers see it. */
export interface DecisionRow {
  id: string;
  number: string;
  nominationId: string;
  decidedOn: string;
  awardYear: number;
  achievedOn: string;
  signerRole: string;
  signerName: string | null;
  grantingUnitId: string;
  grantingUnitPath: string;
  grantingUnitName: string;
  formCode: string;
  formName: string;
  adHoc: boolean;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  unitName: string;
  subjectName: string;
  isDirectProductionWorker: boolean | null;
  campaignId: string | null;
  multiplier: number | null;
  baseSalaryVnd: number;
  amountVnd: number;
  reason: string;
  daysToDecision: number;
}

export const DECISION_SELECT = `SELECT id, number, nomination_id AS "nominationId", decided_on::text AS "decidedOn", award_year AS "awardYear",
  achieved_on::text AS "achievedOn", signer_role AS "signerRole", signer_name AS "signerName", granting_unit_id AS "grantingUnitId", granting_unit_path AS "grantingUnitPath",
  granting_unit_name AS "grantingUnitName", form_code AS "formCode", form_name AS "formName", ad_hoc AS "adHoc", member_id AS "memberId",
  unit_id AS "unitId", unit_path AS "unitPath", unit_name AS "unitName", subject_name AS "subjectName",
  is_direct_production_worker AS "isDirectProductionWorker", campaign_id AS "campaignId", multiplier::float AS multiplier,
  base_salary_vnd::float AS "baseSalaryVnd", amount_vnd::float AS "amountVnd", reason, (decided_on - achieved_on) AS "daysToDecision"`;
