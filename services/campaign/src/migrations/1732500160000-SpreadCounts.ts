import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign.spread from kept counts (issue 13, item 13): the public home page asks it of a hundred campaigns at once,
 * and it was a recursive query joining every member of every enrolled unit's subtree. Now triggers on the campaign
 * database keep, for every campaign A, the figures of its lineage (A and every launched campaign derived from it, at
 * any depth): campaigns, distinct units enrolled (or whose members enrolled), distinct members reached (enrolled on
 * their own, or members of an enrolled unit's subtree). Reading them is one row; each write changes what it reaches:
 *
 * - `unit_member_counts`: direct members per unit (a row for every unit), so a subtree's members are a sum over its
 *   units, never a count of its members;
 * - `spread_units` (A, unit): the units enrolled in A's lineage; `whole` when enrolled as a unit, `outermost` when
 *   no unit above it is, so A's covered members are the sum of its outermost units' subtrees;
 * - `spread_members` (A, member): the members enrolled on their own, `covered` when inside an outermost unit;
 * - `campaign_spreads` (A): campaigns, units, covered members and the others (members = the two added).
 *
 * The triggers: an enrollment adds itself to A's of every campaign whose lineage holds it (`spread_holders`); a
 * campaign leaving its draft joins its own lineage to those above it; members added (or removed) under an outermost
 * unit add to that campaign's covered members. Each change of one A's figures holds A's row lock, and the member
 * counts of an enrolled subtree are read with a share lock, so an import and an enrollment under the same unit wait
 * for each other instead of both missing the other's rows. Members do not move between units (no operation does it);
 * a member's unit changed by hand would leave that member's own enrollments where they were.
 */
export class SpreadCounts1732500160000 implements MigrationInterface {
  name = 'SpreadCounts1732500160000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE unit_member_counts (unit_path text PRIMARY KEY, members int NOT NULL DEFAULT 0)`);
    await db.query(`CREATE INDEX unit_member_counts_subtree ON unit_member_counts (unit_path text_pattern_ops)`);
    await db.query(`
      CREATE TABLE campaign_spreads (
        campaign_id     uuid PRIMARY KEY REFERENCES campaigns (id),
        campaigns       int NOT NULL,
        units           int NOT NULL DEFAULT 0,
        covered_members bigint NOT NULL DEFAULT 0,
        other_members   int NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE spread_units (
        campaign_id uuid NOT NULL,
        unit_id     uuid NOT NULL,
        unit_path   text NOT NULL,
        whole       boolean NOT NULL DEFAULT false,
        outermost   boolean NOT NULL DEFAULT false,
        PRIMARY KEY (campaign_id, unit_id)
      )`);
    await db.query(`CREATE INDEX spread_units_subtree ON spread_units (campaign_id, unit_path text_pattern_ops)`);
    await db.query(`CREATE INDEX spread_units_outermost ON spread_units (unit_path) WHERE outermost`);
    await db.query(`
      CREATE TABLE spread_members (
        campaign_id uuid NOT NULL,
        member_id   uuid NOT NULL,
        unit_path   text NOT NULL,
        covered     boolean NOT NULL,
        PRIMARY KEY (campaign_id, member_id)
      )`);
    await db.query(`CREATE INDEX spread_members_uncovered ON spread_members (campaign_id, unit_path text_pattern_ops) WHERE NOT covered`);

    // '/vn/bn/kcn/' → {'/vn/', '/vn/bn/', '/vn/bn/kcn/'}
    await db.query(`
      CREATE FUNCTION unit_path_and_ancestors(path text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT array_agg(left(path, i) ORDER BY i) FROM generate_series(2, length(path)) i WHERE substr(path, i, 1) = '/'
      $$`);
    // the campaigns whose lineage holds c: c, then up the derivations while the campaign below is launched
    await db.query(`
      CREATE FUNCTION spread_holders(c uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
        WITH RECURSIVE up AS (
          SELECT id, derived_from_id, status FROM campaigns WHERE id = c
          UNION
          SELECT p.id, p.derived_from_id, p.status FROM campaigns p JOIN up ON p.id = up.derived_from_id WHERE up.status <> 'DRAFT'
        ) SELECT id FROM up
      $$`);
    // a and every launched campaign derived from it, at any depth (a draft stops the descent)
    await db.query(`
      CREATE FUNCTION spread_lineage(a uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
        WITH RECURSIVE down AS (
          SELECT id FROM campaigns WHERE id = a
          UNION
          SELECT c.id FROM campaigns c JOIN down ON c.derived_from_id = down.id WHERE c.status <> 'DRAFT'
        ) SELECT id FROM down
      $$`);
    // paths are lower-case letters, digits, '-' and '/', all below '~': a subtree is the range [path, path || '~')
    await db.query(`
      CREATE FUNCTION subtree_members(path text) RETURNS bigint LANGUAGE sql AS $$
        SELECT coalesce(sum(members), 0) FROM (
          SELECT members FROM unit_member_counts WHERE unit_path ~>=~ path AND unit_path ~<~ (path || '~') FOR SHARE
        ) counted
      $$`);
    await db.query(`
      CREATE FUNCTION spread_add(a uuid, unit uuid, path text, member uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        counted boolean;
        released bigint;
        newly_covered int;
      BEGIN
        PERFORM 1 FROM campaign_spreads WHERE campaign_id = a FOR UPDATE;
        INSERT INTO spread_units (campaign_id, unit_id, unit_path) VALUES (a, unit, path) ON CONFLICT DO NOTHING;
        IF FOUND THEN UPDATE campaign_spreads SET units = units + 1 WHERE campaign_id = a; END IF;

        IF member IS NOT NULL THEN
          INSERT INTO spread_members (campaign_id, member_id, unit_path, covered)
          VALUES (a, member, path, EXISTS (SELECT 1 FROM spread_units s WHERE s.campaign_id = a AND s.outermost AND s.unit_path = ANY (unit_path_and_ancestors(path))))
          ON CONFLICT DO NOTHING RETURNING NOT covered INTO counted;
          IF counted THEN UPDATE campaign_spreads SET other_members = other_members + 1 WHERE campaign_id = a; END IF;
          RETURN;
        END IF;

        -- the unit, or one above it, already reached as a whole: no member is new
        IF EXISTS (SELECT 1 FROM spread_units s WHERE s.campaign_id = a AND s.whole AND s.unit_path = ANY (unit_path_and_ancestors(path))) THEN
          UPDATE spread_units SET whole = true WHERE campaign_id = a AND unit_id = unit;
          RETURN;
        END IF;
        -- its subtree takes the place of the outermost units below it and covers the members enrolled below it
        WITH below AS (
          UPDATE spread_units SET outermost = false
           WHERE campaign_id = a AND outermost AND unit_path ~>=~ path AND unit_path ~<~ (path || '~')
          RETURNING unit_path
        ) SELECT coalesce(sum(subtree_members(unit_path)), 0) INTO released FROM below;
        WITH covered_now AS (
          UPDATE spread_members SET covered = true
           WHERE campaign_id = a AND NOT covered AND unit_path ~>=~ path AND unit_path ~<~ (path || '~')
          RETURNING 1
        ) SELECT count(*) INTO newly_covered FROM covered_now;
        UPDATE spread_units SET whole = true, outermost = true WHERE campaign_id = a AND unit_id = unit;
        UPDATE campaign_spreads SET covered_members = covered_members - released + subtree_members(path), other_members = other_members - newly_covered
         WHERE campaign_id = a;
      END $$`);

    await db.query(`
      CREATE FUNCTION spread_after_enrollment() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE holder uuid;
      BEGIN
        -- member counts before spreads, as an import takes them: the two never wait on each other in a circle
        IF NEW.member_id IS NULL THEN PERFORM subtree_members(NEW.unit_path); END IF;
        FOR holder IN SELECT h FROM spread_holders(NEW.campaign_id) h ORDER BY h LOOP
          PERFORM spread_add(holder, NEW.unit_id, NEW.unit_path, NEW.member_id);
        END LOOP;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER spread_after_enrollment AFTER INSERT ON enrollments FOR EACH ROW EXECUTE FUNCTION spread_after_enrollment()`);

    // a campaign out of its draft joins its own lineage (itself, launched derivatives and their enrollments) to those above it
    await db.query(`
      CREATE FUNCTION spread_join(d uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        holder uuid;
        joining int;
        e record;
      BEGIN
        SELECT count(*) INTO joining FROM spread_lineage(d);
        PERFORM subtree_members(x.unit_path) FROM enrollments x WHERE x.campaign_id IN (SELECT spread_lineage(d)) AND x.member_id IS NULL;
        FOR holder IN SELECT h FROM spread_holders(d) h WHERE h <> d ORDER BY h LOOP
          UPDATE campaign_spreads SET campaigns = campaigns + joining WHERE campaign_id = holder;
          FOR e IN SELECT unit_id, unit_path, member_id FROM enrollments WHERE campaign_id IN (SELECT spread_lineage(d)) LOOP
            PERFORM spread_add(holder, e.unit_id, e.unit_path, e.member_id);
          END LOOP;
        END LOOP;
      END $$`);
    await db.query(`
      CREATE FUNCTION spread_after_campaign_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO campaign_spreads (campaign_id, campaigns) VALUES (NEW.id, 1);
        IF NEW.status <> 'DRAFT' THEN PERFORM spread_join(NEW.id); END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER spread_after_campaign_insert AFTER INSERT ON campaigns FOR EACH ROW EXECUTE FUNCTION spread_after_campaign_insert()`);
    await db.query(`
      CREATE FUNCTION spread_after_launch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM spread_join(NEW.id);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER spread_after_launch AFTER UPDATE OF status ON campaigns
        FOR EACH ROW WHEN (OLD.status = 'DRAFT' AND NEW.status <> 'DRAFT') EXECUTE FUNCTION spread_after_launch()`);

    await db.query(`
      CREATE FUNCTION unit_member_counts_after_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO unit_member_counts (unit_path) VALUES (NEW.path) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER unit_member_counts_after_unit AFTER INSERT ON union_units FOR EACH ROW EXECUTE FUNCTION unit_member_counts_after_unit()`);
    // members added, removed or moved: their units' counts, then the covered members of the campaigns reaching them
    for (const [operation, tables, changes] of [
      ['INSERT', 'NEW TABLE AS added', `SELECT unit_path, 1 FROM added`],
      ['UPDATE', 'OLD TABLE AS removed NEW TABLE AS added', `SELECT unit_path, 1 FROM added UNION ALL SELECT unit_path, -1 FROM removed`],
      ['DELETE', 'OLD TABLE AS removed', `SELECT unit_path, -1 FROM removed`],
    ] as const) {
      const fn = `spread_after_members_${operation.toLowerCase()}`;
      const byUnit = `(SELECT unit_path, sum(n) AS n FROM (${changes}) AS change(unit_path, n) GROUP BY unit_path HAVING sum(n) <> 0)`;
      const reached = `SELECT s.campaign_id, sum(m.n) AS n FROM ${byUnit} m
                         JOIN spread_units s ON s.outermost AND s.unit_path = ANY (unit_path_and_ancestors(m.unit_path)) GROUP BY s.campaign_id`;
      await db.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO unit_member_counts AS c (unit_path, members) SELECT unit_path, n FROM ${byUnit} m ORDER BY unit_path
          ON CONFLICT (unit_path) DO UPDATE SET members = c.members + EXCLUDED.members;
          PERFORM 1 FROM campaign_spreads WHERE campaign_id IN (SELECT campaign_id FROM (${reached}) r) ORDER BY campaign_id FOR UPDATE;
          UPDATE campaign_spreads c SET covered_members = c.covered_members + r.n FROM (${reached}) r WHERE c.campaign_id = r.campaign_id;
          RETURN NULL;
        END $$`);
      // every UPDATE (a trigger with transition tables takes no column list): one that keeps the unit changes nothing
      await db.query(`CREATE TRIGGER ${fn} AFTER ${operation} ON members REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }

    // what is there already, through the same functions
    await db.query(`
      INSERT INTO unit_member_counts (unit_path, members)
      SELECT u.path, count(m.id) FROM union_units u LEFT JOIN members m ON m.unit_id = u.id GROUP BY u.path`);
    await db.query(`INSERT INTO campaign_spreads (campaign_id, campaigns) SELECT c.id, (SELECT count(*) FROM spread_lineage(c.id)) FROM campaigns c`);
    await db.query(`
      DO $$
      DECLARE
        e record;
        holder uuid;
      BEGIN
        FOR e IN SELECT campaign_id, unit_id, unit_path, member_id FROM enrollments ORDER BY enrolled_at, id LOOP
          FOR holder IN SELECT spread_holders(e.campaign_id) LOOP
            PERFORM spread_add(holder, e.unit_id, e.unit_path, e.member_id);
          END LOOP;
        END LOOP;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) {
      await db.query(`DROP TRIGGER spread_after_members_${operation} ON members`);
      await db.query(`DROP FUNCTION spread_after_members_${operation}()`);
    }
    await db.query(`DROP TRIGGER unit_member_counts_after_unit ON union_units`);
    await db.query(`DROP TRIGGER spread_after_launch ON campaigns`);
    await db.query(`DROP TRIGGER spread_after_campaign_insert ON campaigns`);
    await db.query(`DROP TRIGGER spread_after_enrollment ON enrollments`);
    await db.query(`DROP FUNCTION unit_member_counts_after_unit(), spread_after_launch(), spread_after_campaign_insert(), spread_join(uuid), spread_after_enrollment(),
                      spread_add(uuid, uuid, text, uuid), subtree_members(text), spread_lineage(uuid), spread_holders(uuid), unit_path_and_ancestors(text)`);
    await db.query(`DROP TABLE spread_members, spread_units, campaign_spreads, unit_member_counts`);
  }
}
