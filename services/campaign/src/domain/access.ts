import { isOfficerOver, isWithinScope, type Identity } from '@thidua/common';
import type { CampaignStatus } from './campaigns';

/** Drafts are internal to the launching unit's subtree; launched campaigns are public. */
export function canSeeCampaign(identity: Identity, campaign: { status: CampaignStatus; launchingUnitPath: string }): boolean {
  return campaign.status !== 'DRAFT' || isWithinScope(identity, campaign.launchingUnitPath);
}

/** A member's record is personal data: officers of their subtree and the member themself. */
export function canSeeMember(identity: Identity, member: { id: string; unitPath: string }): boolean {
  return identity.memberId === member.id || isOfficerOver(identity, member.unitPath);
}

/** An enrollment and its reports: the enrolled member, and officers whose subtree contains the enrolled unit. */
export function canSeeEnrollment(identity: Identity, enrollment: { unitPath: string; memberId: string | null }): boolean {
  if (enrollment.memberId !== null && identity.memberId === enrollment.memberId) return true;
  return isOfficerOver(identity, enrollment.unitPath);
}
