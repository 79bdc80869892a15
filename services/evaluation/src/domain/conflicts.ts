export interface ReviewerFacts {
  subject: string;
  memberId: string | null;
  /** The reviewer's own grassroots unit. */
  unitPath: string | null;
}

export interface EntryFacts {
  enrollmentId: string;
  memberId: string | null;
  unitPath: string;
}

/**
 * Conflict of interest: nobody reviews themself, a member (or the collective) of their own grassroots unit,
 * or an entry they declared a conflict on. Returns the reason, or null when the reviewer may review.
 */
export function conflictOfInterest(reviewer: ReviewerFacts, entry: EntryFacts, declaredOn: Set<string>): string | null {
  if (reviewer.memberId !== null && reviewer.memberId === entry.memberId) return 'a reviewer cannot review their own entry';
  if (reviewer.unitPath !== null && reviewer.unitPath === entry.unitPath) return 'a reviewer cannot review an entry of their own grassroots unit';
  if (declaredOn.has(entry.enrollmentId)) return 'the reviewer declared a conflict of interest on this entry';
  return null;
}
