import { GraphQLError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, InvalidUnitPathError, canonicalUnitPath, identityFromClaims, type Identity } from '@thidua/common';
import type { GatewayConfig } from '@thidua/common';
import { LRUCache } from 'lru-cache';

export class InvalidTokenError extends Error {}

/** Asymmetric signatures only: a key set holds public keys, so no HMAC (and no `none`) can ever verify. */
const ALGORITHMS = ['RS256', 'ES256'];
/** How long a verified token is taken on trust without checking its signature again (never past its expiry). */
const VERIFIED_TOKEN_MS = 5 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What is wrong with the claims the platform decides on, or null. A unit path is read the one way the kit reads it
 * (canonicalUnitPath: `/VN/BN` is `/vn/bn/`, the root names no unit); what it cannot read refuses the whole token.
 */
export function malformedClaim(claims: JWTPayload): string | null {
  if (typeof claims.sub !== 'string' || claims.sub === '') return 'thiếu mã người dùng (sub)';
  try {
    canonicalUnitPath(claims.unit_path);
  } catch (error) {
    if (error instanceof InvalidUnitPathError) return 'đơn vị (unit_path) không đúng dạng /vn/bn/…/';
    throw error;
  }
  const memberId = claims.member_id;
  if (memberId !== undefined && memberId !== null && (typeof memberId !== 'string' || !UUID.test(memberId))) return 'mã đoàn viên (member_id) không phải một UUID';
  if (claims.roles !== undefined && (!Array.isArray(claims.roles) || claims.roles.some((role) => typeof role !== 'string'))) return 'vai trò (roles) phải là một danh sách';
  return null;
}

/** Why jose refused a token, in words for the person whose portal session it is. */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'đã hết hạn; hãy đăng nhập lại';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'không cấp cho Thi Đua (sai audience)';
    if (error.claim === 'iss') return 'do một nơi cấp khác phát hành';
    return `thông tin ${error.claim} không hợp lệ`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'dùng thuật toán ký không được chấp nhận';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'chữ ký không đúng';
  return 'không đúng định dạng JWT';
}

function providerUnavailable(issuer: string): GraphQLError {
  return new GraphQLError(`Không kiểm tra được phiên đăng nhập: máy chủ đăng nhập ${issuer} không trả lời; hãy thử lại sau ít phút`, {
    extensions: { code: 'UNAVAILABLE', retryable: true, http: { status: 503 } },
  });
}

/** The provider's key set, found through its discovery document the first time a token arrives (retried on failure). */
function remoteKeySet(issuer: string, jwksUrl: string | undefined): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl));
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (document.issuer !== issuer || !document.jwks_uri) throw new Error(`discovery names issuer ${document.issuer ?? 'none'}`);
    return createRemoteJWKSet(new URL(document.jwks_uri));
  };
  return async (header, token) => {
    keys ??= discover().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return (await keys)(header, token);
  };
}

/**
 * Verifies callers' access tokens against the key sets of the issuers the gateway trusts: the OpenID provider's JWKS
 * (RS256/ES256), in every mode. Tests add a key set of their own through `testTokenIssuer`, which only a process
 * running with NODE_ENV=test accepts. Issuer, audience, expiry and the claims the platform decides on are checked.
 */
export class IdentityVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  /**
   * Tokens already verified, until their expiry (at most five minutes): a signed token never changes, and checking
   * its signature again was the largest cost left of an answer from the per-scope cache (jose, 7% of the gateway).
   */
  private readonly verified = new LRUCache<string, Identity>({ max: 20_000 });

  constructor(private readonly config: GatewayConfig) {
    this.keySets.set(config.oidcIssuer, remoteKeySet(config.oidcIssuer, config.oidcJwksUrl));
    if (config.testTokenIssuer) {
      if (config.isProduction || process.env.NODE_ENV !== 'test') {
        throw new Error('A test token issuer is configured: only tests (NODE_ENV=test) may trust one; production refuses it');
      }
      this.keySets.set(config.testTokenIssuer.issuer, createLocalJWKSet(config.testTokenIssuer.jwks as Parameters<typeof createLocalJWKSet>[0]));
    }
  }

  private async verify(token: string): Promise<JWTPayload> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('Mã truy cập không đúng định dạng JWT');
    }
    const keys = issuer ? this.keySets.get(issuer) : undefined;
    if (!issuer || !keys) throw new InvalidTokenError('Mã truy cập do một nơi cấp khác phát hành; hãy đăng nhập qua cổng Thi Đua');
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience: this.config.oidcAudience, algorithms: ALGORITHMS, requiredClaims: ['exp', 'sub'] });
      return payload;
    } catch (error) {
      // a key set that could not be fetched is no verdict on the token
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw providerUnavailable(issuer);
      throw new InvalidTokenError(`Mã truy cập ${reason(error)}`);
    }
  }

  /** No Authorization header: anonymous. A header with a bad token: an error, never a silent downgrade. */
  async identify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new InvalidTokenError('Tiêu đề Authorization phải có dạng "Bearer <mã truy cập>"');
    const token = match[1]!;
    const known = this.verified.get(token);
    if (known) return known;
    const claims = await this.verify(token);
    const malformed = malformedClaim(claims);
    if (malformed) throw new InvalidTokenError(`Mã truy cập bị từ chối: ${malformed}`);
    const identity = identityFromClaims(claims);
    const ttl = Math.min(Number(claims.exp) * 1000 - Date.now(), VERIFIED_TOKEN_MS);
    if (ttl > 0) this.verified.set(token, identity, { ttl });
    return identity;
  }
}
