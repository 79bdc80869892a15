import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A publication's lines move from one JSONB array to rows: a page of a ranking (or of a province's ranking)
 * becomes an index range instead of reading and parsing the whole publication, and a member's or unit's
 * published scores an index lookup instead of a scan of every publication. Each line keeps its position in
 * the campaign ranking and in each group ranking (province, sector, organisation type, occupation), so group
 * pages need no counting either. `latest` marks the publication that counts for each campaign.
 */
export class PublicationEntries1732500220000 implements MigrationInterface {
  name = 'PublicationEntries1732500220000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications ADD COLUMN latest boolean NOT NULL DEFAULT true`);
    await db.query(`UPDATE publications p SET latest = (p.version = (SELECT max(version) FROM publications q WHERE q.campaign_id = p.campaign_id))`);
    await db.query(`CREATE UNIQUE INDEX publications_latest ON publications (campaign_id) WHERE latest`);
    await db.query(`
      CREATE TABLE publication_entries (
        publication_id              uuid NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        position                    int NOT NULL,
        rank                        int NOT NULL,
        enrollment_id               uuid NOT NULL,
        member_id                   uuid,
        unit_id                     uuid NOT NULL,
        unit_path                   text NOT NULL,
        name                        text NOT NULL,
        unit_name                   text NOT NULL,
        total                       double precision NOT NULL,
        criteria_set_version        int NOT NULL,
        variant                     text NOT NULL,
        is_direct_production_worker boolean NOT NULL,
        holds_leadership_post       boolean,
        criteria_fully_met          int NOT NULL,
        province_code               text,
        province_position           int,
        province_rank               int,
        sector_unit_id              uuid,
        sector_position             int,
        sector_rank                 int,
        organisation_type           text,
        organisation_type_position  int,
        organisation_type_rank      int,
        occupation_code             text,
        occupation_position         int,
        occupation_rank             int,
        breakdown                   jsonb NOT NULL,
        PRIMARY KEY (publication_id, position)
      )`);
    await db.query(`
      INSERT INTO publication_entries
        (publication_id, position, rank, enrollment_id, member_id, unit_id, unit_path, name, unit_name, total, criteria_set_version, variant,
         is_direct_production_worker, holds_leadership_post, criteria_fully_met, province_code, sector_unit_id, organisation_type, occupation_code, breakdown)
      SELECT p.id, e.position, (e.line->>'rank')::int, (e.line->>'enrollmentId')::uuid, (e.line->>'memberId')::uuid, (e.line->>'unitId')::uuid,
             e.line->>'unitPath', e.line->>'name', coalesce(e.line->>'unitName', ''), (e.line->>'total')::float8, (e.line->>'criteriaSetVersion')::int,
             e.line->>'variant', coalesce((e.line->>'isDirectProductionWorker')::boolean, false), (e.line->>'holdsLeadershipPost')::boolean,
             coalesce((e.line->>'criteriaFullyMet')::int, 0), e.line->>'provinceCode', (e.line->>'sectorUnitId')::uuid, e.line->>'organisationType',
             e.line->>'occupationCode', coalesce(e.line->'breakdown', '[]'::jsonb)
        FROM publications p CROSS JOIN LATERAL jsonb_array_elements(p.entries) WITH ORDINALITY AS e(line, position)`);
    // group positions and ranks for lines published before this migration; new publications get them from domain/ranking.ts
    for (const group of ['province_code', 'sector_unit_id', 'organisation_type', 'occupation_code']) {
      const prefix = group.replace(/_(code|unit_id)$/, '');
      await db.query(`
        UPDATE publication_entries t SET ${prefix}_position = g.position_in_group, ${prefix}_rank = g.rank_in_group
          FROM (SELECT publication_id, position,
                       row_number() OVER w AS position_in_group,
                       rank() OVER (PARTITION BY publication_id, ${group} ORDER BY total DESC, criteria_fully_met DESC, is_direct_production_worker DESC) AS rank_in_group
                  FROM publication_entries WHERE ${group} IS NOT NULL
                WINDOW w AS (PARTITION BY publication_id, ${group} ORDER BY position)) g
         WHERE t.publication_id = g.publication_id AND t.position = g.position`);
    }
    await db.query(`ALTER TABLE publications DROP COLUMN entries`);
    await db.query(`CREATE INDEX publication_entries_province ON publication_entries (publication_id, province_code, province_position)`);
    await db.query(`CREATE INDEX publication_entries_sector ON publication_entries (publication_id, sector_unit_id, sector_position)`);
    await db.query(`CREATE INDEX publication_entries_organisation_type ON publication_entries (publication_id, organisation_type, organisation_type_position)`);
    await db.query(`CREATE INDEX publication_entries_occupation ON publication_entries (publication_id, occupation_code, occupation_position)`);
    await db.query(`CREATE INDEX publication_entries_member ON publication_entries (member_id) WHERE member_id IS NOT NULL`);
    await db.query(`CREATE INDEX publication_entries_unit ON publication_entries (unit_id) WHERE member_id IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE publications ADD COLUMN entries jsonb NOT NULL DEFAULT '[]'`);
    await db.query(`
      UPDATE publications p SET entries = coalesce((
        SELECT jsonb_agg(jsonb_build_object('enrollmentId', enrollment_id, 'rank', rank, 'memberId', member_id, 'unitId', unit_id, 'unitPath', unit_path,
                 'name', name, 'unitName', unit_name, 'total', total, 'criteriaSetVersion', criteria_set_version, 'variant', variant,
                 'isDirectProductionWorker', is_direct_production_worker, 'holdsLeadershipPost', holds_leadership_post, 'criteriaFullyMet', criteria_fully_met,
                 'provinceCode', province_code, 'sectorUnitId', sector_unit_id, 'organisationType', organisation_type, 'occupationCode', occupation_code,
                 'breakdown', breakdown) ORDER BY position)
          FROM publication_entries e WHERE e.publication_id = p.id), '[]')`);
    await db.query(`DROP TABLE publication_entries`);
    await db.query(`DROP INDEX publications_latest`);
    await db.query(`ALTER TABLE publications DROP COLUMN latest`);
  }
}
