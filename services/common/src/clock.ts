/**
 * The platform's one clock for calendar days. Deadlines, reporting periods and decision dates are days in Việt Nam,
 * which keeps UTC+7 all year (no daylight saving), whatever the server's time zone. Pure, with no imports, so the
 * web portal uses the same file.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The day in Việt Nam `days` days before `now` (0: today), as YYYY-MM-DD. */
export function daysAgoInVietnam(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS - days * DAY_MS).toISOString().slice(0, 10);
}

/** Today in Việt Nam, as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return daysAgoInVietnam(0, now);
}

/** The current year in Việt Nam. */
export function yearInVietnam(now: Date = new Date()): number {
  return Number(todayInVietnam(now).slice(0, 4));
}

/** A moment as read in Việt Nam: "dd/mm/yyyy hh:mm" (UTC+7). */
export function vietnameseDateTime(at: Date): string {
  const [day, time] = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().split('T') as [string, string];
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year} ${time.slice(0, 5)}`;
}
