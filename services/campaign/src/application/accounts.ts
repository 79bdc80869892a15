/**
 * Accounts and access (Quản lý tài khoản): national admins manage every account, unit officers those of their
 * subtree with the roles they may grant. Each change is written to the identity provider (identity-provider.ts,
 * the only caller of its Admin API) and to our accounts table; the audit log records every one of these mutations
 * (the subgraphs' audit plugin) and every change the platform makes by itself when the union tree changes.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  foldVietnamese,
  foldedContainsPattern,
  isOfficerOver,
  Outbox,
  officerScope,
  pageSize,
  parseId,
  queryRows,
  requireRole,
  toConnection,
  type Connection,
  type Identity,
  type MemberUpsertedV1,
  type PageRequest,
  type Role,
  type TransactionScope,
  type UnitUpsertedV1,
} from '@thidua/common';
import type { DataSource, EntityManager } from 'typeorm';
import { canSeeMember } from '../domain/access';
import { ACCOUNT_ROLES, accountProblems, needsUnit, refusalToManage } from '../domain/accounts';
import { ACCOUNT_SELECT, AccountEntity, type AccountRow, type MemberRow, type UnionUnitRow } from '../entities';
import type { CampaignContext } from './context';
import { identityProvider, type ProviderUser } from './identity-provider';
import { accountChanged } from './published-events';

export interface CreateAccountInput {
  username: string;
  fullName: string;
  email?: string | null;
  unitId?: string | null;
  memberId?: string | null;
  roles: Role[];
}

export interface UpdateAccountInput {
  fullName?: string | null;
  email?: string | null;
  unitId?: string | null;
  /** null unlinks the member; absent leaves the link as it is. */
  memberId?: string | null;
  roles?: Role[] | null;
}

/** An account just made or given a new password: the temporary password is shown this once. */
export interface AccountWithPassword {
  account: AccountRow;
  temporaryPassword: string;
}

class AccountNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Account', id);
    this.message = 'Không tìm thấy tài khoản này, hoặc tài khoản không thuộc đơn vị bạn quản lý';
  }
}

const PASSWORD_LETTERS = 'abcdefghijkmnpqrstuvwxyz';
const PASSWORD_DIGITS = '23456789';

/**
 * A temporary password the person types once (then sets their own): four groups like `Kx7p`, each an upper-case
 * letter, a lower-case letter, a digit and a lower-case letter, so it meets the realm's policy by construction.
 */
export function temporaryPassword(): string {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;
  const group = () => `${pick(PASSWORD_LETTERS).toUpperCase()}${pick(PASSWORD_LETTERS)}${pick(PASSWORD_DIGITS)}${pick(PASSWORD_LETTERS)}`;
  return [group(), group(), group(), group()].join('-');
}

function providerUser(account: Pick<AccountRow, 'username' | 'fullName' | 'email' | 'unitPath' | 'memberId' | 'enabled'>): ProviderUser {
  return { username: account.username, fullName: account.fullName, email: account.email, unitPath: account.unitPath, memberId: account.memberId, enabled: account.enabled };
}

interface Placement {
  unit: UnionUnitRow | null;
  member: MemberRow | null;
}

/** Where an account sits: a member's own account follows the member's unit; any other names its unit. */
async function placement(ctx: CampaignContext, unitId: string | null, memberId: string | null): Promise<Placement> {
  const member = memberId ? await ctx.loaders.member.load(parseId('memberId', memberId)) : null;
  if (memberId && (!member || !canSeeMember(ctx.identity, member))) throw ValidationError.single('memberId', 'Không tìm thấy đoàn viên này trong các đơn vị bạn quản lý');
  if (member) {
    if (unitId && parseId('unitId', unitId) !== member.unitId) {
      throw ValidationError.single('unitId', `Đoàn viên ${member.fullName} sinh hoạt ở đơn vị khác; tài khoản của đoàn viên theo đơn vị của họ`);
    }
    return { unit: await ctx.loaders.unit.load(member.unitId), member };
  }
  const unit = unitId ? await ctx.loaders.unit.load(parseId('unitId', unitId)) : null;
  if (unitId && !unit) throw ValidationError.single('unitId', 'Không tìm thấy đơn vị này');
  return { unit, member: null };
}

function requireGrant(ctx: CampaignContext, roles: readonly Role[], where: Placement): void {
  if (needsUnit(roles) && !where.unit) {
    throw ValidationError.single('unitId', 'Hãy chọn đơn vị của tài khoản; chỉ tài khoản quản trị Tổng Liên đoàn được không gắn đơn vị');
  }
  const refusal = refusalToManage(ctx.identity, { roles, unitPath: where.unit?.path ?? null }, where.unit?.name ?? null);
  if (refusal) throw new ForbiddenError(refusal, { unitPath: where.unit?.path ?? null, roles });
}

function requireValid(fields: Parameters<typeof accountProblems>[0]): void {
  const problems = accountProblems(fields);
  if (problems.length > 0) throw new ValidationError(problems);
}

/**
 * The account, if the caller may manage it. One outside their subtree does not exist for them; one inside it that
 * they may not touch (a national admin's) is refused with the reason.
 */
async function manageable(ctx: CampaignContext, manager: EntityManager, id: string, lock: boolean): Promise<AccountRow> {
  const account = await manager.getRepository(AccountEntity).findOne({ where: { id: parseId('id', id) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!account || !hasScopeOver(ctx.identity, account)) throw new AccountNotFoundError(id);
  const refusal = refusalToManage(ctx.identity, account, null);
  if (refusal) throw new ForbiddenError(refusal, { id });
  return account;
}

/** Runs work in one transaction whose events go out with it (a request's, or the operator command's own outbox). */
type InTransaction = <T>(work: (scope: TransactionScope) => Promise<T>) => Promise<T>;

/**
 * The creation every path shares (the portal's officers and the first national admin): provider first, then our
 * record with its AccountChanged event in one transaction.
 */
async function provision(db: DataSource, inTransaction: InTransaction, input: CreateAccountInput, where: Placement, createdBy: string, logger: CampaignContext['logger']): Promise<AccountWithPassword> {
  const username = input.username;
  if (await db.getRepository(AccountEntity).exists({ where: { username } })) {
    throw new ConflictError(`Tên đăng nhập “${username}” đã có người dùng; hãy chọn tên khác`, { field: 'username' });
  }
  if (where.member && (await db.getRepository(AccountEntity).exists({ where: { memberId: where.member.id } }))) {
    throw new ConflictError(`Đoàn viên ${where.member.fullName} đã có tài khoản`, { field: 'memberId' });
  }
  const fullName = input.fullName.trim().normalize('NFC');
  const record = { username, fullName, email: input.email?.trim() || null, unitPath: where.unit?.path ?? null, memberId: where.member?.id ?? null, enabled: true };
  const password = temporaryPassword();
  const provider = identityProvider();
  const id = await provider.createUser(providerUser(record), password);
  try {
    await provider.setRoles(id, input.roles, ACCOUNT_ROLES);
    const account = await inTransaction(async ({ manager, emit }) => {
      const saved = await manager.getRepository(AccountEntity).save({
        ...record,
        id,
        fullNameFolded: foldVietnamese(fullName),
        roles: [...input.roles],
        unitId: where.unit?.id ?? null,
        createdBy,
      });
      await emit(accountChanged(saved));
      return saved;
    });
    return { account, temporaryPassword: password };
  } catch (error) {
    await provider.deleteUser(id).catch((undo: unknown) => logger.error({ err: undo, id }, 'could not remove a half-made account from the identity provider'));
    throw error;
  }
}

export async function createAccount(ctx: CampaignContext, input: CreateAccountInput): Promise<AccountWithPassword> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  requireValid({ username: input.username, fullName: input.fullName, email: input.email ?? null, roles: input.roles });
  const where = await placement(ctx, input.unitId ?? null, input.memberId ?? null);
  requireGrant(ctx, input.roles, where);
  return provision(ctx.db, ctx.transaction, input, where, ctx.identity.subject, ctx.logger);
}

/** Changes the account in our record and at the provider in one transaction: nothing changes unless both do. */
export async function updateAccount(ctx: CampaignContext, id: string, input: UpdateAccountInput): Promise<AccountRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  requireValid({ ...(input.fullName != null ? { fullName: input.fullName } : {}), email: input.email ?? null, ...(input.roles != null ? { roles: input.roles } : {}) });
  return ctx.transaction(async ({ manager, emit }) => {
    const account = await manageable(ctx, manager, id, true);
    const memberId = input.memberId === undefined ? account.memberId : input.memberId;
    // a member's own account sits where the member does
    const unitId = input.unitId ?? (memberId ? null : account.unitId);
    const where = await placement(ctx, unitId, memberId);
    const roles = input.roles ?? account.roles;
    requireGrant(ctx, roles, where);
    if (where.member && where.member.id !== account.memberId && (await manager.getRepository(AccountEntity).exists({ where: { memberId: where.member.id } }))) {
      throw new ConflictError(`Đoàn viên ${where.member.fullName} đã có tài khoản`, { field: 'memberId' });
    }
    const fullName = (input.fullName ?? account.fullName).trim().normalize('NFC');
    Object.assign(account, {
      fullName,
      fullNameFolded: foldVietnamese(fullName),
      email: input.email === undefined ? account.email : input.email?.trim() || null,
      roles: [...roles],
      unitId: where.unit?.id ?? null,
      unitPath: where.unit?.path ?? null,
      memberId: where.member?.id ?? null,
    });
    const saved = await manager.getRepository(AccountEntity).save(account);
    await identityProvider().updateUser(saved.id, providerUser(saved));
    await identityProvider().setRoles(saved.id, saved.roles, ACCOUNT_ROLES);
    await emit(accountChanged(saved));
    return saved;
  });
}

/** Disabling an account also ends the person's sessions: they are out at their next token refresh. */
export async function setAccountEnabled(ctx: CampaignContext, id: string, enabled: boolean): Promise<AccountRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  if (!enabled && parseId('id', id) === ctx.identity.subject) throw new ForbiddenError('Bạn không thể tự khóa tài khoản của mình; hãy nhờ cán bộ cấp trên', { id });
  return ctx.transaction(async ({ manager, emit }) => {
    const account = await manageable(ctx, manager, id, true);
    account.enabled = enabled;
    const saved = await manager.getRepository(AccountEntity).save(account);
    await identityProvider().updateUser(saved.id, providerUser(saved));
    if (!enabled) await identityProvider().endSessions(saved.id);
    await emit(accountChanged(saved));
    return saved;
  });
}

/** A new temporary password (the person forgot theirs); their sessions end. */
export async function resetAccountPassword(ctx: CampaignContext, id: string): Promise<AccountWithPassword> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const account = await manageable(ctx, ctx.db.manager, id, false);
  const password = temporaryPassword();
  await identityProvider().setTemporaryPassword(account.id, password);
  await identityProvider().endSessions(account.id);
  return { account, temporaryPassword: password };
}

export async function visibleAccount(ctx: CampaignContext, id: string): Promise<AccountRow | null> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const account = await ctx.db.getRepository(AccountEntity).findOneBy({ id: parseId('id', id) });
  if (!account) return null;
  return hasScopeOver(ctx.identity, account) ? account : null;
}

/** National admins see every account; officers those placed in their subtree. */
function hasScopeOver(identity: Identity, account: AccountRow): boolean {
  return officerScope(identity) === '/' || (account.unitPath !== null && isOfficerOver(identity, account.unitPath));
}

export interface AccountFilter {
  unitId?: string | null;
  search?: string | null;
}

/** Accounts the caller manages, in Vietnamese name order, optionally of one unit's subtree or matching a name. */
export async function accounts(ctx: CampaignContext, filter: AccountFilter, page: PageRequest): Promise<Connection<AccountRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const scope = officerScope(ctx.identity);
  if (!scope) throw new ForbiddenError('Bạn chưa được gắn với đơn vị nào, nên không quản lý tài khoản nào', {});
  let within = scope === '/' ? null : scope;
  if (filter.unitId) {
    const unit = await ctx.loaders.unit.load(parseId('unitId', filter.unitId));
    if (!unit) throw ValidationError.single('unitId', 'Không tìm thấy đơn vị này');
    if (!isOfficerOver(ctx.identity, unit.path)) throw new ForbiddenError(`${unit.name} không thuộc đơn vị bạn quản lý`, { unitPath: unit.path });
    within = unit.path;
  }
  const search = foldedContainsPattern(filter.search);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<AccountRow>(
    ctx.db,
    `${ACCOUNT_SELECT}
      WHERE ($1::text IS NULL OR unit_path LIKE $1 || '%')
        AND ($2::text IS NULL OR full_name_folded LIKE $2 OR username LIKE $2)
        AND ($4::text IS NULL OR (full_name COLLATE "vi-x-icu", id) > ($4 COLLATE "vi-x-icu", $5::uuid))
      ORDER BY full_name COLLATE "vi-x-icu", id LIMIT $3`,
    [within, search, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.fullName, row.id]);
}

/** The first national admin, made by the operator's command (bootstrap-admin.ts) before anyone can sign in. */
export async function bootstrapNationalAdmin(db: DataSource, logger: CampaignContext['logger'], input: { username: string; fullName: string }): Promise<AccountWithPassword | null> {
  requireValid({ username: input.username, fullName: input.fullName });
  const existing = await db.getRepository(AccountEntity).findOneBy({ username: input.username });
  if (existing) {
    if (await identityProvider().userExists(existing.id)) return null;
    throw new ConflictError(`Tài khoản ${input.username} có trong hồ sơ của nền tảng nhưng không còn ở máy chủ đăng nhập (Keycloak đã được làm mới?); hồ sơ tài khoản và Keycloak phải đi cùng nhau`, { field: 'username' });
  }
  // the topic prefix alone: the command needs no broker credentials, the relay of a running campaign publishes the row
  const outbox = new Outbox('campaign', process.env.KAFKA_TOPIC_PREFIX ?? '');
  const correlationId = randomUUID();
  const inTransaction: InTransaction = (work) => db.transaction((manager) => work({ manager, emit: (event) => outbox.append(manager, correlationId, event) }));
  const created = await provision(db, inTransaction, { ...input, roles: ['NATIONAL_ADMIN'] }, { unit: null, member: null }, 'system:bootstrap', logger);
  await recordSystemChange(db.manager, 'bootstrapNationalAdmin', { accountId: created.account.id, username: input.username }, null, correlationId);
  return created;
}

/** An audit line for what the platform did by itself (no caller's mutation to record it). */
async function recordSystemChange(manager: EntityManager, what: string, variables: Record<string, unknown>, unitPath: string | null, correlationId: string): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (event_id, service, operation_name, fields, variables, subject, roles, unit_path, outcome, correlation_id, at)
     VALUES ($1, 'campaign', NULL, $2, $3, 'system', '{}', $4, 'OK', $5, now())`,
    [randomUUID(), [what], JSON.stringify(variables), unitPath, correlationId],
  );
}

interface Placed {
  unitId: string;
  unitPath: string;
  correlationId: string;
}

/** Moves accounts whose unit or member moved, at the provider and in our record, and audits each move. */
async function follow(manager: EntityManager, rows: AccountRow[], placeOf: (row: AccountRow) => Placed | undefined): Promise<void> {
  for (const row of rows) {
    const placed = placeOf(row);
    if (!placed || (placed.unitId === row.unitId && placed.unitPath === row.unitPath)) continue;
    const from = row.unitPath;
    await identityProvider().updateUser(row.id, providerUser({ ...row, unitPath: placed.unitPath }));
    await manager.query(`UPDATE accounts SET unit_id = $2, unit_path = $3, updated_at = now() WHERE id = $1`, [row.id, placed.unitId, placed.unitPath]);
    await recordSystemChange(manager, 'accountFollowedUnionTree', { accountId: row.id, username: row.username, from, to: placed.unitPath }, placed.unitPath, placed.correlationId);
  }
}

/** A unit's path changed (it moved in the tree): the accounts of that unit carry the new path in their tokens. */
export async function followUnits(manager: EntityManager, events: { correlationId: string; payload: UnitUpsertedV1 }[]): Promise<void> {
  const latest = new Map(events.map((e) => [e.payload.unitId, { unitId: e.payload.unitId, unitPath: e.payload.path, correlationId: e.correlationId }]));
  const rows = await queryRows<AccountRow>(manager, `${ACCOUNT_SELECT} WHERE unit_id = ANY($1::uuid[]) AND member_id IS NULL`, [[...latest.keys()]]);
  await follow(manager, rows, (row) => latest.get(row.unitId!));
}

/** A member moved to another union: their own account follows them. */
export async function followMembers(manager: EntityManager, events: { correlationId: string; payload: MemberUpsertedV1 }[]): Promise<void> {
  const latest = new Map(events.map((e) => [e.payload.memberId, { unitId: e.payload.unitId, unitPath: e.payload.unitPath, correlationId: e.correlationId }]));
  const rows = await queryRows<AccountRow>(manager, `${ACCOUNT_SELECT} WHERE member_id = ANY($1::uuid[])`, [[...latest.keys()]]);
  await follow(manager, rows, (row) => latest.get(row.memberId!));
}
