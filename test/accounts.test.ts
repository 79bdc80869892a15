/**
 * Sign-in and accounts against the real Keycloak (this run's realm, imported from the committed realm file), through
 * the real gateway: the provider's access tokens are accepted by their JWKS and others refused; officers create and
 * disable accounts only in their subtree and with the roles they may grant; a member's own account carries their
 * member id; accounts follow their members and units when the union tree changes; every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { UnsecuredJWT } from 'jose';
import { createProducer, databaseUrl, eventsTopic, oidcIssuer, type EventEnvelope } from '@thidua/common';
import { SignInRefusedError } from '../infra/keycloak/password-sign-in';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import { testKafka } from './support/kafka';
import { keycloakAdmin, masterToken, providerUser, signInAs } from './support/keycloak';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { TEST_TOKEN_ISSUER, issueTestToken } from './support/tokens';

let platform: TestPlatform;
let api: Api;
let admin: string;
const run = Date.now().toString(36);
const year = new Date().getUTCFullYear();
const units: Record<string, { id: string; path: string }> = {};
const members: Record<string, string> = {};
/** Real tokens from Keycloak, by account. */
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { temporaryPassword account { id username roles unit { name } member { id } enabled } } }`;
const NEW_PASSWORD = 'Mat-khau-moi-2026';

async function createAccount(input: Record<string, unknown>, token: string): Promise<{ id: string; temporaryPassword: string }> {
  const { createAccount: created } = await api.ok(CREATE, { input }, token);
  return { id: created.account.id, temporaryPassword: created.temporaryPassword };
}

/** The person's first sign-in: the temporary password, then one of their own. */
async function firstSignIn(username: string, temporaryPassword: string): Promise<string> {
  return (await signInAs(username, temporaryPassword, NEW_PASSWORD)).accessToken;
}

async function accountRows(where: string, params: unknown[]): Promise<{ unit_path: string | null; enabled: boolean }[]> {
  const db = new Client({ connectionString: databaseUrl('campaign') });
  await db.connect();
  try {
    return (await db.query(`SELECT unit_path, enabled FROM accounts WHERE ${where}`, params)).rows;
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], null, `admin-${run}`);
  units.vn = await api.createUnit({ code: `VN-${run}`, name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' }, admin);
  units.bn = await api.createUnit({ code: `BN-${run}`, parentId: units.vn.id, name: 'Liên đoàn Lao động tỉnh Bắc Ninh', level: 'PROVINCIAL', provinceCode: 'BN' }, admin);
  units.kh = await api.createUnit({ code: `KH-${run}`, parentId: units.vn.id, name: 'Liên đoàn Lao động tỉnh Khánh Hòa', level: 'PROVINCIAL', provinceCode: 'KH' }, admin);
  units.may = await api.createUnit({ code: `MAY-${run}`, parentId: units.bn.id, name: 'Công đoàn Công ty Cổ phần May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' }, admin);
  units.dt = await api.createUnit({ code: `DT-${run}`, parentId: units.bn.id, name: 'Công đoàn Công ty TNHH Điện tử Quang Châu', level: 'GRASSROOTS', organisationType: 'FDI_ENTERPRISE' }, admin);
  units.snv = await api.createUnit({ code: `SNV-${run}`, parentId: units.kh.id, name: 'Công đoàn cơ quan Sở Nội vụ tỉnh Khánh Hòa', level: 'GRASSROOTS', organisationType: 'ADMINISTRATIVE_AGENCY' }, admin);
  const member = `mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`;
  members.nhung = (await api.ok(member, { i: { unitId: units.may.id, fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false } }, admin)).createMember.id;
  const bn = await createAccount({ username: `canbo.bn.${run}`, fullName: 'Trần Văn Bình', unitId: units.bn.id, roles: ['UNIT_OFFICER'] }, admin);
  ids.bnOfficer = bn.id;
  tokens.bnOfficer = await firstSignIn(`canbo.bn.${run}`, bn.temporaryPassword);
  const kh = await createAccount({ username: `canbo.kh.${run}`, fullName: 'Lê Thị Khánh', unitId: units.kh.id, roles: ['UNIT_OFFICER'] }, admin);
  ids.khOfficer = kh.id;
  tokens.khOfficer = await firstSignIn(`canbo.kh.${run}`, kh.temporaryPassword);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

describe('the gateway and the provider’s tokens', () => {
  it('accepts the realm’s access tokens (verified by its JWKS) and refuses another realm’s, another audience’s, an ID token and a refresh token', async () => {
    const payload = JSON.parse(Buffer.from(tokens.bnOfficer!.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ iss: oidcIssuer(), aud: 'thidua', sub: ids.bnOfficer, unit_path: units.bn!.path, name: 'Trần Văn Bình' });
    expect(payload.roles).toContain('UNIT_OFFICER');
    expect((await api.ok(`{ myUnit { name } }`, {}, tokens.bnOfficer)).myUnit.name).toBe('Liên đoàn Lao động tỉnh Bắc Ninh');

    const refused = async (token: string) => {
      const result = await graphql(platform.gatewayUrl, `{ myUnit { name } }`, {}, token);
      return [result.status, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message];
    };
    expect(await refused(await masterToken())).toEqual([401, 'UNAUTHENTICATED', 'Mã truy cập do một nơi cấp khác phát hành; hãy đăng nhập qua cổng Thi Đua']);
    const serviceAccount = (await (
      await fetch(`${oidcIssuer()}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'thidua-platform', client_secret: process.env.KEYCLOAK_ADMIN_CLIENT_SECRET! }),
      })
    ).json()) as { access_token: string };
    expect(await refused(serviceAccount.access_token)).toEqual([401, 'UNAUTHENTICATED', 'Mã truy cập không cấp cho Thi Đua (sai audience)']);
    const session = await signInAs(`canbo.bn.${run}`, NEW_PASSWORD);
    expect(await refused(session.idToken)).toEqual([401, 'UNAUTHENTICATED', 'Mã truy cập không cấp cho Thi Đua (sai audience)']);
    expect(await refused(session.refreshToken)).toEqual([401, 'UNAUTHENTICATED', 'Mã truy cập dùng thuật toán ký không được chấp nhận']);
  });

  it('refuses an expired token, an unsigned one and one whose unit_path is malformed; Keycloak will not store a malformed unit_path either', async () => {
    const officer = { sub: `officer-${run}`, name: 'Cán bộ', roles: ['UNIT_OFFICER' as const], unitPath: units.bn!.path };
    const unsigned = new UnsecuredJWT({ roles: ['NATIONAL_ADMIN'] }).setSubject('x').setIssuer(TEST_TOKEN_ISSUER).setAudience('thidua').setExpirationTime('1h').encode();
    for (const [token, message] of [
      [await issueTestToken(officer, '-1m'), 'Mã truy cập đã hết hạn; hãy đăng nhập lại'],
      [unsigned, 'Mã truy cập dùng thuật toán ký không được chấp nhận'],
      [await issueTestToken({ ...officer, unitPath: `${units.bn!.path}../` }), 'Mã truy cập bị từ chối: đơn vị (unit_path) không đúng dạng /vn/bn/…/'],
      [await issueTestToken({ ...officer, unitPath: 42 as unknown as string }), 'Mã truy cập bị từ chối: đơn vị (unit_path) không đúng dạng /vn/bn/…/'],
    ]) {
      const result = await graphql(platform.gatewayUrl, `{ myUnit { name } }`, {}, token);
      expect([result.status, result.errors?.[0]?.message]).toEqual([401, message]);
    }
    const user = await providerUser(`canbo.bn.${run}`);
    await expect(
      keycloakAdmin('PUT', `/${process.env.KEYCLOAK_REALM}/users/${user.id}`, { ...user, attributes: { ...user.attributes, unit_path: [units.bn!.path.toUpperCase()] } }),
    ).rejects.toThrow(/400.*unit_path/);
  });
});

describe('accounts', () => {
  it('a Bắc Ninh officer creates an officer account for a grassroots union of Bắc Ninh; that person sets a password at first sign-in and acts only there', async () => {
    const created = await api.ok(CREATE, { input: { username: `canbo.may.${run}`, fullName: 'Phạm Thị May', email: `may.${run}@maybacgiang.vn`, unitId: units.may!.id, roles: ['UNIT_OFFICER', 'REVIEWER'] } }, tokens.bnOfficer);
    expect(created.createAccount.account).toMatchObject({ username: `canbo.may.${run}`, roles: ['UNIT_OFFICER', 'REVIEWER'], unit: { name: 'Công đoàn Công ty Cổ phần May Bắc Giang' }, enabled: true });
    expect(created.createAccount.temporaryPassword).toMatch(/^([A-Z][a-z][2-9][a-z]-){3}[A-Z][a-z][2-9][a-z]$/);
    ids.mayOfficer = created.createAccount.account.id;
    expect((await providerUser(`canbo.may.${run}`)).attributes).toMatchObject({ unit_path: [units.may!.path] });

    await expect(signInAs(`canbo.may.${run}`, created.createAccount.temporaryPassword)).rejects.toThrow('asks for a new password');
    tokens.mayOfficer = await firstSignIn(`canbo.may.${run}`, created.createAccount.temporaryPassword);
    expect((await api.ok(`{ myUnit { name } }`, {}, tokens.mayOfficer)).myUnit.name).toBe('Công đoàn Công ty Cổ phần May Bắc Giang');
    const sibling = await api.refused(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`, {
      i: { unitId: units.dt!.id, fullName: 'Người ngoài', occupationCode: 'CN_DIEN_TU', isDirectProductionWorker: true, holdsLeadershipPost: false },
    }, tokens.mayOfficer);
    expect(sibling.code).toBe('FORBIDDEN');
    const ownUnit = await api.ok(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`, {
      i: { unitId: units.may!.id, fullName: 'Hoàng Văn Mới', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false },
    }, tokens.mayOfficer);
    expect(ownUnit.createMember.id).toBeDefined();
  });

  it('the same officer is refused an account for Khánh Hòa, a national admin and malformed input; nothing is made anywhere', async () => {
    const before = await accountRows('true', []);
    const attempt = (input: Record<string, unknown>) => api.refused(CREATE, { input: { username: `thu.${run}`, fullName: 'Người thử', unitId: units.may!.id, roles: ['UNIT_OFFICER'], ...input } }, tokens.bnOfficer);
    expect(await attempt({ unitId: units.snv!.id })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Công đoàn cơ quan Sở Nội vụ tỉnh Khánh Hòa không thuộc đơn vị bạn quản lý; bạn chỉ quản lý tài khoản của đơn vị mình và các đơn vị trực thuộc',
    });
    expect(await attempt({ roles: ['NATIONAL_ADMIN'] })).toMatchObject({ code: 'FORBIDDEN', message: 'Bạn không được cấp hay sửa quyền “Quản trị Tổng Liên đoàn”; hãy đề nghị quản trị Tổng Liên đoàn' });
    expect(await attempt({ roles: ['MEMBER', 'NATIONAL_ADMIN'], unitId: units.snv!.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await attempt({ roles: [] })).problems).toEqual([{ field: 'roles', message: 'Hãy chọn ít nhất một vai trò' }]);
    expect((await attempt({ username: 'Nguyễn Văn A' })).problems.map((p) => p.field)).toEqual(['username']);
    expect((await attempt({ username: '' })).problems.map((p) => p.field)).toEqual(['username']);
    expect((await attempt({ fullName: 'Ạ'.repeat(100_000) })).problems.map((p) => p.field)).toEqual(['fullName']);
    expect((await attempt({ email: 'khong-phai-thu' })).problems.map((p) => p.field)).toEqual(['email']);
    expect((await attempt({ unitId: 'khong-phai-uuid' })).code).toBe('BAD_USER_INPUT');
    expect((await attempt({ roles: ['NEWS_CHANNEL'] })).code).toBe('BAD_USER_INPUT');
    expect(await attempt({ username: `canbo.may.${run}` })).toMatchObject({ code: 'CONFLICT', message: `Tên đăng nhập “canbo.may.${run}” đã có người dùng; hãy chọn tên khác` });
    expect(await accountRows('true', [])).toHaveLength(before.length);
    expect(await keycloakAdmin<unknown[]>('GET', `/${process.env.KEYCLOAK_REALM}/users?exact=true&username=thu.${run}`)).toEqual([]);
  });

  it('officers manage only their subtree’s accounts, never a national admin’s nor their own enabled state', async () => {
    const nationalAdmin = await createAccount({ username: `quantri.${run}`, fullName: 'Quản trị viên', roles: ['NATIONAL_ADMIN'] }, admin);
    const disable = (id: string, token: string) => api.refused(`mutation($id: ID!) { setAccountEnabled(id: $id, enabled: false) { id } }`, { id }, token);
    expect((await disable(nationalAdmin.id, tokens.bnOfficer!)).code).toBe('NOT_FOUND');
    expect((await disable(ids.khOfficer!, tokens.bnOfficer!)).code).toBe('NOT_FOUND');
    expect(await disable(ids.bnOfficer!, tokens.bnOfficer!)).toMatchObject({ code: 'FORBIDDEN', message: 'Bạn không thể tự khóa tài khoản của mình; hãy nhờ cán bộ cấp trên' });
    const promote = await api.refused(`mutation($id: ID!) { updateAccount(id: $id, input: { roles: [NATIONAL_ADMIN] }) { id } }`, { id: ids.mayOfficer }, tokens.bnOfficer);
    expect(promote.code).toBe('FORBIDDEN');
    const moveAway = await api.refused(`mutation($id: ID!, $u: ID!) { updateAccount(id: $id, input: { unitId: $u }) { id } }`, { id: ids.mayOfficer, u: units.snv!.id }, tokens.bnOfficer);
    expect(moveAway.code).toBe('FORBIDDEN');
    expect((await providerUser(`canbo.may.${run}`)).attributes).toMatchObject({ unit_path: [units.may!.path] });

    const listed = await api.ok(`{ accounts(first: 50) { edges { node { username } } } }`, {}, tokens.bnOfficer);
    expect(listed.accounts.edges.map((e: any) => e.node.username).sort()).toEqual([`canbo.bn.${run}`, `canbo.may.${run}`]);
    const everyone = await api.ok(`{ accounts(first: 50) { edges { node { username } } } }`, {}, admin);
    expect(everyone.accounts.edges.map((e: any) => e.node.username)).toEqual(expect.arrayContaining([`canbo.kh.${run}`, `quantri.${run}`]));
    const found = await api.ok(`query($s: String) { accounts(search: $s) { edges { node { fullName } } } }`, { s: 'pham thi may' }, tokens.bnOfficer);
    expect(found.accounts.edges.map((e: any) => e.node.fullName)).toEqual(['Phạm Thị May']);
    expect((await api.ok(`{ grantableRoles }`, {}, tokens.bnOfficer)).grantableRoles).not.toContain('NATIONAL_ADMIN');
  });

  it('disabling an account refuses its sign-in in Vietnamese and ends its sessions; a reset password replaces the old one', async () => {
    const session = await signInAs(`canbo.may.${run}`, NEW_PASSWORD);
    const disabled = await api.ok(`mutation($id: ID!) { setAccountEnabled(id: $id, enabled: false) { enabled } }`, { id: ids.mayOfficer }, tokens.bnOfficer);
    expect(disabled.setAccountEnabled.enabled).toBe(false);
    expect((await providerUser(`canbo.may.${run}`)).enabled).toBe(false);
    await expect(signInAs(`canbo.may.${run}`, NEW_PASSWORD)).rejects.toThrow(new SignInRefusedError('Tài khoản đã bị khóa; hãy liên hệ cán bộ quản lý tài khoản của đơn vị.'));
    const refresh = await fetch(`${oidcIssuer()}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'thidua-portal', refresh_token: session.refreshToken }),
    });
    expect(refresh.status).toBe(400);

    await api.ok(`mutation($id: ID!) { setAccountEnabled(id: $id, enabled: true) { enabled } }`, { id: ids.mayOfficer }, tokens.bnOfficer);
    const reset = await api.ok(`mutation($id: ID!) { resetAccountPassword(id: $id) { temporaryPassword } }`, { id: ids.mayOfficer }, tokens.bnOfficer);
    await expect(signInAs(`canbo.may.${run}`, NEW_PASSWORD)).rejects.toThrow('Tên đăng nhập hoặc mật khẩu không đúng.');
    await signInAs(`canbo.may.${run}`, reset.resetAccountPassword.temporaryPassword, 'Mat-khau-thu-ba-2026');
  });

  it('a member’s own account carries their member id, so they see their own enrolments; it follows them to another union', async () => {
    const campaign = (await api.ok(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
      i: { launchingUnitId: units.bn!.id, title: `Thi đua năng suất ${run}`, goal: 'Năng suất', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`,
        targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 5, direction: 'HIGHER_IS_BETTER', weight: 100 }] },
    }, admin)).createCampaign;
    await api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaign.id }, admin);
    await api.ok(`mutation($i: EnrollMemberInput!) { enrollMember(input: $i) { id } }`, { i: { campaignId: campaign.id, memberId: members.nhung } }, admin);

    const nhung = await createAccount({ username: `nhung.${run}`, fullName: 'Nguyễn Thị Hồng Nhung', memberId: members.nhung, roles: ['MEMBER'] }, tokens.bnOfficer!);
    ids.nhung = nhung.id;
    const token = await firstSignIn(`nhung.${run}`, nhung.temporaryPassword);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ member_id: members.nhung, unit_path: units.may!.path });
    const own = await api.ok(`{ myEnrollments { edges { node { campaign { title } } } } }`, {}, token);
    expect(own.myEnrollments.edges.map((e: any) => e.node.campaign.title)).toEqual([`Thi đua năng suất ${run}`]);
    const twice = await api.refused(CREATE, { input: { username: `nhung2.${run}`, fullName: 'Nhung', memberId: members.nhung, roles: ['MEMBER'] } }, tokens.bnOfficer);
    expect(twice).toMatchObject({ code: 'CONFLICT', message: 'Đoàn viên Nguyễn Thị Hồng Nhung đã có tài khoản' });

    const move = `mutation($id: ID!, $u: ID!) { moveMember(id: $id, unitId: $u) { unit { name } } }`;
    expect((await api.refused(move, { id: members.nhung, u: units.snv!.id }, tokens.khOfficer)).code).toBe('NOT_FOUND');
    expect((await api.ok(move, { id: members.nhung, u: units.dt!.id }, tokens.bnOfficer)).moveMember.unit.name).toBe('Công đoàn Công ty TNHH Điện tử Quang Châu');
    await eventually(async () => ((await providerUser(`nhung.${run}`)).attributes?.unit_path?.[0] === units.dt!.path ? true : null), 30000, 'the account’s unit_path at Keycloak');
    expect(await accountRows('id = $1', [ids.nhung])).toEqual([{ unit_path: units.dt!.path, enabled: true }]);
    const moved = await signInAs(`nhung.${run}`, NEW_PASSWORD);
    expect(JSON.parse(Buffer.from(moved.accessToken.split('.')[1]!, 'base64url').toString())).toMatchObject({ member_id: members.nhung, unit_path: units.dt!.path });
  });

  it('a unit that moves in the tree takes its accounts’ unit_path along (the UnitUpserted a move emits)', async () => {
    const newPath = `${units.kh!.path}may-${run}/`;
    const event: EventEnvelope<'UnitUpserted'> = {
      id: randomUUID(),
      type: 'UnitUpserted',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'campaign',
      aggregateId: units.may!.id,
      unitPath: newPath,
      correlationId: `accounts-test-${run}`,
      causationId: null,
      payload: { unitId: units.may!.id, code: `MAY-${run}`, name: 'Công đoàn Công ty Cổ phần May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE', provinceCode: 'KH', path: newPath, parentId: units.kh!.id },
    };
    const producer = createProducer(testKafka('accounts-unit-moved'));
    await producer.connect();
    const message = { key: units.may!.id, value: JSON.stringify(event) };
    await producer.send({ topic: eventsTopic('campaign', process.env.KAFKA_TOPIC_PREFIX ?? ''), messages: [message, message] });
    await producer.disconnect();
    await eventually(async () => ((await providerUser(`canbo.may.${run}`)).attributes?.unit_path?.[0] === newPath ? true : null), 30000, 'the moved unit’s account at Keycloak');
    expect(await accountRows('id = $1', [ids.mayOfficer])).toEqual([{ unit_path: newPath, enabled: true }]);
  });

  it('every account change is in the audit log, refused attempts and the platform’s own moves too, and no password is', async () => {
    const entries = await eventually(async () => {
      const result = await api.ok(`{ auditLog(first: 100) { edges { node { fields subject outcome variables } } } }`, {}, admin);
      const nodes = result.auditLog.edges.map((e: any) => e.node) as { fields: string[]; subject: string; outcome: string; variables: string }[];
      return nodes.some((n) => n.subject === 'system' && n.variables.includes(`canbo.may.${run}`)) ? nodes : null;
    }, 30000, 'the audit of account changes');
    const of = (field: string, subject: string) => entries.filter((n) => n.fields.includes(field) && n.subject === subject).map((n) => n.outcome);
    expect(of('createAccount', ids.bnOfficer!)).toEqual(expect.arrayContaining(['OK', 'FORBIDDEN', 'BAD_USER_INPUT', 'CONFLICT']));
    expect(of('setAccountEnabled', ids.bnOfficer!)).toEqual(expect.arrayContaining(['OK', 'FORBIDDEN', 'NOT_FOUND']));
    expect(of('resetAccountPassword', ids.bnOfficer!)).toEqual(['OK']);
    expect(of('accountFollowedUnionTree', 'system')).toHaveLength(2);
    expect(entries.filter((n) => n.variables.includes(NEW_PASSWORD) || /[A-Z][a-z][2-9][a-z]-[A-Z][a-z][2-9][a-z]-/.test(n.variables))).toEqual([]);
  });
});
