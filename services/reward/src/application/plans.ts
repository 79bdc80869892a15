import { ForbiddenError, NotFoundError, ValidationError, isOfficerOver, parseId, queryRow, todayInVietnam, type EventEnvelope, type FieldProblem, type TransactionScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { quotaLimit, quotaTaken } from '../domain/rules';
import { byRankPreferring } from '../domain/ties';
import { preferredSubjects, tieKey } from './ties';
import { formFitProblems } from '../domain/forms';
import { movementRewardProblem } from '../domain/council';
import { PLAN_SELECT, type RewardFormRow, type RewardPlan, type Subject } from '../entities';
import { loadForm } from './catalogue';
import type { RewardContext } from './context';
import { quotaUsage } from './decisions';
import { insertNomination } from './nominations';
import { registeredAmong } from './registrations';
import { findSubject, findUnit } from './subjects';
import { followRepublication, resultReason } from './republication';

/** Without a plan: the top 5, for the certificate the launching level grants (Giấy khen below a province, Bằng khen from it up). */
const DEFAULT_TOP_N = 5;
export function defaultPlanForm(launchingLevel: string): string {
  return launchingLevel === 'GRASSROOTS' || launchingLevel === 'UPPER_GRASSROOTS' ? 'GIAY_KHEN' : 'BK_TINH';
}

export async function planFor(manager: EntityManager, campaignId: string, launchingLevel: string): Promise<RewardPlan> {
  const row = await queryRow<RewardPlan>(manager, `${PLAN_SELECT} WHERE campaign_id = $1`, [campaignId]);
  return row ?? { campaignId, formCode: defaultPlanForm(launchingLevel), topN: DEFAULT_TOP_N, minScore: 0, explicit: false };
}

/** The plan of a campaign reward knows about (null before its CampaignLaunched has arrived). */
export async function campaignPlan(ctx: RewardContext, campaignId: string): Promise<RewardPlan | null> {
  const campaign = await ctx.loaders.campaignRef.load(campaignId);
  if (!campaign) return null;
  const launchingUnit = await findUnit(ctx.db.manager, { path: campaign.launchingUnitPath });
  return planFor(ctx.db.manager, campaignId, launchingUnit?.level ?? 'PROVINCIAL');
}

export async function setCampaignRewardPlan(ctx: RewardContext, campaignIdInput: string, input: { formCode: string; topN: number; minScore?: number | null }): Promise<RewardPlan> {
  const campaignId = parseId('campaignId', campaignIdInput);
  const campaign = await ctx.loaders.campaignRef.load(campaignId);
  if (!campaign) throw new NotFoundError('Campaign', campaignId);
  if (!isOfficerOver(ctx.identity, campaign.launchingUnitPath)) throw new ForbiddenError('Chỉ cán bộ công đoàn của đơn vị phát động mới lập kế hoạch khen thưởng của phong trào');
  const problems: FieldProblem[] = [];
  const minScore = input.minScore ?? 0;
  if (!Number.isInteger(input.topN) || input.topN < 1 || input.topN > 1000) problems.push({ field: 'topN', message: 'số người được đề nghị từ 1 đến 1000' });
  if (minScore < 0 || minScore > 100) problems.push({ field: 'minScore', message: 'điểm tối thiểu từ 0 đến 100' });
  const launchingUnit = await findUnit(ctx.db.manager, { path: campaign.launchingUnitPath });
  const form = await loadForm(ctx.db.manager, input.formCode);
  problems.push(...formFitProblems(form, null, launchingUnit?.level ?? 'PROVINCIAL', false, 'formCode'));
  const notAMovementReward = movementRewardProblem(form);
  if (notAMovementReward) problems.push({ field: 'formCode', message: notAMovementReward });
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO campaign_reward_plans (campaign_id, form_code, top_n, min_score, set_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (campaign_id) DO UPDATE SET form_code = EXCLUDED.form_code, top_n = EXCLUDED.top_n, min_score = EXCLUDED.min_score,
         set_by = EXCLUDED.set_by, set_at = now()`,
      [campaignId, form.code, input.topN, minScore, ctx.identity.subject],
    );
    return { campaignId, formCode: form.code, topN: input.topN, minScore, explicit: true };
  });
}

/** How many more of the form an absolute quota leaves this year (a share quota is checked at decision time). */
async function nominationsAllowed(manager: EntityManager, form: RewardFormRow, grantingUnitId: string, year: number, wanted: number): Promise<number> {
  if (form.quota?.kind !== 'ABSOLUTE') return wanted;
  const usage = await quotaUsage(manager, form, grantingUnitId, year);
  return Math.max(0, Math.min(wanted, quotaLimit(form.quota, usage)! - quotaTaken(usage)));
}

/**
 * ResultsPublished → nominations for the best results, within the plan and the form's quota, before the council of
 * the launching unit. A republication after an appeal nominates whoever newly entered the top; nobody twice.
 */
export async function nominateBestResults(scope: TransactionScope, event: EventEnvelope<'ResultsPublished'>): Promise<void> {
  const { manager } = scope;
  const published = event.payload;
  await followRepublication(manager, published);
  const grantingUnit = await findUnit(manager, { path: published.launchingUnitPath });
  // Units are published long before results; a missing one is a lagging read model, worth a retry.
  if (!grantingUnit) throw new Error(`Launching unit ${published.launchingUnitPath} is not in reward's read model yet`);
  const plan = await planFor(manager, published.campaignId, grantingUnit.level);
  const form = await loadForm(manager, plan.formCode);
  const achievedOn = todayInVietnam(new Date(published.publishedAt));
  const year = Number(achievedOn.slice(0, 4));
  const allowed = await nominationsAllowed(manager, form, grantingUnit.id, year, plan.topN);
  const eligible = published.entries
    .filter((entry) => entry.total > 0 && entry.total >= plan.minScore)
    .filter((entry) => form.subjects.includes(entry.memberId ? 'INDIVIDUAL' : 'COLLECTIVE'));
  // those sharing a rank at the plan's cut: women and collectives of at least 70% women first (WOMEN_PREFERENCE_RULE)
  const preferred = await preferredSubjects(manager, eligible);
  const best = byRankPreferring(eligible, (entry) => preferred.has(tieKey(entry)));
  // a yearly title is proposed only to those whose registration for the year covers it: the best of them
  const registered = (await registeredAmong(manager, best, form, year)).slice(0, allowed);
  for (const entry of registered) {
    const known = await findSubject(manager, { memberId: entry.memberId, unitId: entry.memberId ? null : entry.unitId });
    const subject: Subject = known ?? {
      memberId: entry.memberId, unitId: entry.unitId, unitPath: entry.unitPath, name: entry.name, unitName: '', isDirectProductionWorker: entry.isDirectProductionWorker,
      holdsLeadershipPost: entry.holdsLeadershipPost, occupationCode: null, provinceCode: null,
    };
    await insertNomination(scope, {
      source: 'RESULTS',
      subject,
      grantingUnit,
      formCode: form.code,
      campaignId: published.campaignId,
      taskRating: null,
      achievedOn,
      awardYear: year,
      resultRank: entry.rank,
      publication: { version: published.version, score: entry.total },
      reason: resultReason(entry, published),
      sourceEventId: event.id,
      createdBy: `event:${event.id}`,
    });
  }
}
