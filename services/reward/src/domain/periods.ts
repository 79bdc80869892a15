/** Reward periods of collective labour agreements (thoả ước lao động tập thể): weekly, monthly or quarterly. */
export type RewardPeriod = 'WEEKLY' | 'MONTHLY' | 'QUARTERLY';

/** How often a clause rewards, as the agreement says it. */
export const REWARD_PERIOD_NAMES: Record<RewardPeriod, string> = { WEEKLY: 'hằng tuần', MONTHLY: 'hằng tháng', QUARTERLY: 'hằng quý' };

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first day of the period that contains `date` (weeks start on Monday). */
export function periodStartOf(period: RewardPeriod, date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (period === 'WEEKLY') {
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    day.setUTCDate(day.getUTCDate() - sinceMonday);
    return isoDate(day);
  }
  const month = period === 'MONTHLY' ? day.getUTCMonth() : Math.floor(day.getUTCMonth() / 3) * 3;
  return isoDate(new Date(Date.UTC(day.getUTCFullYear(), month, 1)));
}

/** The last day of the period starting on `start`. */
export function periodEndOf(period: RewardPeriod, start: string): string {
  const day = new Date(`${start}T00:00:00Z`);
  if (period === 'WEEKLY') day.setUTCDate(day.getUTCDate() + 6);
  else day.setUTCMonth(day.getUTCMonth() + (period === 'MONTHLY' ? 1 : 3), 0);
  return isoDate(day);
}
