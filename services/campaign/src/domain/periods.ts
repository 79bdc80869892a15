import type { ReportingCadence } from './campaigns';

/** Dates as ISO `YYYY-MM-DD` strings, computed in UTC: a report period is a calendar notion, not an instant. */
function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = toDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** The period of the cadence that contains `day`: weeks start on Monday, months, quarters and years on day 1. */
export function periodContaining(cadence: ReportingCadence, day: string): { start: string; end: string } {
  const date = toDate(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (cadence) {
    case 'WEEKLY': {
      const start = addDays(day, -((date.getUTCDay() + 6) % 7));
      return { start, end: addDays(start, 6) };
    }
    case 'MONTHLY':
      return { start: toIso(new Date(Date.UTC(year, month, 1))), end: toIso(new Date(Date.UTC(year, month + 1, 0))) };
    case 'QUARTERLY': {
      const first = month - (month % 3);
      return { start: toIso(new Date(Date.UTC(year, first, 1))), end: toIso(new Date(Date.UTC(year, first + 3, 0))) };
    }
    case 'YEARLY':
      return { start: `${year}-01-01`, end: `${year}-12-31` };
  }
}

/** Share of the campaign period elapsed on `today`, between 0 and 1. */
export function elapsedShare(startsOn: string, endsOn: string, today: string): number {
  const total = toDate(endsOn).getTime() - toDate(startsOn).getTime() + 86_400_000;
  const done = toDate(today).getTime() - toDate(startsOn).getTime() + 86_400_000;
  return Math.min(1, Math.max(0, done / total));
}
