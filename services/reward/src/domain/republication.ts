import { number } from '@thidua/common';

/**
 * What a republication of results (after an accepted appeal) means for a decision based on an earlier version: the
 * result changed when the subject's score or rank did, or when the subject left a complete list.
 */

/** A subject's line in a publication of results. */
export interface ResultLine {
  rank: number;
  score: number;
}

/** Scores are kept to hundredths (numeric(7,2)); a finer difference is not a change. */
const hundredths = (score: number) => Math.round(score * 100);

/**
 * True when the result changed, false when it did not, null when the publication cannot tell (a truncated list that
 * does not name the subject may simply have left them out).
 */
export function resultChanged(before: ResultLine, after: ResultLine | null, listComplete: boolean): boolean | null {
  if (!after) return listComplete ? true : null;
  return hundredths(before.score) !== hundredths(after.score) || before.rank !== after.rank;
}

/** The reason a nomination from results gives, as the decision will publish it. */
export function resultReason(line: ResultLine, campaignTitle: string, version: number): string {
  const published = version > 1 ? `, công bố lần ${version}` : '';
  return `Xếp hạng ${line.rank} trong kết quả phong trào "${campaignTitle}" (${number(line.score)} điểm${published})`;
}
