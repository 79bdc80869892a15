import type { TargetDirection } from '@thidua/common';
import type { CriterionDraft } from './criteria';

/** Points are 0–100 per criterion, rounded to 2 decimals so published figures are stable. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function reaches(direction: TargetDirection, value: number, threshold: number): boolean {
  return direction === 'HIGHER_IS_BETTER' ? value >= threshold : value <= threshold;
}

/**
 * Points of a measured value:
 * - LINEAR: proportional to the target, capped at 100 (higher is better: 100·v/t; lower is better: 100·t/v,
 *   100 at or below the target; a target of 0 is all or nothing);
 * - THRESHOLDS: the points of the hardest threshold reached, 0 below the first;
 * - PASS_FAIL: 100 when the target is reached, else 0.
 */
export function pointsForValue(criterion: Pick<CriterionDraft, 'method' | 'direction' | 'targetValue' | 'thresholds'>, value: number): number {
  const target = criterion.targetValue ?? 0;
  switch (criterion.method) {
    case 'LINEAR':
      if (criterion.direction === 'HIGHER_IS_BETTER') return target <= 0 ? (value >= target ? 100 : 0) : round2(Math.min(100, Math.max(0, (100 * value) / target)));
      if (value <= target) return 100;
      return target <= 0 ? 0 : round2((100 * target) / value);
    case 'THRESHOLDS': {
      const reached = criterion.thresholds.filter((t) => reaches(criterion.direction, value, t.value));
      return reached.length === 0 ? 0 : Math.max(...reached.map((t) => t.points));
    }
    case 'PASS_FAIL':
      return reaches(criterion.direction, value, target) ? 100 : 0;
    case 'RUBRIC':
      throw new Error('A rubric criterion is scored by reviewers, not from a measured value');
  }
}

/** Points of a rubric level on a bounded scale. */
export function pointsForRubric(score: number, maxScore: number): number {
  return round2((100 * score) / maxScore);
}

export type ReviewOutcome = { status: 'WAITING'; needed: number } | { status: 'NEEDS_THIRD_REVIEW' } | { status: 'SCORED'; score: number };

/**
 * Two reviews that differ by more than the threshold call for a third; the final score is the mean of two
 * agreeing reviews, or the median of three.
 */
export function consolidateReviews(scores: number[], disagreementThreshold: number): ReviewOutcome {
  if (scores.length < 2) return { status: 'WAITING', needed: 2 - scores.length };
  if (scores.length === 2) {
    const [a, b] = scores as [number, number];
    return Math.abs(a - b) > disagreementThreshold ? { status: 'NEEDS_THIRD_REVIEW' } : { status: 'SCORED', score: (a + b) / 2 };
  }
  const sorted = [...scores].sort((x, y) => x - y);
  return { status: 'SCORED', score: sorted[1]! };
}

export interface WeightedCriterion {
  criterionId: string;
  weight: number;
}

/** Total of a participant: Σ weight × points / 100, criteria without a score counting 0. */
export function totalScore(criteria: WeightedCriterion[], points: Map<string, number>): number {
  return round2(criteria.reduce((sum, c) => sum + (c.weight * (points.get(c.criterionId) ?? 0)) / 100, 0));
}
