import { ConflictError, ValidationError, decodeCursor, foldVietnamese, isOfficerOver, isUuid, pageSize, parseId, queryRows, rowById, toConnection, todayInVietnam, shortDate, type Connection, type Identity, type PageRequest, type Queryable, type TransactionScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { rewardAmount } from '../domain/amounts';
import { employerCouncilProblem, outcomeRefusal, type ApprovedOutcome, type DecidingAuthority } from '../domain/authority';
import { quotaFailure, unmetRules, type EligibilityFacts, type QuotaUsage, type RuleFailure, type TaskRating } from '../domain/rules';
import { formFitProblems } from '../domain/forms';
import { MOVEMENT_REWARD_RULE, countsAsMeritBasis, movementRewardProblem } from '../domain/council';
import { DECISION_SELECT, OWNER_COLUMN, type DecisionOwner, type DecisionRow, type NominationRow, type RewardFormRow, type UnitRef } from '../entities';
import { baseSalaryInForce, loadForm } from './catalogue';
import type { RewardContext } from './context';
import { nominationBeforeCouncil, subjectOfNomination } from './nominations';
import { takeDecisionNumber } from './numbering';
import { registrationFailureOf } from './registrations';
import { membershipOf, requireUnit, subjectEmployer } from './subjects';
import { nominationSuspension } from './suspensions';
import { nominationOutcome } from './council-meetings';

export interface GrantInput {
  formCode?: string | null;
  signerRole: string;
  signerName?: string | null;
  decidedOn?: string | null;
  taskRating?: TaskRating | null;
  reason?: string | null;
  /** The number from the paper register, when it is the source (`125/QĐ-LĐLĐ`); the platform numbers otherwise. */
  number?: string | null;
}

/** What the rules need to know about the subject, from earlier decisions, initiatives and the union tree. */
async function eligibilityFacts(manager: EntityManager, nomination: NominationRow, taskRating: TaskRating | null): Promise<EligibilityFacts> {
  const subjectKey = nomination.memberId ?? nomination.unitId;
  const subjectFilter = nomination.memberId ? 'member_id = $1' : 'member_id IS NULL AND unit_id = $1';
  const granted = await queryRows<{ year: number; formCode: string; adHoc: boolean; campaignId: string | null }>(manager,
    `SELECT award_year AS year, form_code AS "formCode", ad_hoc AS "adHoc", campaign_id AS "campaignId" FROM standing_reward_decisions WHERE ${subjectFilter}`, [subjectKey]);
  const meritFormsByYear = new Map<number, Set<string>>();
  for (const row of granted.filter(countsAsMeritBasis)) meritFormsByYear.set(row.year, (meritFormsByYear.get(row.year) ?? new Set()).add(row.formCode));
  const initiatives = nomination.memberId
    ? await queryRows<EligibilityFacts['initiatives'][number]>(
        manager,
        `SELECT recognised_year AS year, reach, benefit_value_vnd::float AS "benefitVnd" FROM initiatives WHERE member_id = $1 AND status = 'RECOGNISED'`,
        [nomination.memberId],
      )
    : [];
  return {
    year: nomination.awardYear,
    subjectName: nomination.subjectName,
    taskRating,
    isDirectProductionWorker: nomination.isDirectProductionWorker,
    holdsLeadershipPost: nomination.holdsLeadershipPost,
    meritFormsByYear,
    everGranted: new Set(granted.map((g) => g.formCode)),
    initiatives,
    members: nomination.memberId ? null : await collectiveMembers(manager, nomination.unitPath, nomination.awardYear),
    membership: nomination.memberId ? await membershipOf(manager, nomination.memberId) : undefined,
  };
}

/** Members of a collective's subtree and how many of them hold each title for the year (merit decisions only: not ad hoc, not a movement's, MERIT_BASIS_RULE). */
async function collectiveMembers(manager: EntityManager, unitPath: string, year: number): Promise<EligibilityFacts['members']> {
  const [total] = await queryRows<{ n: number }>(manager, `SELECT count(*)::int AS n FROM member_refs WHERE unit_path LIKE $1 || '%'`, [unitPath]);
  const holders = await queryRows<{ formCode: string; n: number }>(manager,
    `SELECT d.form_code AS "formCode", count(DISTINCT d.member_id)::int AS n
       FROM standing_reward_decisions d JOIN member_refs m ON m.id = d.member_id
      WHERE m.unit_path LIKE $1 || '%' AND d.award_year = $2 AND NOT d.ad_hoc AND d.campaign_id IS NULL GROUP BY d.form_code`,
    [unitPath, year],
  );
  return { total: total!.n, withForm: Object.fromEntries(holders.map((h) => [h.formCode, h.n])) };
}

/**
 * Decisions of the form (and of the form a share quota is a share of) granted by the unit for the year, and its
 * proposals of the form for that year still on their way to the authority (they count against the quota too).
 */
export async function quotaUsage(manager: EntityManager, form: RewardFormRow, grantingUnitId: string, year: number): Promise<QuotaUsage> {
  const [usage] = await queryRows<QuotaUsage>(manager,
    `SELECT count(*) FILTER (WHERE form_code = $2)::int AS granted, count(*) FILTER (WHERE form_code = $4)::int AS "baseGranted",
            (SELECT count(*)::int FROM reward_proposals p JOIN nominations n ON n.id = p.nomination_id
              WHERE p.proposing_unit_id = $1 AND p.form_code = $2 AND n.award_year = $3 AND p.status IN ('AT_LEVEL', 'RETURNED', 'WITH_AUTHORITY')) AS pending
       FROM standing_reward_decisions WHERE granting_unit_id = $1 AND award_year = $3`,
    [grantingUnitId, form.code, year, form.quota?.kind === 'SHARE_OF_FORM' ? form.quota.formCode : null],
  );
  return usage!;
}

function refuse(form: RewardFormRow, nomination: NominationRow, failures: RuleFailure[]): never {
  const [first] = failures;
  throw new ConflictError(`Chưa đủ điều kiện tặng ${form.name} cho ${nomination.subjectName}: ${failures.map((f) => f.message).join('; ')}`, {
    rule: first!.rule,
    source: first!.source,
    failures,
  });
}

function grantProblems(input: GrantInput, nomination: NominationRow, today: string): { formCode: string; decidedOn: string; reason: string } {
  const problems = [];
  const formCode = input.formCode ?? nomination.formCode;
  const decidedOn = input.decidedOn ?? today;
  if (!formCode) problems.push({ field: 'formCode', message: 'đề nghị chưa nêu hình thức khen thưởng; hãy chọn một hình thức trong danh mục' });
  if (input.signerName && input.signerName.trim().length > 120) problems.push({ field: 'signerName', message: 'họ và tên người ký tối đa 120 ký tự' });
  if (input.signerRole.trim().length < 3) problems.push({ field: 'signerRole', message: 'name the role that signs, e.g. "Chủ tịch Liên đoàn Lao động tỉnh"' });
  if (decidedOn > today) problems.push({ field: 'decidedOn', message: 'ngày quyết định không thể ở tương lai' });
  if (decidedOn < nomination.achievedOn) problems.push({ field: 'decidedOn', message: `ngày quyết định không thể trước ngày lập thành tích (${shortDate(nomination.achievedOn)})` });
  if (problems.length) throw new ValidationError(problems);
  return { formCode: formCode!, decidedOn, reason: input.reason?.trim() || nomination.reason };
}

/** A nomination the council approved, checked against the form's rules, and what the decision or proposal says. */
export interface ApprovedNomination {
  nomination: NominationRow;
  form: RewardFormRow;
  decidedOn: string;
  reason: string;
  taskRating: TaskRating | null;
}

/**
 * What the council's approval does, checked once for both paths: approval (unless ad hoc), who decides the form, its
 * fit, eligibility and quota are checked inside one transaction under a lock per granting unit, form and year, so two
 * councils racing cannot both take the last place; then `act` grants (the union decides) or proposes (decision 0035).
 */
async function councilOutcome<T>(ctx: RewardContext, nominationId: string, input: GrantInput, wanted: ApprovedOutcome, act: (scope: TransactionScope, approved: ApprovedNomination) => Promise<T>): Promise<T> {
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const nomination = await nominationBeforeCouncil(ctx, manager, nominationId);
    const { formCode, decidedOn, reason } = grantProblems(input, nomination, todayInVietnam());
    const form = await loadForm(manager, formCode);
    const adHoc = nomination.source === 'AD_HOC';
    const fit = formFitProblems(form, nomination.memberId === null, nomination.grantingLevel, adHoc, 'formCode');
    if (fit.length) throw new ValidationError(fit);
    const employer = await subjectEmployer(manager, nomination);
    const council = await requireUnit(manager, nomination.grantingUnitId);
    const otherPath = employerCouncilProblem(form, nomination.subjectName, employer, council) ?? outcomeRefusal(form, employer, wanted);
    if (otherPath) throw new ConflictError(otherPath, { rule: 'DECIDING_AUTHORITY', source: form.authoritySource, field: 'formCode', decidingAuthority: form.decidingAuthority });
    if (!adHoc) {
      // the outcome is the council's: a meeting with its quorum, and the majority the regulation sets for the form
      const outcome = await nominationOutcome(manager, nomination, form.code);
      if (!outcome.passed) {
        throw new ConflictError(`Hội đồng chưa thông qua đề nghị này: ${outcome.message}; chỉ khen thưởng đột xuất mới không cần biểu quyết`, {
          rule: outcome.rule, source: outcome.source, quorumNeeded: outcome.quorumNeeded, majorityNeeded: outcome.majorityNeeded,
        });
      }
    }
    if (nomination.campaignId) {
      const problem = movementRewardProblem(form);
      if (problem) throw new ConflictError(problem, { rule: 'MOVEMENT_REWARD', source: MOVEMENT_REWARD_RULE.source, field: 'formCode' });
    }
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`quota:${nomination.grantingUnitId}:${form.code}:${nomination.awardYear}`]);
    const taskRating = input.taskRating ?? nomination.taskRating;
    const names = new Map(((await manager.query(`SELECT code, name FROM reward_forms`)) as { code: string; name: string }[]).map((f) => [f.code, f.name]));
    const formName = (code: string) => names.get(code) ?? code;
    const rules = nomination.memberId ? form.eligibility : form.collectiveEligibility;
    const failures = unmetRules(form.code, rules, await eligibilityFacts(manager, nomination, taskRating), formName);
    const overQuota = quotaFailure(form.quota, await quotaUsage(manager, form, nomination.grantingUnitId, nomination.awardYear), form.name, formName, nomination.awardYear);
    if (overQuota) failures.push(overQuota);
    const subject = { memberId: nomination.memberId, unitId: nomination.unitId, name: nomination.subjectName };
    for (const standing of [await registrationFailureOf(manager, subject, form, nomination.awardYear), await nominationSuspension(manager, nomination)]) {
      if (standing) failures.push(standing);
    }
    if (failures.length) refuse(form, nomination, failures);
    return act(scope, { nomination, form, decidedOn, reason, taskRating });
  });
}

/** The council grants a form the union decides itself, numbered in the granting unit's register. */
export function grantReward(ctx: RewardContext, nominationId: string, input: GrantInput): Promise<DecisionRow> {
  return councilOutcome(ctx, nominationId, input, 'GRANT', async (scope, approved) => {
    const grantingUnit = await requireUnit(scope.manager, approved.nomination.grantingUnitId);
    const { number, entered } = await takeDecisionNumber(scope.manager, grantingUnit, Number(approved.decidedOn.slice(0, 4)), input.number);
    return insertDecision(ctx, scope, approved, { number, entered, signerRole: input.signerRole.trim(), signerName: input.signerName?.trim().normalize('NFC') || null, grantingUnit, authority: null });
  });
}

/** The council approves a form another authority decides: its proposal (đề nghị) starts up the levels (proposals.ts). */
export function proposeApproved<T>(ctx: RewardContext, nominationId: string, input: GrantInput, start: (scope: TransactionScope, approved: ApprovedNomination) => Promise<T>): Promise<T> {
  return councilOutcome(ctx, nominationId, input, 'PROPOSE', start);
}

export interface DecisionFacts {
  number: string;
  entered: boolean;
  signerRole: string;
  signerName: string | null;
  /** The union unit whose register holds the decision: the granting council's, or the one that proposed it to the authority. */
  grantingUnit: UnitRef;
  /** Null when the union decided; else the authority whose decision was recorded. */
  authority: { code: DecidingAuthority; name: string } | null;
}

/** Writes the decision into the register, closes the nomination and tells the others (RewardGranted): paid and published alike whoever decided. */
export async function insertDecision(ctx: RewardContext, { manager, emit }: TransactionScope, approved: ApprovedNomination, facts: DecisionFacts): Promise<DecisionRow> {
  const { nomination, form, decidedOn, reason, taskRating } = approved;
  const adHoc = nomination.source === 'AD_HOC';
  const base = await baseSalaryInForce(manager, decidedOn);
  const multiplier = nomination.memberId ? form.individualMultiplier : form.collectiveMultiplier;
  const amountVnd = multiplier === null ? 0 : rewardAmount(multiplier, base);
  const { grantingUnit, number } = facts;
  const [subjectUnit] = await queryRows<{ name: string }>(manager, `SELECT name FROM unit_refs WHERE id = $1`, [nomination.unitId]);
  const unitName = subjectUnit?.name ?? '';
  const search = foldVietnamese([nomination.subjectName, unitName, form.name, form.code, reason, number, grantingUnit.name].join(' '));
  const [decision] = await queryRows<{ id: string }>(manager,
    `INSERT INTO reward_decisions (number, nomination_id, decided_on, award_year, achieved_on, signer_role, signed_by, granting_unit_id, granting_unit_path,
       granting_unit_name, form_code, form_name, form_version, ad_hoc, member_id, unit_id, unit_path, unit_name, subject_name, is_direct_production_worker,
       holds_leadership_post, occupation_code, province_code, campaign_id, multiplier, base_salary_vnd, amount_vnd, reason, search_folded, signer_name, number_entered,
       based_on_version, based_on_score, based_on_rank, deciding_authority, authority_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30,
       $31, $32, $33, $34, $35, $36)
     RETURNING id`,
    [number, nomination.id, decidedOn, nomination.awardYear, nomination.achievedOn, facts.signerRole, ctx.identity.subject, grantingUnit.id, grantingUnit.path,
      grantingUnit.name, form.code, form.name, form.version, adHoc, nomination.memberId, nomination.unitId, nomination.unitPath, unitName, nomination.subjectName,
      nomination.isDirectProductionWorker, nomination.holdsLeadershipPost, nomination.occupationCode, nomination.provinceCode, nomination.campaignId, multiplier,
      base.amountVnd, amountVnd, reason, search, facts.signerName, facts.entered,
      // the publication of results the council decided on, so a later one that changes the result can flag it
      nomination.publicationVersion, nomination.publicationVersion === null ? null : nomination.resultScore, nomination.publicationVersion === null ? null : nomination.resultRank,
      facts.authority?.code ?? 'UNION', facts.authority?.name ?? null],
  );
  await manager.query(`UPDATE nominations SET status = 'GRANTED', task_rating = $2, form_code = $3, closed_at = now() WHERE id = $1`, [nomination.id, taskRating, form.code]);
  await emit({
    type: 'RewardGranted',
    aggregateId: decision!.id,
    unitPath: nomination.unitPath,
    payload: {
      decisionId: decision!.id,
      decisionNumber: number,
      decidedOn,
      signerRole: facts.signerRole,
      formCode: form.code,
      formName: form.name,
      subject: subjectOfNomination(nomination),
      campaignId: nomination.campaignId,
      amountVnd,
      reason,
      adHoc,
      nominationId: nomination.id,
    },
  });
  return (await decisionById(manager, decision!.id))!;
}

/** A decision of the public register, or null (a malformed id finds nothing). */
export function decisionById(db: Queryable, id: string): Promise<DecisionRow | null> {
  return isUuid(id) ? rowById<DecisionRow>(db, DECISION_SELECT, id.toLowerCase()) : Promise.resolve(null);
}

export interface RegisterFilter {
  search?: string | null;
  formCode?: string | null;
  unitId?: string | null;
  from?: string | null;
  to?: string | null;
  adHoc?: boolean | null;
  campaignId?: string | null;
}

/** The public register: every decision, filtered and searched with or without diacritics, newest first. */
export async function register(ctx: RewardContext, filter: RegisterFilter, page: PageRequest): Promise<Connection<DecisionRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const words = foldVietnamese(filter.search ?? '').split(' ').filter(Boolean).slice(0, 8);
  if (words.some((word) => word.length > 100)) throw ValidationError.single('filter.search', 'mỗi từ tìm kiếm tối đa 100 ký tự');
  const unitPath = filter.unitId ? (await requireUnit(ctx.db.manager, parseId('filter.unitId', filter.unitId))).path : null;
  const rows = await queryRows<DecisionRow>(ctx.db,
    `${DECISION_SELECT}
      WHERE ($1::text[] IS NULL OR search_folded LIKE ALL ($1::text[]))
        AND ($2::text IS NULL OR form_code = $2) AND ($3::text IS NULL OR unit_path LIKE $3 || '%')
        AND ($4::date IS NULL OR decided_on >= $4) AND ($5::date IS NULL OR decided_on <= $5)
        AND ($6::boolean IS NULL OR ad_hoc = $6) AND ($7::uuid IS NULL OR campaign_id = $7)
        AND ($9::date IS NULL OR (decided_on, id) < ($9::date, $10::uuid))
      ORDER BY decided_on DESC, id DESC LIMIT $8`,
    [words.length ? words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : null, filter.formCode ?? null, unitPath, filter.from ?? null, filter.to ?? null,
      filter.adHoc ?? null, filter.campaignId ? parseId('filter.campaignId', filter.campaignId) : null, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.decidedOn, row.id]);
}

/** A page of decisions about one member, unit or campaign; the first page is batched through the loaders. */
export async function decisionsOf(ctx: RewardContext, owner: DecisionOwner, id: string, page: PageRequest): Promise<Connection<DecisionRow>> {
  const limit = pageSize(page.first);
  const cursor = (row: DecisionRow) => [row.decidedOn, row.id];
  if (!page.after) return toConnection(await ctx.loaders.decisionsPage(owner, limit).load(id), limit, cursor);
  const after = decodeCursor(page.after)!;
  const column = OWNER_COLUMN[owner];
  const rows = await queryRows<DecisionRow>(ctx.db,
    `${DECISION_SELECT} WHERE ${column} = $1 ${owner === 'unitId' ? 'AND member_id IS NULL' : ''}
        AND (decided_on, id) < ($2::date, $3::uuid) ORDER BY decided_on DESC, id DESC LIMIT $4`,
    [id, after[0], after[1], limit + 1],
  );
  return toConnection(rows, limit, cursor);
}

/** The member behind a decision is shown to the member and to officers over them; the public sees the name only. */
export function decisionMember(identity: Identity, decision: DecisionRow): { id: string } | null {
  if (!decision.memberId) return null;
  return identity.memberId === decision.memberId || isOfficerOver(identity, decision.unitPath) ? { id: decision.memberId } : null;
}

export async function nominationDecision(ctx: RewardContext, nomination: NominationRow): Promise<DecisionRow | null> {
  return nomination.status === 'GRANTED' ? ctx.loaders.decisionByNomination.load(nomination.id) : null;
}

