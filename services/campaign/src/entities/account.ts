import { EntitySchema } from 'typeorm';
import type { Role } from '@thidua/common';

/**
 * The platform's record of a person's account (tài khoản): its id is the identity provider's user id, the `sub` of
 * the person's tokens. The provider keeps the password and a copy of the claims (roles, unit_path, member_id).
 */
export interface AccountRow {
  id: string;
  username: string;
  fullName: string;
  fullNameFolded: string;
  email: string | null;
  roles: Role[];
  /** The unit the account acts for (null only for national admins without one), and its path, kept with the tree. */
  unitId: string | null;
  unitPath: string | null;
  /** The member whose own account this is; the account then follows the member's unit. */
  memberId: string | null;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const AccountEntity = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'accounts',
  columns: {
    id: { type: 'uuid', primary: true },
    username: { type: 'text' },
    fullName: { name: 'full_name', type: 'text' },
    fullNameFolded: { name: 'full_name_folded', type: 'text' },
    email: { type: 'text', nullable: true },
    roles: { type: 'text', array: true },
    unitId: { name: 'unit_id', type: 'uuid', nullable: true },
    unitPath: { name: 'unit_path', type: 'text', nullable: true },
    memberId: { name: 'member_id', type: 'uuid', nullable: true },
    enabled: { type: 'boolean' },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
});

/** `SELECT … FROM accounts` with every column as AccountRow names it (add WHERE, ORDER BY). */
export const ACCOUNT_SELECT = `SELECT id, username, full_name AS "fullName", full_name_folded AS "fullNameFolded", email, roles, unit_id AS "unitId",
  unit_path AS "unitPath", member_id AS "memberId", enabled, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM accounts`;
