import type { EntityManager, QueryRunner } from 'typeorm';
import { batchableHandler, type EventHandlers } from './consumer/consumer';
import { queryRow, type Queryable } from './db/rows';
import type { HonourSubjectV1, MemberUpsertedV1, UnitUpsertedV1 } from './events/contracts';

/** The read model of the union tree alone, for a subgraph that addresses units but decides nothing on members. */
export async function createUnitRefsTable(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE unit_refs (
      id                uuid PRIMARY KEY,
      name              text NOT NULL DEFAULT '',
      path              text NOT NULL,
      level             text NOT NULL,
      organisation_type text,
      province_code     text
    )`);
  await db.query(`CREATE INDEX unit_refs_path ON unit_refs (path text_pattern_ops)`);
}

/**
 * Local read models of the union tree and its members, kept by every subgraph that decides on them (criteria
 * variants, nominations, exemplar proposals) without calling the campaign subgraph.
 */
export async function createReadModelTables(db: QueryRunner): Promise<void> {
  await createUnitRefsTable(db);
  await db.query(`
    CREATE TABLE member_refs (
      id                          uuid PRIMARY KEY,
      full_name                   text NOT NULL,
      unit_id                     uuid NOT NULL,
      unit_path                   text NOT NULL,
      occupation_code             text NOT NULL,
      is_direct_production_worker boolean NOT NULL,
      holds_leadership_post       boolean NOT NULL
    )`);
  await db.query(`CREATE INDEX member_refs_unit_path ON member_refs (unit_path text_pattern_ops)`);
}

/**
 * The member facts added to the read model after it was first created (gender for ties, the days the member joined
 * and left the union for long service): every service keeping the read model adds them in a migration of its own.
 */
export async function addMemberFactsToReadModel(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE member_refs ADD COLUMN gender text CHECK (gender IN ('FEMALE','MALE')), ADD COLUMN joined_union_on date, ADD COLUMN left_union_on date`);
}

const UNIT_COLUMNS = `id uuid, name text, path text, level text, organisation_type text, province_code text`;
const MEMBER_COLUMNS = `id uuid, full_name text, unit_id uuid, unit_path text, occupation_code text, is_direct_production_worker boolean, holds_leadership_post boolean,
  gender text, joined_union_on date, left_union_on date`;

/** The latest of each key, in order: one upsert may not touch a row twice, and the last event wins. */
function latestByKey<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Upserts units into the read model in one statement. */
export async function upsertUnitRefs(manager: EntityManager, units: UnitUpsertedV1[]): Promise<void> {
  const rows = latestByKey(units, (u) => u.unitId).map((u) => ({ id: u.unitId, name: u.name, path: u.path, level: u.level, organisation_type: u.organisationType, province_code: u.provinceCode }));
  await manager.query(
    `INSERT INTO unit_refs (id, name, path, level, organisation_type, province_code)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${UNIT_COLUMNS})
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, path = EXCLUDED.path, level = EXCLUDED.level,
       organisation_type = EXCLUDED.organisation_type, province_code = EXCLUDED.province_code`,
    [JSON.stringify(rows)],
  );
}

/** Upserts members into the read model in one statement. */
export async function upsertMemberRefs(manager: EntityManager, members: MemberUpsertedV1[]): Promise<void> {
  const rows = latestByKey(members, (m) => m.memberId).map((m) => ({
    id: m.memberId, full_name: m.fullName, unit_id: m.unitId, unit_path: m.unitPath, occupation_code: m.occupationCode,
    is_direct_production_worker: m.isDirectProductionWorker, holds_leadership_post: m.holdsLeadershipPost,
    gender: m.gender ?? null, joined_union_on: m.joinedUnionOn ?? null, left_union_on: m.leftUnionOn,
  }));
  await manager.query(
    `INSERT INTO member_refs (id, full_name, unit_id, unit_path, occupation_code, is_direct_production_worker, holds_leadership_post, gender, joined_union_on, left_union_on)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${MEMBER_COLUMNS})
     ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name, unit_id = EXCLUDED.unit_id, unit_path = EXCLUDED.unit_path,
       occupation_code = EXCLUDED.occupation_code, is_direct_production_worker = EXCLUDED.is_direct_production_worker,
       holds_leadership_post = EXCLUDED.holds_leadership_post, gender = EXCLUDED.gender, joined_union_on = EXCLUDED.joined_union_on,
       left_union_on = EXCLUDED.left_union_on`,
    [JSON.stringify(rows)],
  );
}

/** Read-model handlers; a run of consecutive upserts (an import's thousands) goes in one statement. */
export const readModelHandlers: EventHandlers = {
  UnitUpserted: batchableHandler(
    (event, { manager }) => upsertUnitRefs(manager, [event.payload]),
    (events, manager) => upsertUnitRefs(manager, events.map((e) => e.payload)),
  ),
  MemberUpserted: batchableHandler(
    (event, { manager }) => upsertMemberRefs(manager, [event.payload]),
    (events, manager) => upsertMemberRefs(manager, events.map((e) => e.payload)),
  ),
};

/** The facts an honour is about (HonourSubjectV1), from the read models; null when the subject is unknown. */
export function honourSubject(db: Queryable, ref: { memberId?: string | null; unitId?: string | null }): Promise<HonourSubjectV1 | null> {
  return queryRow<HonourSubjectV1>(
    db,
    ref.memberId
      ? `SELECT m.id AS "memberId", m.unit_id AS "unitId", m.unit_path AS "unitPath", m.full_name AS name,
                m.is_direct_production_worker AS "isDirectProductionWorker", m.occupation_code AS "occupationCode", u.province_code AS "provinceCode"
           FROM member_refs m LEFT JOIN unit_refs u ON u.id = m.unit_id WHERE m.id = $1`
      : `SELECT NULL::uuid AS "memberId", u.id AS "unitId", u.path AS "unitPath", u.name, NULL::boolean AS "isDirectProductionWorker",
                NULL::text AS "occupationCode", u.province_code AS "provinceCode" FROM unit_refs u WHERE u.id = $1`,
    [ref.memberId ?? ref.unitId],
  );
}
