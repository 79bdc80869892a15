import type { EntityManager } from 'typeorm';
import { upsertUnitRefs, type AccountChangedV1, type CampaignLaunchedV1, type EventPayloads, type UnitUpsertedV1 } from '@thidua/common';

/**
 * What this subgraph keeps of the others' data, from their events: enough to know who is late and whom to tell.
 * Every write is an upsert or does nothing twice, so a redelivered event changes nothing.
 */
export async function recordCampaign(manager: EntityManager, launched: CampaignLaunchedV1): Promise<void> {
  await manager.query(
    `INSERT INTO campaign_refs (id, title, launching_unit_path, status, starts_on, ends_on, reporting_cadence)
     VALUES ($1, $2, $3, 'LAUNCHED', $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
       reporting_cadence = EXCLUDED.reporting_cadence`,
    // campaigns launched before the cadence was in the event were monthly (the campaign subgraph's default)
    [launched.campaignId, launched.title, launched.launchingUnitPath, launched.startsOn, launched.endsOn, launched.reportingCadence ?? 'MONTHLY'],
  );
}

export async function recordCampaignStatus(manager: EntityManager, campaignId: string, status: string, title: string): Promise<void> {
  await manager.query(`UPDATE campaign_refs SET status = $2, title = $3 WHERE id = $1`, [campaignId, status, title]);
}

export async function recordEnrollment(manager: EntityManager, enrolled: EventPayloads['EnrollmentCreated']): Promise<void> {
  await manager.query(
    `INSERT INTO enrollment_refs (id, campaign_id, unit_id, unit_path, member_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [enrolled.enrollmentId, enrolled.campaignId, enrolled.unitId, enrolled.unitPath, enrolled.memberId],
  );
}

/** Units' reports only: members are not chased for theirs, and their millions would swell what the scan reads. */
export async function recordReportedPeriod(manager: EntityManager, reported: EventPayloads['ProgressReported']): Promise<void> {
  if (reported.memberId !== null) return;
  await manager.query(`INSERT INTO reported_periods (enrollment_id, period_start) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [reported.enrollmentId, reported.periodStart]);
}

export async function recordAccount(manager: EntityManager, account: AccountChangedV1): Promise<void> {
  await manager.query(
    `INSERT INTO account_refs (id, username, full_name, email, roles, unit_id, unit_path, member_id, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, full_name = EXCLUDED.full_name, email = EXCLUDED.email,
       roles = EXCLUDED.roles, unit_id = EXCLUDED.unit_id, unit_path = EXCLUDED.unit_path, member_id = EXCLUDED.member_id,
       enabled = EXCLUDED.enabled`,
    [account.accountId, account.username, account.fullName, account.email, account.roles, account.unitId, account.unitPath, account.memberId, account.enabled],
  );
}

/** Units (and the officer accounts placed in them) as the tree has them now: a unit that moved takes its accounts along. */
export async function recordUnits(manager: EntityManager, units: UnitUpsertedV1[]): Promise<void> {
  await upsertUnitRefs(manager, units);
  await manager.query(
    `UPDATE account_refs a SET unit_path = x.path
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, path text)
      WHERE a.unit_id = x.id AND a.member_id IS NULL AND a.unit_path IS DISTINCT FROM x.path`,
    [JSON.stringify(units.map((u) => ({ id: u.unitId, path: u.path })))],
  );
}
