import DataLoader from 'dataloader';
import { In, IsNull, Not, type DataSource, type EntitySchema, type ObjectLiteral } from 'typeorm';
import { groupByKey, oneByKey, queryRows } from '@thidua/common';
import {
  CampaignEntity,
  CampaignSummaryEntity,
  CampaignTargetEntity,
  CommitmentEntity,
  EnrollmentEntity,
  MemberEntity,
  OccupationEntity,
  ProgressReportEntity,
  ProgressRevisionEntity,
  SummaryResultEntity,
  UnionUnitEntity,
  type CampaignRow,
  type CampaignSpreadRow,
  type CampaignSummaryRow,
  type CampaignTargetRow,
  type CommitmentRow,
  type EnrollmentRow,
  type MemberRow,
  type OccupationRow,
  type ProgressReportRow,
  type ProgressRevisionRow,
  type SummaryResultRow,
  type UnionUnitRow,
} from '../entities';

export interface CampaignLoaders {
  unit: DataLoader<string, UnionUnitRow | null>;
  member: DataLoader<string, MemberRow | null>;
  campaign: DataLoader<string, CampaignRow | null>;
  occupation: DataLoader<string, OccupationRow | null>;
  targets: DataLoader<string, CampaignTargetRow[]>;
  summary: DataLoader<string, CampaignSummaryRow | null>;
  summaryResults: DataLoader<string, SummaryResultRow[]>;
  enrollment: DataLoader<string, EnrollmentRow | null>;
  commitments: DataLoader<string, CommitmentRow[]>;
  /** The reports that count (confirmed), per enrollment, by period. */
  countedReports: DataLoader<string, ProgressReportRow[]>;
  revisions: DataLoader<string, ProgressRevisionRow[]>;
  participation: DataLoader<string, { units: number; members: number }>;
  spread: DataLoader<string, CampaignSpreadRow | null>;
}

/** One row per key, in key order (missing keys give null): one SQL query per batch. */
function one<R extends ObjectLiteral>(db: DataSource, entity: EntitySchema<R>, key: keyof R & string): DataLoader<string, R | null> {
  return new DataLoader(async (keys) => oneByKey(keys, await db.getRepository(entity).findBy({ [key]: In([...keys]) } as never), (row) => row[key] as string));
}

/** All rows per key, in `order`: one SQL query per batch. */
function many<R extends ObjectLiteral>(db: DataSource, entity: EntitySchema<R>, key: keyof R & string, order: Partial<Record<keyof R, 'ASC' | 'DESC'>>): DataLoader<string, R[]> {
  return new DataLoader(async (keys) => {
    const rows = await db.getRepository(entity).find({ where: { [key]: In([...keys]) } as never, order: order as never });
    return groupByKey(keys, rows, (row) => row[key] as string);
  });
}

export function createLoaders(db: DataSource): CampaignLoaders {
  return {
    unit: one(db, UnionUnitEntity, 'id'),
    member: one(db, MemberEntity, 'id'),
    campaign: one(db, CampaignEntity, 'id'),
    occupation: one(db, OccupationEntity, 'code'),
    targets: many(db, CampaignTargetEntity, 'campaignId', { position: 'ASC' }),
    summary: one(db, CampaignSummaryEntity, 'campaignId'),
    summaryResults: many(db, SummaryResultEntity, 'campaignId', {}),
    enrollment: one(db, EnrollmentEntity, 'id'),
    commitments: many(db, CommitmentEntity, 'enrollmentId', {}),
    countedReports: new DataLoader(async (ids) => {
      const rows = await db.getRepository(ProgressReportEntity).find({ where: { enrollmentId: In([...ids]), confirmedAt: Not(IsNull()) }, order: { periodStart: 'ASC' } });
      return groupByKey(ids, rows, (row) => row.enrollmentId);
    }),
    revisions: many(db, ProgressRevisionEntity, 'reportId', { revisedAt: 'ASC' }),
    participation: new DataLoader(async (campaignIds) => {
      const rows = await queryRows<{ campaignId: string; units: number; members: number }>(db,
        `SELECT campaign_id AS "campaignId", count(*) FILTER (WHERE member_id IS NULL)::int AS units,
                count(*) FILTER (WHERE member_id IS NOT NULL)::int AS members
           FROM enrollments WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id`,
        [[...campaignIds]],
      );
      return oneByKey(campaignIds, rows, (r) => r.campaignId).map((r) => ({ units: r?.units ?? 0, members: r?.members ?? 0 }));
    }),
    spread: new DataLoader(async (campaignIds) => {
      const rows = await queryRows<CampaignSpreadRow>(db,
        `SELECT campaign_id AS "campaignId", campaigns, units, (covered_members + other_members)::int AS members
           FROM campaign_spreads WHERE campaign_id = ANY($1::uuid[])`,
        [[...campaignIds]],
      );
      return oneByKey(campaignIds, rows, (r) => r.campaignId);
    }),
  };
}
