import type { CampaignLaunchedV1, MemberUpsertedV1, NewEvent, UnitUpsertedV1 } from '@thidua/common';
import { targetDraft } from '../domain/campaigns';
import type { CampaignRow, CampaignTargetRow, MemberRow, UnionUnitRow } from '../entities';

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
