import { isWithinScope, type Identity } from '@thidua/common';
import type { CampaignStatus } from './campaigns';

/** Drafts are internal to the launching unit's subtree; launched campaigns are public. */
export function canSeeCampaign(identity: Identity, campaign: { status: CampaignStatus; launchingUnitPath: string }): boolean {
  return campaign.status !== 'DRAFT' || isWithinScope(identity, campaign.launchingUnitPath);
}

/** A member's record is personal data: officers of their subtree and the member themself. */
export function canSeeMember(identity: Identity, member: { id: string; unitPath: string }): boolean {
  return identity.memberId === member.id || (identity.roles.includes('UNIT_OFFICER') || identity.roles.includes('NATIONAL_ADMIN')) && isWithinScope(identity, member.unitPath);
}
