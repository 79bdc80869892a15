import { SignJWT, jwtVerify, type CryptoKey } from 'jose';
import type { ServiceName } from './config';
import { ForbiddenError, UnauthenticatedError } from './errors';
import { INTERNAL_TOKEN_ALGORITHM } from './internal-keys';
import { NATIONAL_SCOPE, canonicalUnitPath, isWithinSubtree } from './unit-paths';
import { ROLE_NAMES } from './names';

/** Roles of the platform (see domain.md, "Who uses the platform"). */
export const ROLES = [
  'NATIONAL_ADMIN', // Tổng Liên đoàn: everything, everywhere
  'UNIT_OFFICER', // cán bộ công đoàn: their unit's subtree
  'REVIEWER',
  'COUNCIL_MEMBER', // Hội đồng thi đua khen thưởng
  'EDITOR',
  'MEMBER', // đoàn viên
  'EMPLOYER',
  'NEWS_CHANNEL',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as verified by the gateway. Anonymous callers have no roles and no unit. */
export interface Identity {
  subject: string;
  roles: Role[];
  /** Canonical materialised path of the caller's union unit, e.g. `/vn/hn/`; their scope for UNIT_OFFICER. Never `/`. */
  unitPath: string | null;
  memberId: string | null;
  name: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({
  subject: 'anonymous',
  roles: [],
  unitPath: null,
  memberId: null,
  name: null,
}) as Identity;

export function isAnonymous(identity: Identity): boolean {
  return identity.roles.length === 0;
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

export function requireAuthenticated(identity: Identity): void {
  if (isAnonymous(identity)) throw new UnauthenticatedError('Hãy đăng nhập: việc này cần tài khoản của bạn');
}

export function requireRole(identity: Identity, ...roles: Role[]): void {
  requireAuthenticated(identity);
  if (!hasRole(identity, ...roles)) {
    throw new ForbiddenError(`Việc này dành cho ${roles.map((role) => ROLE_NAMES[role] ?? role).join(', ')}`, { roles });
  }
}

/** True when the unit at `unitPath` lies inside the caller's subtree (national admins see everything). */
export function isWithinScope(identity: Identity, unitPath: string): boolean {
  if (hasRole(identity, 'NATIONAL_ADMIN')) return true;
  return isWithinSubtree(unitPath, identity.unitPath);
}

/** The subtree an officer acts over (NATIONAL_SCOPE for national admins), or null for callers who are not officers. */
export function officerScope(identity: Identity): string | null {
  if (hasRole(identity, 'NATIONAL_ADMIN')) return NATIONAL_SCOPE;
  return hasRole(identity, 'UNIT_OFFICER') ? identity.unitPath : null;
}

/** Officers (and national admins) act on what lies in their subtree. */
export function isOfficerOver(identity: Identity, unitPath: string): boolean {
  return isWithinSubtree(unitPath, officerScope(identity));
}

export function requireWithinScope(identity: Identity, unitPath: string): void {
  requireAuthenticated(identity);
  if (!isWithinScope(identity, unitPath)) {
    throw new ForbiddenError('Đơn vị này không thuộc phạm vi bạn quản lý', { unitPath });
  }
}

// ---- gateway → subgraph identity token -------------------------------------------------------------------------
// The gateway forwards the verified identity as a short-lived token signed with its private key (EdDSA), one per
// subgraph: each subgraph verifies it with the gateway's public key and accepts only tokens addressed to itself, so a
// subgraph port reached directly leaks nothing and no subgraph can speak to another in the gateway's name.

export const INTERNAL_TOKEN_HEADER = 'x-thidua-internal-token';
export const CORRELATION_ID_HEADER = 'x-correlation-id';
const INTERNAL_ISSUER = 'thidua-gateway';
const INTERNAL_TOKEN_TTL_SECONDS = 120;

/** The audience of internal tokens for one subgraph: a token for media is refused by campaign. */
export function internalAudience(service: ServiceName): string {
  return `thidua-${service}`;
}

/**
 * Claims of caller tokens and internal tokens alike: `sub`, `roles`, `unit_path`, `member_id`, `name`. The unit path
 * is canonicalised (see unit-paths.ts); a malformed one throws, so the token is refused as a whole.
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  return {
    subject: String(claims.sub),
    roles: parseRoles(claims.roles),
    unitPath: canonicalUnitPath(claims.unit_path),
    memberId: typeof claims.member_id === 'string' ? claims.member_id : null,
    name: typeof claims.name === 'string' ? claims.name : null,
  };
}

export async function signInternalToken(identity: Identity, privateKey: CryptoKey, service: ServiceName): Promise<string> {
  return new SignJWT({ roles: identity.roles, unit_path: identity.unitPath, member_id: identity.memberId, name: identity.name })
    .setProtectedHeader({ alg: INTERNAL_TOKEN_ALGORITHM })
    .setSubject(identity.subject)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(internalAudience(service))
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
    .sign(privateKey);
}

export const INTERNAL_TOKEN_REUSE_SECONDS = INTERNAL_TOKEN_TTL_SECONDS / 2;

export async function verifyInternalToken(token: string | undefined, publicKey: CryptoKey, service: ServiceName): Promise<Identity> {
  if (!token) throw new UnauthenticatedError('Subgraphs answer only requests forwarded by the gateway');
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [INTERNAL_TOKEN_ALGORITHM],
      issuer: INTERNAL_ISSUER,
      audience: internalAudience(service),
    });
    return identityFromClaims(payload);
  } catch {
    throw new UnauthenticatedError('The gateway token is invalid or expired');
  }
}

export function parseRoles(raw: unknown): Role[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((role): role is Role => typeof role === 'string' && (ROLES as readonly string[]).includes(role));
}
