import { ConflictError, ForbiddenError, ValidationError, hasRole, isOfficerOver, parseId, queryRows, requireAuthenticated, type Queryable } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_ISSUER_CODES, decisionNumber, issuerCodeProblems, parseEnteredNumber } from '../domain/decisions';
import type { UnitRef } from '../entities';
import type { RewardContext } from './context';
import { requireUnit } from './subjects';

export interface IssuerCode {
  unitId: string;
  code: string;
  /** False when the unit set none and its level's customary abbreviation is written. */
  explicit: boolean;
}

/** The code a unit's decision numbers carry (`QĐ-<code>`): the one set for it, else its level's abbreviation. */
export async function issuerCodeOf(db: Queryable, unit: UnitRef): Promise<IssuerCode> {
  const [row] = await queryRows<{ code: string }>(db, `SELECT code FROM decision_issuer_codes WHERE unit_id = $1`, [unit.id]);
  return row ? { unitId: unit.id, code: row.code, explicit: true } : { unitId: unit.id, code: DEFAULT_ISSUER_CODES[unit.level] ?? 'CĐ', explicit: false };
}

export async function decisionIssuerCode(ctx: RewardContext, unitId: string): Promise<IssuerCode> {
  return issuerCodeOf(ctx.db, await requireUnit(ctx.db.manager, parseId('unitId', unitId)));
}

/** Officers over a unit (and national admins) set the code its decisions are numbered with; later numbers carry it. */
export async function setDecisionIssuerCode(ctx: RewardContext, unitId: string, code: string): Promise<IssuerCode> {
  requireAuthenticated(ctx.identity);
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', unitId));
  if (!hasRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER') || !isOfficerOver(ctx.identity, unit.path)) {
    throw new ForbiddenError(`Chỉ cán bộ công đoàn của ${unit.name} hoặc cấp trên đặt ký hiệu quyết định của đơn vị`, { unitPath: unit.path });
  }
  const problems = issuerCodeProblems(code);
  if (problems.length) throw new ValidationError(problems);
  await ctx.db.query(
    `INSERT INTO decision_issuer_codes (unit_id, code, set_by) VALUES ($1, $2, $3)
     ON CONFLICT (unit_id) DO UPDATE SET code = EXCLUDED.code, set_by = EXCLUDED.set_by, set_at = now()`,
    [unit.id, code.trim().normalize('NFC'), ctx.identity.subject],
  );
  return issuerCodeOf(ctx.db, unit);
}

/**
 * The next number of the issuer's register for a year, or the number entered from the paper register (checked against
 * the issuer's code and unused that year). An entered number moves the sequence past it, so later numbers the platform
 * gives never repeat it. Decisions and the decisions revoking them share the register.
 */
export async function takeDecisionNumber(manager: EntityManager, issuer: UnitRef, year: number, entered: string | null | undefined, field = 'number'): Promise<{ number: string; entered: boolean }> {
  const { code } = await issuerCodeOf(manager, issuer);
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`decision-numbers:${issuer.id}:${year}`]);
  if (!entered?.trim()) {
    const [row] = await queryRows<{ lastNumber: number }>(manager,
      `INSERT INTO decision_sequences (granting_unit_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (granting_unit_id, year) DO UPDATE SET last_number = decision_sequences.last_number + 1 RETURNING last_number AS "lastNumber"`,
      [issuer.id, year],
    );
    return { number: decisionNumber(row!.lastNumber, code), entered: false };
  }
  const parsed = parseEnteredNumber(entered, code, field);
  if ('problem' in parsed) throw new ValidationError([parsed.problem]);
  const number = decisionNumber(parsed.sequence, code);
  const [taken] = await queryRows<{ n: number }>(manager,
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM reward_decisions WHERE granting_unit_id = $1 AND extract(year FROM decided_on) = $2 AND number = $3 AND deciding_authority = 'UNION'
       UNION ALL SELECT 1 FROM decision_revocations WHERE granting_unit_id = $1 AND extract(year FROM revoked_on) = $2 AND number = $3 AND NOT by_authority) used`,
    [issuer.id, year, number],
  );
  if (taken!.n > 0) throw new ConflictError(`Số ${number} năm ${year} đã có trong sổ quyết định của ${issuer.name}; kiểm tra lại sổ giấy`, { field });
  await manager.query(
    `INSERT INTO decision_sequences (granting_unit_id, year, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (granting_unit_id, year) DO UPDATE SET last_number = GREATEST(decision_sequences.last_number, EXCLUDED.last_number)`,
    [issuer.id, year, parsed.sequence],
  );
  return { number, entered: true };
}
