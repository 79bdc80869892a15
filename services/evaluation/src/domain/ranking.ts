export interface RankedEntry {
  enrollmentId: string;
  name: string;
  total: number;
  /** Criteria scored 100. */
  criteriaFullyMet: number;
  isDirectProductionWorker: boolean;
}

/**
 * Ranking with a documented tie-break (docs/decisions/0007): higher total; then more criteria fully met; then
 * direct production workers first (rewards lean towards them, as the union asks). Entries still equal share a
 * rank (1, 2, 2, 4); they are listed by name in Vietnamese order.
 */
export function rank<T extends RankedEntry>(entries: T[], collator = new Intl.Collator('vi')): (T & { rank: number })[] {
  const key = (e: T) => [-e.total, -e.criteriaFullyMet, e.isDirectProductionWorker ? 0 : 1] as const;
  const compareKey = (a: T, b: T) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  };
  const sorted = [...entries].sort((a, b) => compareKey(a, b) || collator.compare(a.name, b.name) || a.enrollmentId.localeCompare(b.enrollmentId));
  return sorted.map((entry, i) => {
    let first = i;
    while (first > 0 && compareKey(sorted[first - 1]!, entry) === 0) first--;
    return { ...entry, rank: first + 1 };
  });
}

/** Appeals are accepted until the end of the window, counted in days from publication. */
export function appealDeadline(publishedAt: Date, windowDays: number): Date {
  return new Date(publishedAt.getTime() + windowDays * 86_400_000);
}
