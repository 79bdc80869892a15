import type { OrganisationType } from '@thidua/common';
import type { CriteriaVariant } from './criteria';

export interface Participant {
  /** Organisation type of the participant's grassroots unit. */
  organisationType: OrganisationType | null;
  /** Null for a unit (collective) participant. */
  member: { isDirectProductionWorker: boolean; holdsLeadershipPost: boolean } | null;
}

/**
 * The variant that applies, in order: everyone in a private or FDI enterprise gets the simplified set;
 * then direct production workers; then civil servants, public employees and the union's own staff without a leadership post;
 * everyone else, and collectives, the general set. A variant with no published set falls back to GENERAL.
 */
export function chooseVariant(participant: Participant, published: Set<CriteriaVariant>): CriteriaVariant | null {
  const preferences: CriteriaVariant[] = [];
  if (participant.organisationType === 'PRIVATE_ENTERPRISE' || participant.organisationType === 'FDI_ENTERPRISE') preferences.push('PRIVATE_FDI_SIMPLIFIED');
  if (participant.member?.isDirectProductionWorker) preferences.push('DIRECT_PRODUCTION_WORKER');
  if (
    participant.member &&
    !participant.member.holdsLeadershipPost &&
    ['ADMINISTRATIVE_AGENCY', 'PUBLIC_SERVICE_UNIT', 'UNION_AGENCY'].includes(participant.organisationType ?? '')
  ) {
    preferences.push('CIVIL_SERVANT_NON_LEADER');
  }
  preferences.push('GENERAL');
  return preferences.find((variant) => published.has(variant)) ?? null;
}
