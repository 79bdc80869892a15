/**
 * Accounts (tài khoản): who may give whom access. Pure rules; the identity provider keeps the passwords, the union
 * tree decides the scope.
 */
import { hasRole, isOfficerOver, type FieldProblem, type Identity, type Role } from '@thidua/common';

/** Roles a person's account can hold (NEWS_CHANNEL is a channel's API key, never a person). */
export const ACCOUNT_ROLES: readonly Role[] = ['NATIONAL_ADMIN', 'UNIT_OFFICER', 'REVIEWER', 'COUNCIL_MEMBER', 'EDITOR', 'MEMBER', 'EMPLOYER'];

/** A unit officer gives access inside their subtree, but never the national federation's administration. */
const GRANTABLE_BY_OFFICER: readonly Role[] = ['UNIT_OFFICER', 'REVIEWER', 'COUNCIL_MEMBER', 'EDITOR', 'MEMBER', 'EMPLOYER'];

/** Vietnamese names of the roles, for messages a person reads. */
export const ROLE_NAMES: Record<Role, string> = {
  NATIONAL_ADMIN: 'Quản trị Tổng Liên đoàn',
  UNIT_OFFICER: 'Cán bộ công đoàn',
  REVIEWER: 'Người chấm điểm',
  COUNCIL_MEMBER: 'Thành viên Hội đồng thi đua khen thưởng',
  EDITOR: 'Biên tập viên',
  MEMBER: 'Đoàn viên',
  EMPLOYER: 'Người sử dụng lao động',
  NEWS_CHANNEL: 'Kênh báo chí',
};

export function grantableRoles(caller: Identity): Role[] {
  if (hasRole(caller, 'NATIONAL_ADMIN')) return [...ACCOUNT_ROLES];
  return hasRole(caller, 'UNIT_OFFICER') ? [...GRANTABLE_BY_OFFICER] : [];
}

/** What an account gives: its roles over its unit's subtree. */
export interface AccountGrant {
  roles: readonly Role[];
  unitPath: string | null;
}

/**
 * Why the caller may not give (or change, or take away) this grant, or null when they may. An officer acts on accounts
 * of their own subtree whose every role they could grant themselves, so no officer touches a national admin's account.
 */
export function refusalToManage(caller: Identity, grant: AccountGrant, unitName: string | null): string | null {
  if (hasRole(caller, 'NATIONAL_ADMIN')) return null;
  if (!hasRole(caller, 'UNIT_OFFICER')) return 'Chỉ cán bộ công đoàn và quản trị Tổng Liên đoàn được quản lý tài khoản';
  const beyond = grant.roles.filter((role) => !GRANTABLE_BY_OFFICER.includes(role));
  if (beyond.length > 0) return `Bạn không được cấp hay sửa quyền “${beyond.map((role) => ROLE_NAMES[role]).join('”, “')}”; hãy đề nghị quản trị Tổng Liên đoàn`;
  if (grant.unitPath === null || !isOfficerOver(caller, grant.unitPath)) {
    return `${unitName ?? 'Tài khoản này'} không thuộc đơn vị bạn quản lý; bạn chỉ quản lý tài khoản của đơn vị mình và các đơn vị trực thuộc`;
  }
  return null;
}

export interface AccountFields {
  username?: string;
  fullName?: string;
  email?: string | null;
  roles?: readonly string[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** Problems with what was typed, each naming its field, in words the officer can act on. */
export function accountProblems(fields: AccountFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.username !== undefined && !USERNAME.test(fields.username)) {
    problems.push({ field: 'username', message: 'Tên đăng nhập dài 3–64 ký tự, chỉ gồm chữ thường không dấu, chữ số và . _ -, bắt đầu bằng chữ hoặc số' });
  }
  if (fields.fullName !== undefined && (fields.fullName.trim().length === 0 || fields.fullName.length > 200)) {
    problems.push({ field: 'fullName', message: 'Họ và tên dài 1–200 ký tự' });
  }
  if (fields.email && (fields.email.length > 254 || !EMAIL.test(fields.email))) {
    problems.push({ field: 'email', message: 'Địa chỉ thư điện tử không hợp lệ' });
  }
  if (fields.roles !== undefined) {
    if (fields.roles.length === 0) problems.push({ field: 'roles', message: 'Hãy chọn ít nhất một vai trò' });
    const unknown = fields.roles.filter((role) => !ACCOUNT_ROLES.includes(role as Role));
    if (unknown.length > 0) problems.push({ field: 'roles', message: `Vai trò không cấp được cho tài khoản: ${unknown.join(', ')}` });
    if (new Set(fields.roles).size !== fields.roles.length) problems.push({ field: 'roles', message: 'Mỗi vai trò chỉ chọn một lần' });
  }
  return problems;
}

/** Only national admins may be without a unit: every other role acts over a unit's subtree. */
export function needsUnit(roles: readonly Role[]): boolean {
  return roles.some((role) => role !== 'NATIONAL_ADMIN');
}
