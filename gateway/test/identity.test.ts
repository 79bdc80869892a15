import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { loadGatewayConfig } from '@thidua/common';
import { IdentityVerifier } from '../src/identity';
import { issueDevToken } from '../src/dev-tokens';

const config = loadGatewayConfig({});
const verifier = new IdentityVerifier(config);
const officer = { sub: 'officer-bg', name: 'Trần Văn Bình', roles: ['UNIT_OFFICER' as const], unitPath: '/vn/bg/' };

describe('caller tokens at the gateway', () => {
  it('accepts a valid token and reads the identity from it', async () => {
    const identity = await verifier.identify(`Bearer ${await issueDevToken(officer, config)}`);
    expect(identity).toEqual({ subject: 'officer-bg', roles: ['UNIT_OFFICER'], unitPath: '/vn/bg/', memberId: null, name: 'Trần Văn Bình' });
  });

  it('treats a request without a token as anonymous', async () => {
    expect((await verifier.identify(undefined)).roles).toEqual([]);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['NATIONAL_ADMIN'] }).setSubject('x').setIssuer(config.jwtIssuer).setAudience(config.jwtAudience).setExpirationTime('1h').encode();
    await expect(verifier.identify(`Bearer ${unsigned}`)).rejects.toThrow(/Invalid token/);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await issueDevToken(officer, { ...config, jwtSecret: 'another-secret-of-sufficient-length-123456' });
    await expect(verifier.identify(`Bearer ${forged}`)).rejects.toThrow(/signature/);
  });

  it('refuses an RS256 token where HS256 is configured (no algorithm confusion)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ roles: ['NATIONAL_ADMIN'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('x')
      .setIssuer(config.jwtIssuer)
      .setAudience(config.jwtAudience)
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verifier.identify(`Bearer ${token}`)).rejects.toThrow(/alg/);
  });

  it('refuses expired tokens and tokens for another issuer or audience', async () => {
    await expect(verifier.identify(`Bearer ${await issueDevToken(officer, config, '-1m')}`)).rejects.toThrow(/exp/);
    await expect(verifier.identify(`Bearer ${await issueDevToken(officer, { ...config, jwtIssuer: 'elsewhere' })}`)).rejects.toThrow(/iss/);
    await expect(verifier.identify(`Bearer ${await issueDevToken(officer, { ...config, jwtAudience: 'other-app' })}`)).rejects.toThrow(/aud/);
  });

  it('refuses a malformed Authorization header', async () => {
    await expect(verifier.identify('Basic dXNlcjpwYXNz')).rejects.toThrow(/Bearer/);
  });
});
