import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People's accounts at the identity provider, placed in the union tree (see entities/account.ts). */
export class Accounts1732500150000 implements MigrationInterface {
  name = 'Accounts1732500150000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounts (
        id               uuid PRIMARY KEY,
        username         text NOT NULL UNIQUE,
        full_name        text NOT NULL,
        full_name_folded text NOT NULL,
        email            text,
        roles            text[] NOT NULL,
        unit_id          uuid REFERENCES union_units (id),
        unit_path        text,
        member_id        uuid REFERENCES members (id),
        enabled          boolean NOT NULL DEFAULT true,
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CHECK ((unit_id IS NULL) = (unit_path IS NULL))
      )`);
    // a subtree's accounts in name order (the accounts screen), and the lookups that keep paths right when the tree changes
    await db.query(`CREATE INDEX accounts_unit_path ON accounts (unit_path text_pattern_ops)`);
    await db.query(`CREATE INDEX accounts_unit ON accounts (unit_id)`);
    await db.query(`CREATE UNIQUE INDEX accounts_member ON accounts (member_id) WHERE member_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accounts`);
  }
}
