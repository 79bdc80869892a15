import type { PageRequest } from '@thidua/common';
import {
  accounts,
  createAccount,
  resetAccountPassword,
  setAccountEnabled,
  updateAccount,
  visibleAccount,
  type AccountFilter,
  type CreateAccountInput,
  type UpdateAccountInput,
} from '../application/accounts';
import type { CampaignContext } from '../application/context';
import { moveMember } from '../application/members';
import { grantableRoles } from '../domain/accounts';
import type { AccountRow } from '../entities';

type Ctx = CampaignContext;
type Id = { id: string };

/** Accounts and access (Quản lý tài khoản): thin maps to application/accounts.ts. */
export const accountQueries = {
  accounts: (_: unknown, args: PageRequest & AccountFilter, ctx: Ctx) => accounts(ctx, args, args),
  account: (_: unknown, { id }: Id, ctx: Ctx) => visibleAccount(ctx, id),
  grantableRoles: (_: unknown, __: unknown, ctx: Ctx) => grantableRoles(ctx.identity),
};

export const accountMutations = {
  createAccount: (_: unknown, { input }: { input: CreateAccountInput }, ctx: Ctx) => createAccount(ctx, input),
  updateAccount: (_: unknown, { id, input }: Id & { input: UpdateAccountInput }, ctx: Ctx) => updateAccount(ctx, id, input),
  setAccountEnabled: (_: unknown, { id, enabled }: Id & { enabled: boolean }, ctx: Ctx) => setAccountEnabled(ctx, id, enabled),
  resetAccountPassword: (_: unknown, { id }: Id, ctx: Ctx) => resetAccountPassword(ctx, id),
  moveMember: (_: unknown, { id, unitId }: Id & { unitId: string }, ctx: Ctx) => moveMember(ctx, id, unitId),
};

export const Account = {
  unit: (account: AccountRow, _: unknown, ctx: Ctx) => (account.unitId ? ctx.loaders.unit.load(account.unitId) : null),
  member: (account: AccountRow, _: unknown, ctx: Ctx) => (account.memberId ? ctx.loaders.member.load(account.memberId) : null),
};
