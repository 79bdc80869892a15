import { NotFoundError, queryRows, type HonourSubjectV1 } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { employerOf, type EmployingUnit, type SubjectEmployer } from '../domain/authority';
import type { Subject, UnitRef } from '../entities';

export async function findSubject(manager: EntityManager, ref: { memberId: string | null; unitId: string | null }): Promise<Subject | null> {
  const [row] = await queryRows<Subject>(manager,
    ref.memberId
      ? `SELECT m.id AS "memberId", m.unit_id AS "unitId", m.unit_path AS "unitPath", m.full_name AS name, coalesce(u.name, '') AS "unitName",
                m.is_direct_production_worker AS "isDirectProductionWorker", m.holds_leadership_post AS "holdsLeadershipPost",
                m.occupation_code AS "occupationCode", u.province_code AS "provinceCode"
           FROM member_refs m LEFT JOIN unit_refs u ON u.id = m.unit_id WHERE m.id = $1`
      : `SELECT NULL::uuid AS "memberId", u.id AS "unitId", u.path AS "unitPath", u.name, u.name AS "unitName", NULL::boolean AS "isDirectProductionWorker",
                NULL::boolean AS "holdsLeadershipPost", NULL::text AS "occupationCode", u.province_code AS "provinceCode"
           FROM unit_refs u WHERE u.id = $1`,
    [ref.memberId ?? ref.unitId],
  );
  return row ?? null;
}

export async function requireSubject(manager: EntityManager, ref: { memberId: string | null; unitId: string | null }): Promise<Subject> {
  const subject = await findSubject(manager, ref);
  if (!subject) throw new NotFoundError(ref.memberId ? 'Member' : 'Union unit', (ref.memberId ?? ref.unitId)!);
  return subject;
}

export async function findUnit(manager: EntityManager, by: { id: string } | { path: string }): Promise<UnitRef | null> {
  const [row] = await queryRows<UnitRef>(manager,
    `SELECT id, name, path, level FROM unit_refs WHERE ${'id' in by ? 'id = $1' : 'path = $1'}`,
    ['id' in by ? by.id : by.path],
  );
  return row ?? null;
}

export async function requireUnit(manager: EntityManager, id: string): Promise<UnitRef> {
  const unit = await findUnit(manager, { id });
  if (!unit) throw new NotFoundError('Union unit', id);
  return unit;
}

/** Who employs the subject of unit `unitId` (a member's grassroots union, or the collective): from its organisation type and the unit above it. */
export async function subjectEmployer(manager: EntityManager, subject: { unitId: string; memberId: string | null }): Promise<SubjectEmployer> {
  const { unitId } = subject;
  const select = `SELECT id, name, level, organisation_type AS "organisationType", path FROM unit_refs`;
  const [unit] = await queryRows<EmployingUnit & { path: string }>(manager, `${select} WHERE id = $1`, [unitId]);
  if (!unit) throw new NotFoundError('Union unit', unitId);
  const [parent] = await queryRows<EmployingUnit>(manager, `${select} WHERE $1 LIKE path || '%' AND path <> $1 ORDER BY length(path) DESC LIMIT 1`, [unit.path]);
  return employerOf(unit, parent ?? null, subject.memberId === null);
}

/** The HonourSubjectV1 part of a subject, as events carry it. */
export function honourOf(subject: Subject): HonourSubjectV1 {
  const { memberId, unitId, unitPath, name, isDirectProductionWorker, occupationCode, provinceCode } = subject;
  return { memberId, unitId, unitPath, name, isDirectProductionWorker, occupationCode, provinceCode };
}

/** The days a member joined and left the union, as reward's read model knows them (MemberUpserted). */
export async function membershipOf(manager: EntityManager, memberId: string): Promise<{ joinedOn: string | null; leftOn: string | null }> {
  const [row] = await queryRows<{ joinedOn: string | null; leftOn: string | null }>(manager,
    `SELECT joined_union_on::text AS "joinedOn", left_union_on::text AS "leftOn" FROM member_refs WHERE id = $1`, [memberId]);
  return row ?? { joinedOn: null, leftOn: null };
}
