import { SignJWT } from 'jose';
import type { GatewayConfig, Role } from '@thidua/common';

export interface DevUser {
  sub: string;
  name: string;
  roles: Role[];
  unitPath: string | null;
  memberId?: string | null;
}

/**
 * Signs a caller token with the development HS256 secret, for demo users and tests. Production tokens come
 * from the union's identity provider and are checked against its JWKS.
 */
export async function issueDevToken(user: DevUser, config: Pick<GatewayConfig, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience'>, ttl = '30d'): Promise<string> {
  return new SignJWT({ roles: user.roles, unit_path: user.unitPath, member_id: user.memberId ?? null, name: user.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(config.jwtSecret));
}
