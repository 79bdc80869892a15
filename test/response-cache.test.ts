/**
 * The gateway's cache of public answers: anonymous queries are answered from it the second time, signed-in ones
 * never are, answers with errors are not kept, and an event that changes public data (here a reward decision,
 * RewardGranted on the real broker) empties it, so the public register shows the new decision without waiting
 * for the cache to expire.
 */
import { Api } from './support/api';
import { eventually } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { eventuallyCounted } from './support/read-models';
import { buildUnionTree, unitIdsAndPaths } from './support/union-tree';

let platform: TestPlatform;
let api: Api;
let admin: string;
const run = Date.now().toString(36);
const ids: Record<string, string> = {};

async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<{ cache: string | null; body: any }> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-cache'), body: await response.json() };
}

const REGISTER = `query($u: ID) { rewardDecisions(filter: { unitId: $u }) { edges { node { subjectName formName } } } }`;

beforeAll(async () => {
  platform = await startTestPlatform({ responseCacheSeconds: 300 });
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], '/');
  const tree = await buildUnionTree(api, admin, {
    units: {
      vn: { name: 'Tổng Liên đoàn', level: 'NATIONAL' },
      may: { parent: 'vn', name: 'Công đoàn Công ty May', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' },
    },
    members: { member: { unit: 'may', fullName: 'Vũ Thị Mai', occupationCode: 'CN_DET_MAY', direct: true } },
  }, run);
  Object.assign(ids, unitIdsAndPaths(tree), tree.members);
  await eventuallyCounted('reward', 'member_refs WHERE id = $1', [ids.member], 1, 'the member in reward');
});

afterAll(async () => {
  await platform?.stop();
});

describe('the public response cache', () => {
  it('answers a repeated anonymous query from the cache, never a signed-in one', async () => {
    // an event of the tree just built may still reach the gateway and empty the cache between two requests: ask
    // again, with another page size each time so that every attempt starts uncached
    const PAGE = `query($u: ID, $n: Int) { rewardDecisions(filter: { unitId: $u }, first: $n) { edges { node { subjectName formName } } } }`;
    let size = 50;
    const [first, second] = await eventually(async () => {
      const variables = { u: ids.may, n: size-- };
      const pair = [await post(PAGE, variables), await post(PAGE, variables)] as const;
      return pair[1].cache === 'HIT' ? pair : null;
    }, 20000, 'a repeated query answered from the cache');
    expect(first.cache).toBeNull();
    expect(second.body).toEqual(first.body);
    await post(REGISTER, { u: ids.may }, admin);
    expect((await post(REGISTER, { u: ids.may }, admin)).cache).toBeNull();
  });

  it('keeps no answer that carries errors', async () => {
    await post(REGISTER, { u: 'not-an-id' });
    const again = await post(REGISTER, { u: 'not-an-id' });
    expect(again.cache).toBeNull();
    expect(again.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('is emptied by an event that changes public data, so the register shows a new decision at once', async () => {
    expect((await post(REGISTER, { u: ids.may })).body.data.rewardDecisions.edges).toEqual([]);
    expect((await post(REGISTER, { u: ids.may })).cache).toBe('HIT');
    const council = await platform.token(['COUNCIL_MEMBER'], ids.mayPath!, 'council-may');
    const { nominate } = await api.ok(`mutation($i: NominateInput!) { nominate(input: $i) { id } }`, {
      i: { source: 'AD_HOC', memberId: ids.member, grantingUnitId: ids.may, formCode: 'GIAY_KHEN', achievedOn: '2026-11-02', reason: 'Cứu người bị nạn trong lũ' },
    }, admin);
    await api.ok(`mutation($id: ID!) { grantReward(nominationId: $id, input: { signerRole: "Chủ tịch công đoàn cơ sở" }) { number } }`, { id: nominate.id }, council);
    const seen = await eventually(async () => {
      const answer = await post(REGISTER, { u: ids.may });
      return answer.body.data.rewardDecisions.edges.length === 1 ? answer : null;
    }, 10000, 'the new decision in the public register');
    expect(seen.body.data.rewardDecisions.edges[0].node).toEqual({ subjectName: 'Vũ Thị Mai', formName: 'Giấy khen' });
  });
});
