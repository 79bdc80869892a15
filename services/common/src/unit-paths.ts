import { ValidationError } from './errors';

/**
 * Materialised paths of union units (`/vn/bn/bn-kcn/`) are compared in one way everywhere: canonical (lower case,
 * one trailing slash), so that `/vn/bn` never covers its sibling `/vn/bnx/` and `/VN/BN/` is the same unit as
 * `/vn/bn/`. The root alone (`/`, or an empty string) names no unit, so it never grants nationwide scope: that
 * comes from the NATIONAL_ADMIN role only.
 */
const CANONICAL = /^\/([a-z0-9-]+\/)+$/;

export class InvalidUnitPathError extends Error {
  constructor(readonly raw: string) {
    super(`Đường dẫn đơn vị "${raw.slice(0, 80)}" không hợp lệ: dạng đúng là /vn/bn/bn-kcn/ (chữ thường, số, gạch nối, kết thúc bằng "/")`);
    this.name = 'InvalidUnitPathError';
  }
}

/** The canonical form of a path, null for no unit (null, '', '/'); throws InvalidUnitPathError for anything else malformed. */
export function canonicalUnitPath(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string') throw new InvalidUnitPathError(String(raw));
  if (raw === '' || raw === '/') return null;
  const path = raw.toLowerCase().endsWith('/') ? raw.toLowerCase() : `${raw.toLowerCase()}/`;
  if (path.length > 1000 || !CANONICAL.test(path)) throw new InvalidUnitPathError(raw);
  return path;
}

/**
 * The scope of national admins in `officerScope` and the like: the whole tree. Only those functions return it, from
 * the role; no identity's unit path is ever `/` (see `canonicalUnitPath`).
 */
export const NATIONAL_SCOPE = '/';

/**
 * True when the unit at `path` is the scope's unit itself or lies below it (any unit for NATIONAL_SCOPE); false
 * when either is not a unit's path.
 */
export function isWithinSubtree(path: string, scope: string | null): boolean {
  if (scope === null) return false;
  if (scope === NATIONAL_SCOPE) return true;
  try {
    const unit = canonicalUnitPath(path);
    const root = canonicalUnitPath(scope);
    return unit !== null && root !== null && unit.startsWith(root);
  } catch {
    return false;
  }
}

/** A unit path from a client's input: canonical, or a BAD_USER_INPUT naming the field. */
export function unitPathInput(field: string, raw: string | null | undefined): string | null {
  try {
    return canonicalUnitPath(raw);
  } catch (error) {
    if (error instanceof InvalidUnitPathError) throw ValidationError.single(field, error.message);
    throw error;
  }
}
