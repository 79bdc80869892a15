import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, identityFromClaims, type Identity } from '@thidua/common';
import type { GatewayConfig } from '@thidua/common';

export class InvalidTokenError extends Error {}

/**
 * Verifies callers' JWTs: signature, algorithm (an explicit allow-list, so no `none` and no HMAC/RSA
 * confusion), expiry, issuer and audience. HS256 with a shared secret in development; a JWKS endpoint
 * (RS256/ES256) in production.
 */
export class IdentityVerifier {
  private readonly verify: (token: string) => Promise<JWTPayload>;

  constructor(config: GatewayConfig) {
    const checks = { issuer: config.jwtIssuer, audience: config.jwtAudience, requiredClaims: ['exp', 'sub'] };
    if (config.jwksUrl) {
      const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl));
      this.verify = async (token) => (await jwtVerify(token, keys, { ...checks, algorithms: ['RS256', 'ES256'] })).payload;
    } else {
      const secret = new TextEncoder().encode(config.jwtSecret);
      this.verify = async (token) => (await jwtVerify(token, secret, { ...checks, algorithms: ['HS256'] })).payload;
    }
  }

  /** No Authorization header: anonymous. A header with a bad token: an error, never a silent downgrade. */
  async identify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new InvalidTokenError('Authorization header must be "Bearer <token>"');
    try {
      return identityFromClaims(await this.verify(match[1]!));
    } catch (error) {
      throw new InvalidTokenError(`Invalid token: ${(error as Error).message}`);
    }
  }
}
