/**
 * Fail closed on secrets (production refuses to start without its own, naming each variable) and the internal token
 * between the gateway and the subgraphs (signed with the gateway's private key, one audience per subgraph), on the
 * real platform.
 */
import { spawn } from 'node:child_process';
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import {
  ANONYMOUS,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_KEY_FILE,
  INTERNAL_TOKEN_HEADER,
  SERVICE_NAMES,
  loadGatewayConfig,
  loadServiceConfig,
  publicKeyPemOf,
  startSubgraph,
  type ServiceName,
} from '@thidua/common';
import { startGateway } from '../gateway/src/gateway';
import { InternalTokenSigner } from '../gateway/src/internal-tokens';
import { subgraphs } from '../infra/subgraphs';
import { graphql } from './support/graphql';
import { productionPasswords, productionSecrets } from './support/production';
import { startTestPlatform, type TestPlatform } from './support/platform';

const ROOT = path.resolve(__dirname, '..');
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

/** This run's environment as production would have it, before its secrets are set. */
const productionEnv = () => ({ ...process.env, ...productionPasswords(), NODE_ENV: 'production', JWT_SECRET: undefined, INTERNAL_TOKEN_PRIVATE_KEY: undefined, INTERNAL_TOKEN_PUBLIC_KEY: undefined });
const urls = (): Record<ServiceName, string> => Object.fromEntries(SERVICE_NAMES.map((name) => [name, platform.subgraphs[name].url])) as Record<ServiceName, string>;

describe('production secrets', () => {
  it('the gateway refuses to start without them, naming each variable', async () => {
    const config = loadGatewayConfig(productionEnv());
    await expect(startGateway({ ...config, port: 0 })).rejects.toThrow(/JWT_SECRET chưa được đặt[\s\S]*INTERNAL_TOKEN_PRIVATE_KEY chưa được đặt/);
  });

  it('the gateway refuses development values, short secrets and this machine’s development key', async () => {
    const good = productionSecrets();
    const production = { ...loadGatewayConfig(productionEnv()), port: 0, subgraphUrls: urls() };
    await expect(startGateway({ ...production, ...good, jwtSecret: DEVELOPMENT_JWT_SECRET })).rejects.toThrow(/JWT_SECRET đang là giá trị dùng cho môi trường phát triển/);
    await expect(startGateway({ ...production, ...good, jwtSecret: 'x'.repeat(31) })).rejects.toThrow(/JWT_SECRET ngắn hơn 32 byte/);
    await expect(startGateway({ ...production, ...good, internalTokenPrivateKey: readFileSync(DEVELOPMENT_KEY_FILE, 'utf8') })).rejects.toThrow(/INTERNAL_TOKEN_PRIVATE_KEY là khoá phát triển/);
    await expect(startGateway({ ...production, ...good, internalTokenPrivateKey: 'not a key' })).rejects.toThrow(/INTERNAL_TOKEN_PRIVATE_KEY không phải khoá bí mật Ed25519/);
  });

  it('with its own secrets it starts, and a national-admin token signed with the committed development secret gets 401', async () => {
    const gateway = await startGateway({ ...loadGatewayConfig(productionEnv()), ...productionSecrets(), port: 0, subgraphUrls: urls() });
    try {
      const forged = await new SignJWT({ roles: ['NATIONAL_ADMIN'], unit_path: '/vn/' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('intruder')
        .setIssuer(loadGatewayConfig().jwtIssuer)
        .setAudience(loadGatewayConfig().jwtAudience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
      const result = await graphql(gateway.url, `{ auditLog(first: 1) { edges { node { subject } } } }`, {}, forged);
      expect([result.status, result.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    } finally {
      await gateway.stop();
    }
  });

  it('a subgraph refuses to start without the gateway’s public key, or with the development one', async () => {
    const production = { ...loadServiceConfig('campaign', productionEnv()), port: 0, metricsPort: 0, runMigrationsOnStart: false };
    await expect(startSubgraph(subgraphs.campaign, production)).rejects.toThrow(/Subgraph campaign[\s\S]*INTERNAL_TOKEN_PUBLIC_KEY chưa được đặt/);
    const developmentKey = publicKeyPemOf(readFileSync(DEVELOPMENT_KEY_FILE, 'utf8'));
    await expect(startSubgraph(subgraphs.campaign, { ...production, internalTokenPublicKey: developmentKey })).rejects.toThrow(/INTERNAL_TOKEN_PUBLIC_KEY là khoá phát triển/);
  });

  it('the gateway process exits with the message when started in production without secrets', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...productionPasswords(), NODE_ENV: 'production', PORT_GATEWAY: '0', JWT_SECRET: '', INTERNAL_TOKEN_PRIVATE_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/JWT_SECRET chưa được đặt/);
  }, 30000);

  it('docker-compose requires every secret, with no default', () => {
    const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const variable of ['JWT_SECRET', 'INTERNAL_TOKEN_PRIVATE_KEY', 'INTERNAL_TOKEN_PUBLIC_KEY']) {
      expect([variable, new RegExp(`\\$\\{${variable}:\\?`).test(compose)]).toEqual([variable, true]);
      expect([variable, new RegExp(`\\$\\{${variable}:-`).test(compose)]).toEqual([variable, false]);
    }
    expect(compose).not.toMatch(/change-me/);
  });
});

describe('internal tokens', () => {
  const admin = { ...ANONYMOUS, subject: 'internal-test', roles: ['NATIONAL_ADMIN' as const] };
  const ask = (service: ServiceName, token: string) =>
    fetch(platform.subgraphs[service].url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token }, body: JSON.stringify({ query: '{ __typename }' }) });

  it('each subgraph accepts the gateway’s token addressed to it, and refuses one addressed to another subgraph', async () => {
    const signer = await InternalTokenSigner.fromPem(loadGatewayConfig().internalTokenPrivateKey);
    expect((await ask('campaign', await signer.tokenFor('t', admin, 'campaign'))).status).toBe(200);
    expect((await ask('campaign', await signer.tokenFor('t', admin, 'media'))).status).toBe(401);
    expect((await ask('media', await signer.tokenFor('t', admin, 'reward'))).status).toBe(401);
  });

  it('a token signed with any other key, or with a shared secret, is refused', async () => {
    const other = await InternalTokenSigner.fromPem(productionSecrets().internalTokenPrivateKey);
    expect((await ask('campaign', await other.tokenFor('t', admin, 'campaign'))).status).toBe(401);
    const hmac = await new SignJWT({ roles: ['NATIONAL_ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('thidua-gateway')
      .setAudience('thidua-campaign')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('thidua-dev-internal-secret-change-me-0123456789'));
    expect((await ask('campaign', hmac)).status).toBe(401);
  });

  it('the development key is readable by its owner only', () => {
    expect((statSync(DEVELOPMENT_KEY_FILE).mode & 0o777).toString(8)).toBe('600');
  });
});
