/**
 * Caller tokens for tests that are not about signing in: RS256, signed with a key pair made for this process, whose
 * public key set the test gateway trusts through `testTokenIssuer` (refused outside NODE_ENV=test). So every test's
 * token goes through the same JWKS verification as the provider's, and no signing secret exists in production code.
 * Benchmarks, whose load generator and gateway are separate processes, share the key through TEST_TOKEN_KEY_FILE.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { loadGatewayConfig, type Role, type TestTokenIssuer } from '@thidua/common';

export const TEST_TOKEN_ISSUER = 'urn:thidua:test-token-issuer';
const KEY_ID = 'thidua-test-key';

export interface TestUser {
  sub: string;
  name: string;
  roles: Role[];
  unitPath: string | null;
  memberId?: string | null;
}

let keys: Promise<{ privateKey: CryptoKey; publicJwk: JWK }> | undefined;

async function makeKeys(): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  const file = process.env.TEST_TOKEN_KEY_FILE;
  if (file && existsSync(file)) {
    const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    return { privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey, publicJwk };
  }
  const pair = await generateKeyPair('RS256', { extractable: true });
  if (file) writeFileSync(file, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
  return { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
}

const testKeys = () => (keys ??= makeKeys());

/** What the test gateway is given to trust (see GatewayConfig.testTokenIssuer). */
export async function testTokenIssuer(): Promise<TestTokenIssuer> {
  const { publicJwk } = await testKeys();
  return { issuer: TEST_TOKEN_ISSUER, jwks: { keys: [{ ...publicJwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] } };
}

/** A caller token with the claims our provider's access tokens carry. */
export async function issueTestToken(user: TestUser, ttl = '1h'): Promise<string> {
  const { privateKey } = await testKeys();
  return new SignJWT({ roles: user.roles, unit_path: user.unitPath, member_id: user.memberId ?? null, name: user.name })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })
    .setSubject(user.sub)
    .setIssuer(TEST_TOKEN_ISSUER)
    .setAudience(loadGatewayConfig().oidcAudience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(privateKey);
}
