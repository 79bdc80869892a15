import type { CriteriaVariant } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { rank } from '../domain/ranking';
import type { PublishedEntry } from '../entities';
import { publishedSets } from './criteria';
import { participantFacts } from './participants';
import { scoreOf } from './scores';

/** Scores every participant with the set that applies to them and ranks them (tie-break: domain/ranking.ts). */
export async function currentResults(manager: EntityManager, campaignId: string): Promise<PublishedEntry[]> {
  const [participants, sets] = await Promise.all([participantFacts(manager, { campaignId }), publishedSets(manager, campaignId)]);
  const scored: Omit<PublishedEntry, 'rank'>[] = [];
  for (const facts of participants) {
    const score = await scoreOf(manager, facts, sets);
    if (!score.variant) continue;
    scored.push({
      enrollmentId: facts.enrollmentId,
      memberId: facts.memberId,
      unitId: facts.unitId,
      unitPath: facts.unitPath,
      name: facts.memberName ?? facts.unitName ?? 'Chưa rõ tên',
      unitName: facts.unitName ?? '',
      total: score.total,
      criteriaSetVersion: score.criteriaSetVersion!,
      variant: score.variant as CriteriaVariant,
      isDirectProductionWorker: facts.isDirectProductionWorker ?? false,
      holdsLeadershipPost: facts.holdsLeadershipPost,
      provinceCode: facts.provinceCode,
      sectorUnitId: facts.sectorUnitId,
      organisationType: facts.organisationType,
      occupationCode: facts.occupationCode,
      criteriaFullyMet: score.breakdown.filter((b) => b.points === 100).length,
      breakdown: score.breakdown.map((b) => ({ criterion: b.criterion.name, weight: b.criterion.weight, points: b.points ?? 0 })),
    });
  }
  return rank(scored);
}
