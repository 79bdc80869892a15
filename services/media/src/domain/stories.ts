import type { CampaignLaunchedV1, Identity } from '@thidua/common';
import { hasRole } from '@thidua/common';

export type StoryKind = 'EXEMPLAR' | 'GOOD_PRACTICE' | 'GOOD_DEED' | 'AD_HOC_ACHIEVEMENT' | 'CAMPAIGN_NEWS' | 'CAMPAIGN_SUMMARY';
export type StoryStatus = 'CANDIDATE' | 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'RETRACTED';

/** The candidate an editor finds when a campaign is launched (phát động). */
export function campaignNewsCandidate(launched: CampaignLaunchedV1): { title: string; summary: string } {
  const period = `từ ${formatDate(launched.startsOn)} đến ${formatDate(launched.endsOn)}`;
  return {
    title: `Phát động phong trào thi đua “${launched.title}”`,
    summary: `Phong trào diễn ra ${period}, với ${launched.targets.length} chỉ tiêu: ${launched.targets.map((t) => t.name).join('; ')}.`,
  };
}

function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** Subtree whose unpublished stories the caller may see (editors and national admins), or null. */
export function editorialScope(identity: Identity): string | null {
  if (hasRole(identity, 'NATIONAL_ADMIN')) return '/';
  if (hasRole(identity, 'EDITOR')) return identity.unitPath;
  return null;
}
