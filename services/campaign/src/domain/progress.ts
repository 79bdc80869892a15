import type { TargetDirection } from '@thidua/common';
import type { ReportingCadence, TargetAggregation } from './campaigns';
import { addDays, elapsedShare, periodContaining } from './periods';

export interface TrackedTarget {
  targetId: string;
  direction: TargetDirection;
  aggregation: TargetAggregation;
  weight: number;
  committedValue: number;
}

export interface ReportedValue {
  targetId: string;
  periodStart: string;
  value: number;
}

export interface TargetProgress {
  targetId: string;
  committedValue: number;
  /** Null until the first report. */
  currentValue: number | null;
  /** 0…1: how much of the commitment is achieved (1 = met). */
  ratio: number;
  met: boolean;
  lastReportedOn: string | null;
}

/** Current value of one target: the sum of all reports (SUM) or the latest one (LATEST). */
export function currentValue(aggregation: TargetAggregation, reports: ReportedValue[]): number | null {
  if (reports.length === 0) return null;
  if (aggregation === 'SUM') return reports.reduce((sum, r) => sum + r.value, 0);
  return [...reports].sort((a, b) => a.periodStart.localeCompare(b.periodStart)).at(-1)!.value;
}

function ratioOf(direction: TargetDirection, value: number | null, committed: number): number {
  if (value === null) return 0;
  if (direction === 'HIGHER_IS_BETTER') return committed <= 0 ? 1 : Math.min(1, Math.max(0, value / committed));
  if (value <= committed) return 1;
  return value <= 0 ? 0 : Math.max(0, committed / value);
}

export function progressOf(target: TrackedTarget, reports: ReportedValue[]): TargetProgress {
  const own = reports.filter((r) => r.targetId === target.targetId);
  const value = currentValue(target.aggregation, own);
  const ratio = ratioOf(target.direction, value, target.committedValue);
  return {
    targetId: target.targetId,
    committedValue: target.committedValue,
    currentValue: value,
    ratio,
    met: value !== null && ratio >= 1,
    lastReportedOn: own.map((r) => r.periodStart).sort().at(-1) ?? null,
  };
}

/** Weighted completion of an enrollment, 0…1. */
export function completion(targets: TrackedTarget[], reports: ReportedValue[]): number {
  const totalWeight = targets.reduce((sum, t) => sum + t.weight, 0);
  if (totalWeight === 0) return 0;
  return targets.reduce((sum, t) => sum + progressOf(t, reports).ratio * t.weight, 0) / totalWeight;
}

/**
 * Behind target (kiểm tra, đôn đốc): a cumulative (SUM) target whose progress lags the share of the period
 * already elapsed, or a level (LATEST) target whose latest value misses the commitment.
 */
export function isBehind(targets: TrackedTarget[], reports: ReportedValue[], startsOn: string, endsOn: string, today: string): boolean {
  const expected = elapsedShare(startsOn, endsOn, today);
  return targets.some((t) => {
    const progress = progressOf(t, reports);
    if (progress.currentValue === null) return false;
    return t.aggregation === 'SUM' ? progress.ratio < expected : !progress.met;
  });
}

/**
 * Silent: no report for the last complete reporting period (the period before the one containing today),
 * once at least one such period has passed since the campaign started.
 */
export function isSilent(cadence: ReportingCadence, reports: ReportedValue[], startsOn: string, today: string): boolean {
  const current = periodContaining(cadence, today);
  const previous = periodContaining(cadence, addDays(current.start, -1));
  if (previous.end < startsOn) return false;
  const latest = reports.map((r) => r.periodStart).sort().at(-1);
  return latest === undefined || latest < previous.start;
}
