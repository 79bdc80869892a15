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
  const sorted = [...entries].sort((a, b) => compareRankKey(a, b) || collator.compare(a.name, b.name) || a.enrollmentId.localeCompare(b.enrollmentId));
  let rankOfTies = 0;
  return sorted.map((entry, i) => {
    if (i === 0 || compareRankKey(sorted[i - 1]!, entry) !== 0) rankOfTies = i + 1;
    return { ...entry, rank: rankOfTies };
  });
}

/** Negative when `a` ranks ahead of `b`, zero when they share a rank. */
function compareRankKey(a: RankedEntry, b: RankedEntry): number {
  return b.total - a.total || b.criteriaFullyMet - a.criteriaFullyMet || Number(b.isDirectProductionWorker) - Number(a.isDirectProductionWorker);
}

/** A line's place in one group's ranking (its province's, say): 1-based position, and rank with ties shared. */
export interface GroupPlace {
  position: number;
  rank: number;
}

/**
 * Places within groups, from entries already in ranking order: a group ranking is the campaign ranking restricted
 * to the group, with positions and ranks counted again (the same tie-break, so ties stay ties). Linear time.
 */
export function groupPlaces<T extends RankedEntry>(ranked: T[], groupOf: (entry: T) => string | null): (GroupPlace | null)[] {
  const last = new Map<string, { entry: T; place: GroupPlace }>();
  return ranked.map((entry) => {
    const group = groupOf(entry);
    if (group === null) return null;
    const previous = last.get(group);
    const position = (previous?.place.position ?? 0) + 1;
    const place = { position, rank: previous && compareRankKey(previous.entry, entry) === 0 ? previous.place.rank : position };
    last.set(group, { entry, place });
    return place;
  });
}

/** Appeals are accepted until the end of the window, counted in days from publication. */
export function appealDeadline(publishedAt: Date, windowDays: number): Date {
  return new Date(publishedAt.getTime() + windowDays * 86_400_000);
}
