import type { CampaignLaunchedV1, MemberUpsertedV1, NewEvent, ProceedingKind, UnitUpsertedV1 } from '@thidua/common';
import { targetDraft } from '../domain/targets';
import type { TargetProgress } from '../domain/progress';
import type { AccountRow, CampaignRow, CampaignTargetRow, EnrollmentRow, MemberRow, ProgressReportRow, UnionUnitRow } from '../entities';

/** What this service publishes about its rows; one builder per event, shared by every use case that emits it. */
export function unitUpserted(unit: UnionUnitRow): NewEvent<'UnitUpserted'> {
  const payload: UnitUpsertedV1 = {
    unitId: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    organisationType: unit.organisationType,
    provinceCode: unit.provinceCode,
    path: unit.path,
    parentId: unit.parentId,
  };
  return { type: 'UnitUpserted', aggregateId: unit.id, unitPath: unit.path, payload };
}

export function memberUpserted(member: MemberRow): NewEvent<'MemberUpserted'> {
  const payload: MemberUpsertedV1 = {
    memberId: member.id,
    fullName: member.fullName,
    unitId: member.unitId,
    unitPath: member.unitPath,
    occupationCode: member.occupationCode,
    isDirectProductionWorker: member.isDirectProductionWorker,
    holdsLeadershipPost: member.holdsLeadershipPost,
    leftUnionOn: member.leftUnionOn,
    gender: member.gender,
    joinedUnionOn: member.joinedUnionOn,
  };
  return { type: 'MemberUpserted', aggregateId: member.id, unitPath: member.unitPath, payload };
}

export function campaignLaunched(campaign: CampaignRow, targets: CampaignTargetRow[], scopeUnitPath: string): NewEvent<'CampaignLaunched'> {
  const payload: CampaignLaunchedV1 = {
    campaignId: campaign.id,
    title: campaign.title,
    category: campaign.category,
    launchingUnitId: campaign.launchingUnitId,
    launchingUnitPath: campaign.launchingUnitPath,
    startsOn: campaign.startsOn!,
    endsOn: campaign.endsOn!,
    targets: targets.map((t) => ({ targetId: t.id, ...targetDraft(t) })),
    scope: {
      unitId: campaign.scopeUnitId,
      unitPath: scopeUnitPath,
      organisationTypes: campaign.scopeOrganisationTypes,
      occupationCodes: campaign.scopeOccupationCodes,
    },
    derivedFromId: campaign.derivedFromId,
    reportingCadence: campaign.reportingCadence,
  };
  return { type: 'CampaignLaunched', aggregateId: campaign.id, unitPath: campaign.launchingUnitPath, payload };
}

export function campaignUpdated(campaign: CampaignRow, changedFields: string[]): NewEvent<'CampaignUpdated'> {
  return {
    type: 'CampaignUpdated',
    aggregateId: campaign.id,
    unitPath: campaign.launchingUnitPath,
    payload: { campaignId: campaign.id, status: campaign.status, title: campaign.title, changedFields },
  };
}

/** Whom a case (kỷ luật, thanh tra, khiếu nại) is about: a member (with their unit) or a unit. */
export interface ProceedingSubject {
  memberId: string | null;
  unitId: string;
  unitPath: string;
}

/** The cases of one subject still open, keyed by the subject so that its changes arrive in order. */
export function proceedingsChanged(subject: ProceedingSubject, open: { id: string; kind: ProceedingKind; openedOn: string }[]): NewEvent<'ProceedingsChanged'> {
  return {
    type: 'ProceedingsChanged',
    aggregateId: subject.memberId ?? subject.unitId,
    unitPath: subject.unitPath,
    payload: {
      memberId: subject.memberId,
      unitId: subject.unitId,
      unitPath: subject.unitPath,
      pending: open.map((c) => ({ proceedingId: c.id, kind: c.kind, openedOn: c.openedOn })),
    },
  };
}

/** Which report of whom, for which target and period, as the progress events carry it. */
function reportedPeriod(report: ProgressReportRow, enrollment: EnrollmentRow) {
  return {
    reportId: report.id,
    enrollmentId: enrollment.id,
    campaignId: enrollment.campaignId,
    unitId: enrollment.unitId,
    unitPath: enrollment.unitPath,
    memberId: enrollment.memberId,
    targetId: report.targetId,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
  };
}

/** A report that now counts (made by an officer, or a member's own report once confirmed), with the target's value after it. */
export function progressReported(report: ProgressReportRow, enrollment: EnrollmentRow, progress: TargetProgress): NewEvent<'ProgressReported'> {
  return {
    type: 'ProgressReported',
    aggregateId: enrollment.id,
    unitPath: enrollment.unitPath,
    payload: { ...reportedPeriod(report, enrollment), value: report.value, currentValue: progress.currentValue ?? report.value, committedValue: progress.committedValue },
  };
}

/** A counted report's value corrected, with the value before, the reason, and the target's value after it. */
export function progressCorrected(report: ProgressReportRow, enrollment: EnrollmentRow, progress: TargetProgress, change: { previousValue: number; reason: string }): NewEvent<'ProgressCorrected'> {
  return {
    type: 'ProgressCorrected',
    aggregateId: enrollment.id,
    unitPath: enrollment.unitPath,
    payload: { ...reportedPeriod(report, enrollment), ...change, value: report.value, currentValue: progress.currentValue ?? report.value, committedValue: progress.committedValue },
  };
}

/** An account as the other services may know it (no password, nothing the provider alone keeps). */
export function accountChanged(account: AccountRow): NewEvent<'AccountChanged'> {
  return {
    type: 'AccountChanged',
    aggregateId: account.id,
    unitPath: account.unitPath,
    payload: {
      accountId: account.id,
      username: account.username,
      fullName: account.fullName,
      email: account.email,
      roles: [...account.roles],
      unitId: account.unitId,
      unitPath: account.unitPath,
      memberId: account.memberId,
      enabled: account.enabled,
    },
  };
}
