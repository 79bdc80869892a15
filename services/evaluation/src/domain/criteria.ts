import type { FieldProblem, TargetDirection } from '@thidua/common';

/** Who a criteria set is for (domain.md: separate, suitable criteria per audience). */
export type CriteriaVariant = 'GENERAL' | 'DIRECT_PRODUCTION_WORKER' | 'CIVIL_SERVANT_NON_LEADER' | 'PRIVATE_FDI_SIMPLIFIED';
export type ScoringMethod = 'LINEAR' | 'THRESHOLDS' | 'PASS_FAIL' | 'RUBRIC';
export type CriteriaSetStatus = 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED';

export interface Threshold {
  /** The value to reach (at least it when higher is better, at most it when lower is better). */
  value: number;
  /** Points, 0–100, earned by reaching it. */
  points: number;
}

export interface RubricLevel {
  score: number;
  description: string;
}

/** A criterion (tiêu chí) as drafted. */
export interface CriterionDraft {
  name: string;
  method: ScoringMethod;
  weight: number;
  unitOfMeasure: string | null;
  targetValue: number | null;
  direction: TargetDirection;
  /** The campaign target whose reported progress scores this criterion automatically. */
  targetId: string | null;
  thresholds: Threshold[];
  rubricLevels: RubricLevel[];
}

export const MAX_RUBRIC_SCALE = 10;
export const MAX_SIMPLIFIED_CRITERIA = 3;
const WEIGHT_TOLERANCE = 0.001;

function measurable(c: CriterionDraft, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!c.unitOfMeasure?.trim()) problems.push({ field: `${field}.unitOfMeasure`, message: `"${c.name}" chưa đo được: hãy nêu đo cái gì, theo đơn vị nào` });
  if (c.method !== 'THRESHOLDS' && (c.targetValue === null || !Number.isFinite(c.targetValue))) {
    problems.push({ field: `${field}.targetValue`, message: `"${c.name}" chưa đo được: hãy nêu con số cần đạt` });
  }
  return problems;
}

function criterionProblems(c: CriterionDraft, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!c.name.trim()) problems.push({ field: `${field}.name`, message: 'tiêu chí cần có tên' });
  if (!(c.weight > 0 && c.weight <= 100)) problems.push({ field: `${field}.weight`, message: 'trọng số lớn hơn 0 và tối đa 100 (%)' });
  switch (c.method) {
    case 'LINEAR':
    case 'PASS_FAIL':
      problems.push(...measurable(c, field));
      break;
    case 'THRESHOLDS': {
      problems.push(...measurable(c, field));
      if (c.thresholds.length === 0) problems.push({ field: `${field}.thresholds`, message: 'hãy liệt kê các ngưỡng và số điểm của từng ngưỡng' });
      const values = c.thresholds.map((t) => t.value);
      const sorted = [...values].sort((a, b) => (c.direction === 'HIGHER_IS_BETTER' ? a - b : b - a));
      if (values.some((v, i) => v !== sorted[i]) || new Set(values).size !== values.length) {
        problems.push({ field: `${field}.thresholds`, message: 'các ngưỡng phải khác nhau, xếp từ dễ đến khó' });
      }
      if (c.thresholds.some((t) => !(t.points >= 0 && t.points <= 100))) problems.push({ field: `${field}.thresholds`, message: 'điểm từ 0 đến 100' });
      break;
    }
    case 'RUBRIC': {
      const scores = c.rubricLevels.map((l) => l.score);
      if (c.rubricLevels.length < 2) problems.push({ field: `${field}.rubricLevels`, message: 'thang chấm cần ít nhất hai mức có mô tả' });
      if (scores.some((s) => !Number.isInteger(s) || s < 0 || s > MAX_RUBRIC_SCALE) || new Set(scores).size !== scores.length) {
        problems.push({ field: `${field}.rubricLevels`, message: `điểm các mức là số nguyên khác nhau từ 0 đến ${MAX_RUBRIC_SCALE}` });
      }
      if (c.rubricLevels.some((l) => l.description.trim().length < 10)) {
        problems.push({ field: `${field}.rubricLevels`, message: 'hãy mô tả từng mức (ít nhất 10 ký tự) để người chấm đánh giá như nhau' });
      }
      break;
    }
  }
  return problems;
}

/**
 * Criteria must be specific, measurable and transparent (cụ thể, đo lường, minh bạch): a unit and a target, or a
 * rubric whose levels are described; weights sum to 100. The simplified set for private and FDI enterprises
 * has few criteria and no reviewer rubric (few procedures; judged on measured results).
 */
export function criteriaSetProblems(variant: CriteriaVariant, criteria: CriterionDraft[]): FieldProblem[] {
  const problems = criteria.flatMap((c, i) => criterionProblems(c, `criteria.${i}`));
  if (criteria.length === 0) problems.push({ field: 'criteria', message: 'bộ tiêu chí cần ít nhất một tiêu chí' });
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (criteria.length > 0 && Math.abs(total - 100) > WEIGHT_TOLERANCE) problems.push({ field: 'criteria', message: `tổng trọng số phải bằng 100, hiện là ${total}` });
  if (variant === 'PRIVATE_FDI_SIMPLIFIED') {
    if (criteria.length > MAX_SIMPLIFIED_CRITERIA) problems.push({ field: 'criteria', message: `bộ tiêu chí rút gọn có tối đa ${MAX_SIMPLIFIED_CRITERIA} tiêu chí` });
    if (criteria.some((c) => c.method === 'RUBRIC')) problems.push({ field: 'criteria', message: 'bộ tiêu chí rút gọn chỉ dùng kết quả định lượng, không chấm theo mức' });
  }
  return problems;
}
