import { todayInVietnam } from '@thidua/common';

/**
 * Reading a proposal's path (its steps, in order) for what a level's tờ trình says: whose tờ trình it received, and
 * which return it answers (decisions 0041, 0047). Pure: the steps are the application's rows.
 */
export interface PathStep {
  /** The union unit that held the dossier; null for the authority's step. */
  unitId: string | null;
  unitName: string;
  outcome: string | null;
  note: string | null;
  /** For the authority's step that returned it: whose letter that was, and its day. */
  answeredBy: string | null;
  answeredOn: string | null;
  /** When the dossier left the level (for a return by a union level, the day it returned it). */
  leftAt: Date | null;
  /** The achievement as the level sent it, kept for a step that sent a tờ trình. */
  sentReason: string | null;
}

/** What a tờ trình answers: who returned the dossier, on which day and why, and who corrected what since. */
export interface AnsweredReturn {
  returnedBy: string;
  /** The day of the authority's letter, or the day the level above returned it; null where neither is known. */
  returnedOn: string | null;
  reason: string | null;
  correction: { by: string; text: string } | null;
}

const sentMemo = (step: PathStep): boolean => step.sentReason !== null;

/**
 * The level below whose tờ trình the level at `index` received: the nearest earlier step that sent the dossier to it
 * with a tờ trình (after a pass-down, the level that corrected it; otherwise the one that passed it up), or null.
 */
export function memoSenderBelow(steps: readonly PathStep[], index: number): string | null {
  const unitId = steps[index]!.unitId;
  for (let k = index - 1; k >= 0; k--) {
    if (steps[k]!.unitId !== unitId && sentMemo(steps[k]!) && steps[k + 1]!.unitId === unitId) return steps[k]!.unitName;
  }
  return null;
}

/**
 * The return the tờ trình at `index` answers: the latest return to that level (by the level above, or by the
 * authority, named by its letter or else by `authorityAnswerer`) since the level last sent the dossier up with a tờ
 * trình, with the correction made since (its own resend, or the one of the level it passed the dossier down to).
 */
export function answeredReturn(steps: readonly PathStep[], index: number, authorityAnswerer: string): AnsweredReturn | null {
  const unitId = steps[index]!.unitId;
  for (let k = index - 1; k >= 0; k--) {
    const step = steps[k]!;
    if (step.unitId === unitId && sentMemo(step)) return null;
    if (step.outcome === 'RETURNED' && step.unitId !== unitId && steps[k + 1]!.unitId === unitId) {
      const resend = steps.slice(k + 1, index + 1).findLast((s) => s.outcome === 'RESENT');
      return {
        returnedBy: step.unitId === null ? (step.answeredBy ?? authorityAnswerer) : step.unitName,
        // an authority's letter recorded before its day was kept has only the day it was entered, which is not the letter's
        returnedOn: step.answeredOn ?? (step.unitId !== null && step.leftAt ? todayInVietnam(step.leftAt) : null),
        reason: step.note,
        correction: resend ? { by: resend.unitName, text: resend.note ?? '' } : null,
      };
    }
  }
  return null;
}
