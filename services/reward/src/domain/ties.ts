/**
 * Ties (issue 17, "Correct rules"): among subjects equally qualified, women and collectives with at least 70% women
 * are chosen first. Members record gender for this (campaign's members; reward's read model counts women per unit).
 */
export const WOMEN_PREFERENCE_RULE = {
  share: 0.7,
  source: 'Nghị định 98/2023/NĐ-CP, Điều 4 (nguyên tắc khen thưởng: trường hợp cùng đủ điều kiện, tiêu chuẩn thì ưu tiên cá nhân nữ, tập thể có tỷ lệ nữ từ 70% trở lên); Nghị định 152/2025/NĐ-CP thay thế, điều khoản chưa đối chiếu',
  verified: false,
} as const;

/** What tells whether a subject is preferred at a tie: a member's gender, or a collective's women and members. */
export interface TieFacts {
  memberId: string | null;
  gender: string | null;
  women: number;
  members: number;
}

/** A woman, or a collective whose members are at least 70% women (an empty one is not). */
export function preferredAtTie(facts: TieFacts): boolean {
  if (facts.memberId !== null) return facts.gender === 'FEMALE';
  return facts.members > 0 && facts.women >= WOMEN_PREFERENCE_RULE.share * facts.members;
}

/** The entries by rank, those sharing a rank with the preferred ones first; otherwise in the order given. */
export function byRankPreferring<T extends { rank: number }>(entries: readonly T[], preferred: (entry: T) => boolean): T[] {
  return entries.map((entry, index) => ({ entry, index, first: preferred(entry) }))
    .sort((a, b) => a.entry.rank - b.entry.rank || Number(b.first) - Number(a.first) || a.index - b.index)
    .map(({ entry }) => entry);
}
