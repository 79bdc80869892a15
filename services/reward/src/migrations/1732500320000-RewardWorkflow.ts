import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_BASE_SALARIES, SEED_FORMS } from './seed-catalogue';

/**
 * The reward side in full: the catalogue of forms (with history) and the dated base salary, campaign reward plans,
 * council reviews, numbered decisions (the public register), collective agreements and employer rewards,
 * initiatives, and budgets. Nominations gain the granting unit, the proposed form and the dates timeliness needs.
 */
export class RewardWorkflow1732500320000 implements MigrationInterface {
  name = 'RewardWorkflow1732500320000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE base_salaries (
        effective_from date PRIMARY KEY,
        amount_vnd     bigint NOT NULL CHECK (amount_vnd > 0),
        rounding_step_vnd int NOT NULL DEFAULT 10000 CHECK (rounding_step_vnd > 0),
        source         text NOT NULL,
        verified       boolean NOT NULL,
        recorded_by    text NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE reward_forms (
        code                   text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,32}$'),
        name                   text NOT NULL,
        kind                   text NOT NULL CHECK (kind IN ('EMULATION_TITLE','COMMENDATION','UNION_AWARD')),
        subjects               text[] NOT NULL,
        granting_levels        text[] NOT NULL,
        individual_multiplier  numeric(6,3),
        collective_multiplier  numeric(6,3),
        precedence             int NOT NULL,
        eligibility            jsonb NOT NULL DEFAULT '[]',
        collective_eligibility jsonb NOT NULL DEFAULT '[]',
        quota                  jsonb,
        source                 text NOT NULL,
        verified               boolean NOT NULL,
        active                 boolean NOT NULL DEFAULT true,
        version                int NOT NULL DEFAULT 1,
        updated_by             text NOT NULL,
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE reward_form_history (
        form_code  text NOT NULL REFERENCES reward_forms (code),
        version    int NOT NULL,
        snapshot   jsonb NOT NULL,
        note       text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (form_code, version)
      )`);
    for (const salary of SEED_BASE_SALARIES) {
      await db.query(`INSERT INTO base_salaries (effective_from, amount_vnd, source, verified, recorded_by) VALUES ($1, $2, $3, $4, 'migration')`, [
        salary.effectiveFrom, salary.amountVnd, salary.source, salary.verified,
      ]);
    }
    for (const form of SEED_FORMS) {
      const values = [form.code, form.name, form.kind, form.subjects, form.grantingLevels, form.individualMultiplier, form.collectiveMultiplier, form.precedence,
        JSON.stringify(form.eligibility), JSON.stringify(form.collectiveEligibility), form.quota ? JSON.stringify(form.quota) : null, form.source, form.verified];
      await db.query(
        `INSERT INTO reward_forms (code, name, kind, subjects, granting_levels, individual_multiplier, collective_multiplier, precedence, eligibility,
                                   collective_eligibility, quota, source, verified, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'migration')`,
        values,
      );
      await db.query(
        `INSERT INTO reward_form_history (form_code, version, snapshot, note, changed_by)
         SELECT code, 1, to_jsonb(f) - 'updated_at', 'Seeded from reward-rules.md', 'migration' FROM reward_forms f WHERE code = $1`,
        [form.code],
      );
    }

    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_status_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_status_check CHECK (status IN ('OPEN','IN_COUNCIL','GRANTED','REFUSED'))`);
    await db.query(`
      ALTER TABLE nominations
        ADD COLUMN form_code            text REFERENCES reward_forms (code),
        ADD COLUMN holds_leadership_post boolean,
        ADD COLUMN occupation_code      text,
        ADD COLUMN province_code        text,
        ADD COLUMN granting_unit_id     uuid,
        ADD COLUMN granting_unit_path   text,
        ADD COLUMN granting_level       text,
        ADD COLUMN task_rating          text CHECK (task_rating IN ('COMPLETED','GOOD','EXCELLENT')),
        ADD COLUMN achieved_on          date,
        ADD COLUMN award_year           int,
        ADD COLUMN result_rank          int,
        ADD COLUMN refusal_reason       text,
        ADD COLUMN closed_at            timestamptz`);
    await db.query(`
      UPDATE nominations n SET granting_unit_id = n.unit_id, granting_unit_path = n.unit_path, achieved_on = n.created_at::date,
             award_year = extract(year FROM n.created_at)::int, granting_level = coalesce((SELECT level FROM unit_refs u WHERE u.id = n.unit_id), 'GRASSROOTS')`);
    await db.query(`
      ALTER TABLE nominations
        ALTER COLUMN granting_unit_id SET NOT NULL, ALTER COLUMN granting_unit_path SET NOT NULL, ALTER COLUMN granting_level SET NOT NULL,
        ALTER COLUMN achieved_on SET NOT NULL, ALTER COLUMN award_year SET NOT NULL`);
    await db.query(`CREATE INDEX nominations_council ON nominations (granting_unit_path, status, created_at DESC)`);
    await db.query(`CREATE UNIQUE INDEX nominations_results_once ON nominations (campaign_id, coalesce(member_id, unit_id), form_code) WHERE source = 'RESULTS'`);

    await db.query(`
      CREATE TABLE campaign_reward_plans (
        campaign_id uuid PRIMARY KEY,
        form_code   text NOT NULL REFERENCES reward_forms (code),
        top_n       int NOT NULL CHECK (top_n BETWEEN 1 AND 1000),
        min_score   numeric(6,2) NOT NULL DEFAULT 0,
        set_by      text NOT NULL,
        set_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE council_reviews (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nomination_id uuid NOT NULL REFERENCES nominations (id),
        reviewer      text NOT NULL,
        reviewer_name text,
        vote          text CHECK (vote IN ('FOR','AGAINST','ABSTAIN')),
        comment       text,
        reviewed_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (vote IS NOT NULL OR comment IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX council_reviews_nomination ON council_reviews (nomination_id, reviewed_at)`);
    await db.query(`
      CREATE TABLE decision_sequences (
        granting_unit_id uuid NOT NULL,
        year             int NOT NULL,
        last_number      int NOT NULL,
        PRIMARY KEY (granting_unit_id, year)
      )`);
    await db.query(`
      CREATE TABLE reward_decisions (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number                      text NOT NULL UNIQUE,
        nomination_id               uuid NOT NULL UNIQUE REFERENCES nominations (id),
        decided_on                  date NOT NULL,
        award_year                  int NOT NULL,
        achieved_on                 date NOT NULL,
        signer_role                 text NOT NULL,
        signed_by                   text NOT NULL,
        granting_unit_id            uuid NOT NULL,
        granting_unit_path          text NOT NULL,
        granting_unit_name          text NOT NULL,
        form_code                   text NOT NULL REFERENCES reward_forms (code),
        form_name                   text NOT NULL,
        form_version                int NOT NULL,
        ad_hoc                      boolean NOT NULL,
        member_id                   uuid,
        unit_id                     uuid NOT NULL,
        unit_path                   text NOT NULL,
        unit_name                   text NOT NULL,
        subject_name                text NOT NULL,
        is_direct_production_worker boolean,
        holds_leadership_post       boolean,
        occupation_code             text,
        province_code               text,
        campaign_id                 uuid,
        multiplier                  numeric(6,3),
        base_salary_vnd             bigint NOT NULL,
        amount_vnd                  bigint NOT NULL,
        reason                      text NOT NULL,
        search_folded               text NOT NULL,
        created_at                  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX reward_decisions_register ON reward_decisions (decided_on DESC, id DESC)`);
    await db.query(`CREATE INDEX reward_decisions_subject_path ON reward_decisions (unit_path text_pattern_ops, decided_on)`);
    await db.query(`CREATE INDEX reward_decisions_granting ON reward_decisions (granting_unit_id, form_code, award_year)`);
    await db.query(`CREATE INDEX reward_decisions_member ON reward_decisions (member_id, award_year) WHERE member_id IS NOT NULL`);
    await db.query(`CREATE INDEX reward_decisions_unit ON reward_decisions (unit_id, award_year) WHERE member_id IS NULL`);
    await db.query(`CREATE INDEX reward_decisions_campaign ON reward_decisions (campaign_id) WHERE campaign_id IS NOT NULL`);
    await db.query(`CREATE INDEX reward_decisions_search ON reward_decisions USING gin (search_folded gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE collective_agreements (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id              uuid NOT NULL,
        unit_path            text NOT NULL,
        employer_name        text NOT NULL,
        signed_on            date NOT NULL,
        valid_from           date NOT NULL,
        valid_until          date NOT NULL CHECK (valid_until >= valid_from),
        initiative_rate_bp   int CHECK (initiative_rate_bp BETWEEN 1 AND 10000),
        clauses              jsonb NOT NULL,
        registered_by        text NOT NULL,
        registered_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX collective_agreements_unit ON collective_agreements (unit_path text_pattern_ops, valid_from)`);
    await db.query(`
      CREATE TABLE employer_rewards (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id                uuid NOT NULL REFERENCES collective_agreements (id),
        clause_code                 text NOT NULL,
        period                      text NOT NULL CHECK (period IN ('WEEKLY','MONTHLY','QUARTERLY')),
        period_start                date NOT NULL,
        member_id                   uuid NOT NULL,
        unit_path                   text NOT NULL,
        subject_name                text NOT NULL,
        is_direct_production_worker boolean NOT NULL,
        amount_vnd                  bigint NOT NULL,
        reason                      text NOT NULL,
        recorded_by                 text NOT NULL,
        recorded_at                 timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agreement_id, clause_code, period_start, member_id)
      )`);
    await db.query(`CREATE INDEX employer_rewards_agreement ON employer_rewards (agreement_id, period_start DESC)`);

    await db.query(`
      CREATE TABLE initiatives (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title                       text NOT NULL,
        description                 text NOT NULL,
        member_id                   uuid NOT NULL,
        author_name                 text NOT NULL,
        unit_id                     uuid NOT NULL,
        unit_path                   text NOT NULL,
        is_direct_production_worker boolean NOT NULL,
        holds_leadership_post       boolean NOT NULL,
        status                      text NOT NULL CHECK (status IN ('REGISTERED','RECOGNISED','REJECTED')),
        registered_by               text NOT NULL,
        registered_at               timestamptz NOT NULL DEFAULT now(),
        reach                       text CHECK (reach IN ('UNIT','PROVINCE','NATIONAL')),
        first_year_savings_vnd      bigint,
        first_year_earnings_vnd     bigint,
        application_cost_vnd        bigint,
        benefit_value_vnd           bigint,
        calculation                 text,
        rate_bp                     int,
        rate_source                 text,
        reward_vnd                  bigint,
        recognised_year             int,
        assessed_by                 text,
        assessed_at                 timestamptz,
        rejection_reason            text
      )`);
    await db.query(`CREATE INDEX initiatives_unit ON initiatives (unit_path text_pattern_ops, registered_at DESC)`);
    await db.query(`CREATE INDEX initiatives_member ON initiatives (member_id, recognised_year) WHERE status = 'RECOGNISED'`);

    await db.query(`
      CREATE TABLE reward_budgets (
        unit_id    uuid NOT NULL,
        unit_path  text NOT NULL,
        year       int NOT NULL,
        plan_vnd   bigint NOT NULL CHECK (plan_vnd >= 0),
        set_by     text NOT NULL,
        set_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, year)
      )`);
    await db.query(`CREATE INDEX reward_budgets_path ON reward_budgets (unit_path text_pattern_ops, year)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reward_budgets, initiatives, employer_rewards, collective_agreements, reward_decisions, decision_sequences, council_reviews, campaign_reward_plans`);
    await db.query(`DELETE FROM nominations WHERE status = 'GRANTED'`);
    await db.query(`
      ALTER TABLE nominations DROP COLUMN form_code, DROP COLUMN holds_leadership_post, DROP COLUMN occupation_code, DROP COLUMN province_code,
        DROP COLUMN granting_unit_id, DROP COLUMN granting_unit_path, DROP COLUMN granting_level, DROP COLUMN task_rating, DROP COLUMN achieved_on,
        DROP COLUMN award_year, DROP COLUMN result_rank, DROP COLUMN refusal_reason, DROP COLUMN closed_at`);
    await db.query(`ALTER TABLE nominations DROP CONSTRAINT nominations_status_check`);
    await db.query(`ALTER TABLE nominations ADD CONSTRAINT nominations_status_check CHECK (status IN ('OPEN','IN_COUNCIL','DECIDED','REFUSED','WITHDRAWN'))`);
    await db.query(`DROP TABLE reward_form_history, reward_forms, base_salaries`);
  }
}
