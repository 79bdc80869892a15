import { ForbiddenError, hasRole, isWithinScope, parseId, queryRows, requireAuthenticated, ValidationError } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { employerCouncilProblem } from '../domain/authority';
import { formFitProblems } from '../domain/forms';
import { FORM_SELECT, type RewardFormRow, type Subject, type UnitRef } from '../entities';
import { loadForm } from './catalogue';
import type { RewardContext } from './context';
import { requireSubject, subjectEmployer } from './subjects';

/**
 * The councils that can grant a form to a subject: the subject's own unit and the units above it whose level grants
 * the form, nearest first. Where a proposal goes when its proposer names no council, or one that cannot grant it.
 */
export async function councilsThatGrant(manager: EntityManager, subject: Pick<Subject, 'memberId' | 'unitId' | 'unitPath' | 'name'>, form: RewardFormRow): Promise<UnitRef[]> {
  const candidates = await queryRows<UnitRef>(manager,
    `SELECT id, name, path, level FROM unit_refs WHERE $1 LIKE path || '%' AND level = ANY($2::text[]) ORDER BY length(path) DESC`,
    [subject.unitPath, [...form.grantingLevels]],
  );
  const employer = await subjectEmployer(manager, subject);
  return candidates.filter((unit) => formFitProblems(form, subject.memberId === null, unit.level, false, 'formCode').length === 0
    && employerCouncilProblem(form, subject.name, employer, unit) === null);
}

/** Why this council cannot take a form the subject's employer decides (its grassroots union proposes it, or the union's agency decides it), or null. */
export async function employerCouncilRefusal(manager: EntityManager, form: RewardFormRow, subject: Pick<Subject, 'unitId' | 'memberId' | 'name'>, council: UnitRef): Promise<string | null> {
  if (form.decidingAuthority !== 'EMPLOYER') return null;
  return employerCouncilProblem(form, subject.name, await subjectEmployer(manager, subject), council);
}

/** For whoever proposes the subject (an editor from a story, an officer): the councils to choose among. */
export async function grantingCouncils(ctx: RewardContext, formCode: string, ref: { memberId?: string | null; unitId?: string | null }): Promise<UnitRef[]> {
  requireAuthenticated(ctx.identity);
  if (!hasRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER', 'EDITOR')) throw new ForbiddenError('Chỉ biên tập viên và cán bộ công đoàn đề xuất khen thưởng');
  if (!ref.memberId === !ref.unitId) throw ValidationError.single('memberId', 'Chọn một đoàn viên hoặc một tập thể');
  const subject = await requireSubject(ctx.db.manager, {
    memberId: ref.memberId ? parseId('memberId', ref.memberId) : null,
    unitId: ref.unitId ? parseId('unitId', ref.unitId) : null,
  });
  // the unit a member belongs to is not the caller's to learn outside their scope
  if (!isWithinScope(ctx.identity, subject.unitPath)) throw new ForbiddenError(`Chỉ đề xuất được ${subject.memberId ? 'đoàn viên' : 'tập thể'} thuộc phạm vi của bạn`, { field: ref.memberId ? 'memberId' : 'unitId' });
  return councilsThatGrant(ctx.db.manager, subject, await loadForm(ctx.db.manager, formCode));
}

/**
 * Where a proposal from media goes: the council it names when that council can grant the proposed form, else the
 * nearest that can. Without a form (events written before proposals named one) or when no council can grant it, the
 * subject's own unit, with no form proposed, as before.
 */
export async function routeProposal(manager: EntityManager, subject: Subject, formCode: string | null, chosenUnitId: string | null): Promise<{ grantingUnit: UnitRef | null; formCode: string | null }> {
  const [form] = formCode ? await queryRows<RewardFormRow>(manager, `${FORM_SELECT} WHERE code = $1`, [formCode]) : [];
  const councils = form ? await councilsThatGrant(manager, subject, form) : [];
  if (!form || councils.length === 0) return { grantingUnit: null, formCode: null };
  return { grantingUnit: councils.find((unit) => unit.id === chosenUnitId) ?? councils[0]!, formCode: form.code };
}
