import type { EligibilityRule } from './rules';

/** The union's commemorative medal for long service (Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn"). */
export const LONG_SERVICE_FORM = 'KNC_CONG_DOAN';

export type YearsInUnionRule = Extract<EligibilityRule, { kind: 'YEARS_IN_UNION' }>;

/** The threshold as the catalogue keeps it (an admin may change it with its source), or null when the form has none. */
export function yearsRuleOf(rules: readonly EligibilityRule[]): YearsInUnionRule | null {
  return rules.find((rule): rule is YearsInUnionRule => rule.kind === 'YEARS_IN_UNION') ?? null;
}

/** The day the medal of `year` is counted to (the founding day of the Vietnam Trade Union, 28 July, by the seeded rule). */
export function countedToDay(rule: YearsInUnionRule, year: number): string {
  return `${year}-${rule.countedTo}`;
}

/** Members who joined on or before this day have the years by the counted day. */
export function latestJoiningDay(rule: YearsInUnionRule, year: number): string {
  return `${year - rule.years}-${rule.countedTo}`;
}

/** The day a member who joined on `joinedOn` completes the years (29 February falls on 28 February). */
export function thresholdReachedOn(rule: YearsInUnionRule, joinedOn: string): string {
  const year = Number(joinedOn.slice(0, 4)) + rule.years;
  const monthDay = joinedOn.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}
