import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, INTERNAL_TOKEN_REUSE_SECONDS, parseRoles, signInternalToken, type Identity } from '@thidua/common';
import type { GatewayConfig } from '@thidua/common';

export class InvalidTokenError extends Error {}

/**
 * Verifies callers' JWTs: signature, algorithm (an explicit allow-list, so no `none` and no HMAC/RSA
 * confusion), expiry, issuer and audience. HS256 with a shared secret in development; a JWKS endpoint
 * (RS256/ES256) in production.
 */
export class IdentityVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly internalTokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly config: GatewayConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = new TextEncoder().encode(config.jwtSecret);
      this.algorithms = ['HS256'];
    }
  }

  /** No Authorization header: anonymous. A header with a bad token: an error, never a silent downgrade. */
  async identify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new InvalidTokenError('Authorization header must be "Bearer <token>"');
    try {
      const options = { algorithms: this.algorithms, issuer: this.config.jwtIssuer, audience: this.config.jwtAudience, requiredClaims: ['exp', 'sub'] };
      const { payload } =
        this.key instanceof Uint8Array ? await jwtVerify(match[1]!, this.key, options) : await jwtVerify(match[1]!, this.key, options);
      return {
        subject: String(payload.sub),
        roles: parseRoles(payload.roles),
        unitPath: typeof payload.unit_path === 'string' ? payload.unit_path : null,
        memberId: typeof payload.member_id === 'string' ? payload.member_id : null,
        name: typeof payload.name === 'string' ? payload.name : null,
      };
    } catch (error) {
      throw new InvalidTokenError(`Invalid token: ${(error as Error).message}`);
    }
  }

  /** The token forwarded to subgraphs; reused while fresh so a busy caller costs one signature a minute. */
  async internalToken(cacheKey: string, identity: Identity): Promise<string> {
    const now = Date.now();
    const cached = this.internalTokens.get(cacheKey);
    if (cached && cached.expiresAt > now) return cached.token;
    const token = await signInternalToken(identity, this.config.internalTokenSecret);
    if (this.internalTokens.size >= 10_000) this.internalTokens.clear();
    this.internalTokens.set(cacheKey, { token, expiresAt: now + INTERNAL_TOKEN_REUSE_SECONDS * 1000 });
    return token;
  }
}
