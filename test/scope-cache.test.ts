/**
 * The gateway's per-scope cache of authenticated answers (decision 0034), through the real gateway with Keycloak's
 * own tokens: an answer kept for one scope is never given to another (another province, the same province with
 * other roles, the same roles for another member), officers of one scope share it, a change made behind the
 * gateway's back (straight at the subgraph, as through another replica) shows once its event arrives, and a change
 * through the gateway shows to its author on the next read.
 */
import { INTERNAL_TOKEN_HEADER, loadGatewayConfig, registry, type Identity } from '@thidua/common';
import { InternalTokenSigner } from '../gateway/src/internal-tokens';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import { signInAs } from './support/keycloak';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { TWO_PROVINCES, buildUnionTree } from './support/union-tree';

let platform: TestPlatform;
let api: Api;
let admin: string;
const run = Date.now().toString(36);
const units: Record<string, { id: string; path: string }> = {};
const members: Record<string, string> = {};
/** Real access tokens from Keycloak, by person. */
const tokens: Record<string, string> = {};

const MEMBER = `query($id: ID!) { member(id: $id) { id fullName } }`;

async function account(name: string, input: Record<string, unknown>): Promise<void> {
  const username = `${name}.${run}`;
  const created = await api.ok(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { temporaryPassword } }`, { input: { username, ...input } }, admin);
  tokens[name] = (await signInAs(username, created.createAccount.temporaryPassword, 'Mat-khau-moi-2026')).accessToken;
}

/** How many answers were served from the per-scope cache so far, in this process (`outcome`: hit, flush…). */
async function cacheCount(outcome: 'hit' | 'flush'): Promise<number> {
  const metric = await registry.getSingleMetric('thidua_gateway_scope_cache_total')!.get();
  return metric.values.filter((v) => v.labels.outcome === outcome).reduce((n, v) => n + v.value, 0);
}
const hits = () => cacheCount('hit');

const read = (who: string, id = members.nhung!) => graphql<{ member: { fullName: string } | null }>(platform.gatewayUrl, MEMBER, { id }, tokens[who]);

beforeAll(async () => {
  platform = await startTestPlatform({ scopeCacheSeconds: 300, scopeCacheSettleMs: 200 });
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], null, `admin-${run}`);
  const tree = await buildUnionTree(api, admin, {
    units: { ...TWO_PROVINCES, may: { parent: 'bn', name: 'Công đoàn Công ty Cổ phần May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' } },
    members: {
      nhung: { unit: 'may', fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', direct: true },
      hoa: { unit: 'may', fullName: 'Phạm Thị Hoa', occupationCode: 'CN_DET_MAY', direct: true },
    },
  }, run);
  Object.assign(units, tree.units);
  Object.assign(members, tree.members);
  await account('canbo1', { fullName: 'Trần Văn Bình', unitId: units.bn!.id, roles: ['UNIT_OFFICER'] });
  await account('canbo2', { fullName: 'Đỗ Thị Mai', unitId: units.bn!.id, roles: ['UNIT_OFFICER'] });
  await account('chamdiem', { fullName: 'Vũ Văn Chấm', unitId: units.bn!.id, roles: ['REVIEWER'] });
  await account('canbokh', { fullName: 'Lê Thị Khánh', unitId: units.kh!.id, roles: ['UNIT_OFFICER'] });
  await account('nhung', { fullName: 'Nguyễn Thị Hồng Nhung', memberId: members.nhung, roles: ['MEMBER'] });
  await account('hoa', { fullName: 'Phạm Thị Hoa', memberId: members.hoa, roles: ['MEMBER'] });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

describe('answers kept per authorization scope', () => {
  it('serves officers of one scope the same kept answer', async () => {
    // every event empties the cache, and the suite's other files make events on the same broker meanwhile: the two
    // reads count only when no flush came from the start of the first (an answer computed across a flush is not kept)
    // to the end of the second
    for (let attempt = 1; ; attempt++) {
      const flushes = await cacheCount('flush');
      expect((await read('canbo1')).data?.member?.fullName).toBe('Nguyễn Thị Hồng Nhung');
      const before = await hits();
      expect((await read('canbo2')).data?.member?.fullName).toBe('Nguyễn Thị Hồng Nhung');
      if ((await cacheCount('flush')) === flushes || attempt === 20) {
        expect(await hits()).toBe(before + 1);
        return;
      }
    }
  });

  it('never gives another province’s officer, another role of the same province, or another member what one scope was answered', async () => {
    expect((await read('canbo1')).data?.member?.fullName).toBe('Nguyễn Thị Hồng Nhung');
    // the member is not theirs to see: the subgraph answers null, and so must the cache
    for (const stranger of ['canbokh', 'chamdiem', 'hoa']) expect([stranger, (await read(stranger)).data]).toEqual([stranger, { member: null }]);
    // Nhung herself (her member id) reads her record; Hoa, same role and unit, still may not
    expect((await read('nhung')).data?.member?.fullName).toBe('Nguyễn Thị Hồng Nhung');
    expect((await read('hoa')).data).toEqual({ member: null });
    expect((await read('hoa', members.hoa)).data?.member?.fullName).toBe('Phạm Thị Hoa');
  });

  it('keeps what is about the account itself for that account alone', async () => {
    const MINE = `{ myNominations { edges { node { id } } } myUnreadNotificationCount }`;
    await graphql(platform.gatewayUrl, MINE, {}, tokens.canbo1);
    const before = await hits();
    await graphql(platform.gatewayUrl, MINE, {}, tokens.canbo2);
    expect(await hits()).toBe(before);
  });

  it('shows a change made behind the gateway’s back once its event arrives', async () => {
    expect((await read('canbo2')).data?.member?.fullName).toBe('Nguyễn Thị Hồng Nhung');
    // straight at the campaign subgraph, as a mutation through another gateway replica would come
    const signer = await InternalTokenSigner.fromPem(loadGatewayConfig().internalTokenPrivateKey);
    const adminIdentity: Identity = { subject: `admin-${run}`, roles: ['NATIONAL_ADMIN'], unitPath: null, memberId: null, name: 'admin' };
    const response = await fetch(platform.subgraphs.campaign.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await signer.tokenFor(`admin-${run}`, adminIdentity, 'campaign') },
      body: JSON.stringify({ query: `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { fullName } }`, variables: { id: members.nhung, input: { fullName: 'Nguyễn Thị Hồng Nhung Mới' } } }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await eventually(async () => ((await read('canbo2')).data?.member?.fullName === 'Nguyễn Thị Hồng Nhung Mới' ? true : null), 10_000, 'the renamed member through the cache');
  });

  it('shows a mutation’s effect to its author on the next read', async () => {
    expect((await read('canbo1')).data?.member?.fullName).toBe('Nguyễn Thị Hồng Nhung Mới');
    const renamed = await graphql(platform.gatewayUrl, `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { fullName } }`, { id: members.nhung, input: { fullName: 'Nguyễn Thị Nhung' } }, tokens.canbo1);
    expect(renamed.errors).toBeUndefined();
    expect((await read('canbo1')).data?.member?.fullName).toBe('Nguyễn Thị Nhung');
  });
});
