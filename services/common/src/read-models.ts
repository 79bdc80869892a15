import type { EntityManager, QueryRunner } from 'typeorm';
import type { EventHandlers } from './consumer/consumer';
import type { MemberUpsertedV1, UnitUpsertedV1 } from './events/contracts';

/**
 * Local read models of the union tree and its members, kept by every subgraph that decides on them (criteria
 * variants, nominations, exemplar proposals) without calling the campaign subgraph.
 */
export async function createReadModelTables(db: QueryRunner): Promise<void> {
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

export async function upsertUnitRef(manager: EntityManager, unit: UnitUpsertedV1): Promise<void> {
  await manager.query(
    `INSERT INTO unit_refs (id, name, path, level, organisation_type, province_code) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, path = EXCLUDED.path, level = EXCLUDED.level,
       organisation_type = EXCLUDED.organisation_type, province_code = EXCLUDED.province_code`,
    [unit.unitId, unit.name, unit.path, unit.level, unit.organisationType, unit.provinceCode],
  );
}

export async function upsertMemberRef(manager: EntityManager, member: MemberUpsertedV1): Promise<void> {
  await manager.query(
    `INSERT INTO member_refs (id, full_name, unit_id, unit_path, occupation_code, is_direct_production_worker, holds_leadership_post)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name, unit_id = EXCLUDED.unit_id, unit_path = EXCLUDED.unit_path,
       occupation_code = EXCLUDED.occupation_code, is_direct_production_worker = EXCLUDED.is_direct_production_worker,
       holds_leadership_post = EXCLUDED.holds_leadership_post`,
    [member.memberId, member.fullName, member.unitId, member.unitPath, member.occupationCode, member.isDirectProductionWorker, member.holdsLeadershipPost],
  );
}

export const readModelHandlers: EventHandlers = {
  UnitUpserted: (event, { manager }) => upsertUnitRef(manager, event.payload),
  MemberUpserted: (event, { manager }) => upsertMemberRef(manager, event.payload),
};

/** The facts an honour is about (HonourSubjectV1), from the read models; null when the subject is unknown. */
export async function honourSubject(manager: EntityManager, ref: { memberId?: string | null; unitId?: string | null }) {
  const [row] = (await manager.query(
    ref.memberId
      ? `SELECT m.id AS "memberId", m.unit_id AS "unitId", m.unit_path AS "unitPath", m.full_name AS name,
                m.is_direct_production_worker AS "isDirectProductionWorker", m.occupation_code AS "occupationCode", u.province_code AS "provinceCode"
           FROM member_refs m LEFT JOIN unit_refs u ON u.id = m.unit_id WHERE m.id = $1`
      : `SELECT NULL::uuid AS "memberId", u.id AS "unitId", u.path AS "unitPath", u.name, NULL::boolean AS "isDirectProductionWorker",
                NULL::text AS "occupationCode", u.province_code AS "provinceCode" FROM unit_refs u WHERE u.id = $1`,
    [ref.memberId ?? ref.unitId],
  )) as {
    memberId: string | null;
    unitId: string;
    unitPath: string;
    name: string;
    isDirectProductionWorker: boolean | null;
    occupationCode: string | null;
    provinceCode: string | null;
  }[];
  return row ?? null;
}
