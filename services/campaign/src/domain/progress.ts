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

/**
 * Who checks a progress report before it counts. A member's own report waits for an officer of their grassroots union
 * (or above) who is not that member; an officer's report for a unit or a member counts at once. Kept as data with its
 * source, as the reward rules are.
 */
export const SELF_REPORT_RULE = {
  rule: 'SELF_REPORT_CONFIRMED',
  source: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5 (khen thưởng chính xác, công khai, minh bạch: thành tích phải được xác nhận); issue 17',
  verified: false,
} as const;

/** The people around a report: the enrolled member (null for a unit), whoever acts, and whether they are an officer over the unit. */
export interface ReportActors {
  enrolledMemberId: string | null;
  actorMemberId: string | null;
  actorIsOfficerOver: boolean;
}

/** A report made by the enrolled member themself waits for confirmation. */
export function needsConfirmation(actors: Pick<ReportActors, 'enrolledMemberId' | 'actorMemberId'>): boolean {
  return actors.enrolledMemberId !== null && actors.actorMemberId === actors.enrolledMemberId;
}

/** Why the actor may not confirm this report, or null when they may. */
export function confirmationRefusal(actors: ReportActors): string | null {
  if (needsConfirmation(actors)) return 'Báo cáo của chính bạn phải do cán bộ công đoàn cơ sở khác xác nhận';
  if (!actors.actorIsOfficerOver) return 'Chỉ cán bộ công đoàn cơ sở của đoàn viên (hoặc cấp trên) xác nhận báo cáo';
  return null;
}

/**
 * Why the actor may not correct this report, or null. Officers over the unit correct any report; a member corrects
 * their own report only while it waits for confirmation (it still waits afterwards).
 */
export function correctionRefusal(actors: ReportActors, confirmed: boolean): string | null {
  if (needsConfirmation(actors)) return confirmed ? 'Báo cáo đã được xác nhận: nhờ cán bộ công đoàn cơ sở sửa, kèm lý do' : null;
  return actors.actorIsOfficerOver ? null : 'Chỉ cán bộ công đoàn phụ trách đơn vị sửa được báo cáo này';
}

/** A reported value fits its target: a number, and never negative for targets that add up over the period. */
export function valueProblems(target: { name: string; aggregation: TargetAggregation }, value: number, field = 'value'): { field: string; message: string }[] {
  if (!Number.isFinite(value)) return [{ field, message: 'phải là một số' }];
  if (target.aggregation === 'SUM' && value < 0) return [{ field, message: `"${target.name}" được cộng dồn theo kỳ: ghi kết quả đạt được trong kỳ, từ 0 trở lên` }];
  return [];
}

/** What a correction must say: a change, and why (the reason is kept in the report's history). */
export function correctionProblems(previous: { value: number; evidenceUrl: string | null }, next: { value: number; evidenceUrl: string | null; reason: string }): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const reason = next.reason.trim().length;
  if (reason < 10 || reason > 1000) problems.push({ field: 'reason', message: 'ghi lý do sửa (10–1.000 ký tự); lý do được lưu cùng lịch sử báo cáo' });
  if (previous.value === next.value && previous.evidenceUrl === next.evidenceUrl) problems.push({ field: 'value', message: 'số liệu và minh chứng giống bản đang có: không có gì để sửa' });
  return problems;
}
