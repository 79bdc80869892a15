/** Figures that show whether rewards lean towards direct production workers and non-leaders (days to decision: SQL, application/fairness.ts). */

/** part / whole rounded to four decimals; null when there is no whole to share. */
export function share(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

