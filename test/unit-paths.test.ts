/**
 * Identity claims are not taken as they come: a token's unit path is canonicalised at the gateway (lower case,
 * trailing slash) or the token refused, the root never grants nationwide scope, and every scope comparison works on
 * canonical paths, so `/vn/bn` does not cover its sibling `/vn/bnx/`. Real gateway, subgraphs and PostgreSQL.
 */
import { canonicalUnitPath, isWithinSubtree } from '@thidua/common';
import { Api } from './support/api';
import { graphql } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';

let platform: TestPlatform;
let api: Api;
const run = Date.now().toString(36);
const units: Record<string, { id: string; path: string }> = {};
const RENAME = `mutation($id: ID!, $name: String!) { updateUnionUnit(id: $id, input: { name: $name }) { name } }`;

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  const admin = await platform.token(['NATIONAL_ADMIN'], null);
  units.root = await api.createUnit({ code: `UP${run}`, name: 'Tổng Liên đoàn (thử đường dẫn)', level: 'NATIONAL' }, admin);
  units.bn = await api.createUnit({ code: `BN${run}`, parentId: units.root.id, name: 'LĐLĐ tỉnh Bắc Ninh', level: 'PROVINCIAL', provinceCode: 'BN' }, admin);
  units.bnx = await api.createUnit({ code: `BN${run}X`, parentId: units.root.id, name: 'Công đoàn ngành BNX', level: 'SECTOR' }, admin);
});

afterAll(async () => {
  await platform?.stop();
});

const renamed = async (token: string, unit: string) => graphql<{ updateUnionUnit: { name: string } }>(platform.gatewayUrl, RENAME, { id: units[unit]!.id, name: `Tên mới ${Date.now()}` }, token);

describe('unit paths in tokens', () => {
  it('an officer whose path lacks its trailing slash acts on their own unit and not on the sibling that shares its prefix', async () => {
    const officer = await platform.token(['UNIT_OFFICER'], units.bn!.path.slice(0, -1), 'officer-bn-noslash');
    expect((await renamed(officer, 'bn')).errors).toBeUndefined();
    const sibling = await renamed(officer, 'bnx');
    expect([sibling.errors?.[0]?.extensions?.code, sibling.data]).toEqual(['FORBIDDEN', null]);
  });

  it('a path in capitals is the same unit', async () => {
    const officer = await platform.token(['UNIT_OFFICER'], units.bn!.path.toUpperCase(), 'officer-bn-caps');
    expect((await renamed(officer, 'bn')).errors).toBeUndefined();
    expect((await renamed(officer, 'bnx')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an empty path or the root alone grants no scope at all', async () => {
    for (const path of ['', '/']) {
      const officer = await platform.token(['UNIT_OFFICER'], path, `officer-root-${path.length}`);
      const attempt = await renamed(officer, 'bn');
      expect([path, attempt.errors?.[0]?.extensions?.code]).toEqual([path, 'FORBIDDEN']);
    }
  });

  it('a malformed path makes the whole token invalid (401), it is never read as something else', async () => {
    for (const path of ['/vn/b n/', '/vn/%/', 'vn/bn/', '/vn//bn/', '/vn/bn_/']) {
      const officer = await platform.token(['UNIT_OFFICER'], path, 'officer-malformed');
      const attempt = await graphql(platform.gatewayUrl, `{ __typename }`, {}, officer);
      expect([path, attempt.status, attempt.errors?.[0]?.extensions?.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
  });
});

describe('the one canonical form', () => {
  it('is lower case with one trailing slash; the root names no unit', () => {
    expect(canonicalUnitPath('/VN/Bn')).toBe('/vn/bn/');
    expect(canonicalUnitPath('/')).toBeNull();
    expect(canonicalUnitPath('')).toBeNull();
    expect(() => canonicalUnitPath('/vn/../')).toThrow(/không hợp lệ/);
  });

  it('compares subtrees segment by segment', () => {
    expect(isWithinSubtree('/vn/bnx/', '/vn/bn')).toBe(false);
    expect(isWithinSubtree('/vn/bn/kcn/', '/VN/BN')).toBe(true);
    expect(isWithinSubtree('/vn/bn/', '')).toBe(false);
  });
});
