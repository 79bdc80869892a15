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
  if (reviewer.memberId !== null && reviewer.memberId === entry.memberId) return 'người chấm không chấm minh chứng của chính mình';
  if (reviewer.unitPath !== null && reviewer.unitPath === entry.unitPath) return 'người chấm không chấm minh chứng của công đoàn cơ sở nơi mình sinh hoạt';
  if (declaredOn.has(entry.enrollmentId)) return 'người chấm đã khai xung đột lợi ích với minh chứng này';
  return null;
}
