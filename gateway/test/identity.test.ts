import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { loadGatewayConfig } from '@thidua/common';
import { IdentityVerifier, malformedClaim } from '../src/identity';
import { TEST_TOKEN_ISSUER, issueTestToken, testTokenIssuer } from '../../test/support/tokens';

const officer = { sub: 'officer-bg', name: 'Trần Văn Bình', roles: ['UNIT_OFFICER' as const], unitPath: '/vn/bg/' };
const config = loadGatewayConfig({});
let verifier: IdentityVerifier;

beforeAll(async () => {
  verifier = new IdentityVerifier({ ...config, testTokenIssuer: await testTokenIssuer() });
});

/** A token as a hostile caller would make it: our claims, any key, any header. */
async function forged(claims: Record<string, unknown>, options: { issuer?: string; audience?: string; ttl?: string } = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ roles: ['NATIONAL_ADMIN'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'thidua-test-key' })
    .setSubject('intruder')
    .setIssuer(options.issuer ?? TEST_TOKEN_ISSUER)
    .setAudience(options.audience ?? config.oidcAudience)
    .setExpirationTime(options.ttl ?? '1h')
    .sign(privateKey);
}

describe('caller tokens at the gateway', () => {
  it('accepts a valid RS256 token of a trusted issuer and reads the identity from it', async () => {
    const identity = await verifier.identify(`Bearer ${await issueTestToken(officer)}`);
    expect(identity).toEqual({ subject: 'officer-bg', roles: ['UNIT_OFFICER'], unitPath: '/vn/bg/', memberId: null, name: 'Trần Văn Bình' });
  });

  it('treats a request without a token as anonymous', async () => {
    expect((await verifier.identify(undefined)).roles).toEqual([]);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['NATIONAL_ADMIN'] }).setSubject('x').setIssuer(TEST_TOKEN_ISSUER).setAudience(config.oidcAudience).setExpirationTime('1h').encode();
    await expect(verifier.identify(`Bearer ${unsigned}`)).rejects.toThrow('Mã truy cập dùng thuật toán ký không được chấp nhận');
  });

  it('refuses an HS256 token keyed with the public key (no algorithm confusion) and one signed by another key', async () => {
    const { jwks } = await testTokenIssuer();
    const hmac = await new SignJWT({ roles: ['NATIONAL_ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(TEST_TOKEN_ISSUER)
      .setAudience(config.oidcAudience)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    await expect(verifier.identify(`Bearer ${hmac}`)).rejects.toThrow('thuật toán ký không được chấp nhận');
    await expect(verifier.identify(`Bearer ${await forged({})}`)).rejects.toThrow('Mã truy cập chữ ký không đúng');
  });

  it('takes a verified token on trust only until it expires', async () => {
    const token = await issueTestToken(officer, '2s');
    expect((await verifier.identify(`Bearer ${token}`)).subject).toBe('officer-bg');
    expect((await verifier.identify(`Bearer ${token}`)).subject).toBe('officer-bg');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await expect(verifier.identify(`Bearer ${token}`)).rejects.toThrow('đã hết hạn');
  });

  it('refuses expired tokens, tokens of an issuer it does not trust and tokens for another audience', async () => {
    await expect(verifier.identify(`Bearer ${await issueTestToken(officer, '-1m')}`)).rejects.toThrow('đã hết hạn');
    await expect(verifier.identify(`Bearer ${await forged({}, { issuer: 'http://127.0.0.1:8080/realms/khac' })}`)).rejects.toThrow('do một nơi cấp khác phát hành');
    const { jwks } = await testTokenIssuer();
    const otherAudience = new IdentityVerifier({ ...config, oidcAudience: 'ung-dung-khac', testTokenIssuer: { issuer: TEST_TOKEN_ISSUER, jwks } });
    await expect(otherAudience.identify(`Bearer ${await issueTestToken(officer)}`)).rejects.toThrow('sai audience');
  });

  it('refuses a malformed Authorization header and a token that is not a JWT', async () => {
    await expect(verifier.identify('Basic dXNlcjpwYXNz')).rejects.toThrow(/Bearer/);
    await expect(verifier.identify('Bearer not-a-jwt')).rejects.toThrow('không đúng định dạng JWT');
    await expect(verifier.identify(`Bearer ${'x'.repeat(2_000_000)}`)).rejects.toThrow('không đúng định dạng JWT');
  });

  it('reads unit_path the kit’s one way (canonical, the root names no unit) and refuses the token when it cannot', async () => {
    for (const [unitPath, read] of [['/VN/BG', '/vn/bg/'], ['/vn/bg/', '/vn/bg/'], ['/', null], ['', null]] as const) {
      expect((await verifier.identify(`Bearer ${await issueTestToken({ ...officer, unitPath })}`)).unitPath).toBe(read);
    }
  });

  it('refuses a validly signed token whose unit_path, member_id or roles claim is malformed', async () => {
    for (const unitPath of ['vn/bn/', '/vn//bn/', '/vn/../', '/vn/b n/', '/vn/bn_/', '/vn/bn/\u0000/', `/${'a'.repeat(1200)}/`, 42, ['/vn/'], { path: '/vn/' }]) {
      const token = await issueTestToken({ ...officer, unitPath: unitPath as string });
      await expect(verifier.identify(`Bearer ${token}`)).rejects.toThrow('unit_path');
    }
    await expect(verifier.identify(`Bearer ${await issueTestToken({ ...officer, memberId: 'khong-phai-uuid' })}`)).rejects.toThrow('member_id');
    expect(malformedClaim({ sub: 'x', roles: 'NATIONAL_ADMIN' })).toMatch('roles');
    expect(malformedClaim({ sub: 'x', roles: [1] })).toMatch('roles');
    expect(malformedClaim({ roles: [] })).toMatch('sub');
    expect(malformedClaim({ sub: 'x', unit_path: '/vn/bn/bn-kcn/', member_id: '0b7e4c2e-1f0a-4c1e-9b1a-2f3d4e5f6a7b', roles: ['MEMBER', 'default-roles-thidua'] })).toBeNull();
    expect(malformedClaim({ sub: 'x', unit_path: null, member_id: null })).toBeNull();
  });

  it('refuses to trust a test issuer in production', async () => {
    expect(() => new IdentityVerifier({ ...config, isProduction: true, testTokenIssuer: { issuer: TEST_TOKEN_ISSUER, jwks: { keys: [] } } })).toThrow('production refuses it');
  });

  it('answers UNAVAILABLE, not "bad token", while the provider’s keys cannot be fetched', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const unreachable = new IdentityVerifier({ ...config, oidcIssuer: 'http://127.0.0.1:9/realms/thidua', oidcJwksUrl: undefined });
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setSubject('x').setIssuer('http://127.0.0.1:9/realms/thidua').setAudience(config.oidcAudience).setExpirationTime('1h').sign(privateKey);
    await expect(unreachable.identify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAVAILABLE', retryable: true } });
  });
});
