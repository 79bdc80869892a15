import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import {
  CampaignEntity,
  CampaignTargetEntity,
  MemberEntity,
  OccupationEntity,
  UnionUnitEntity,
  type CampaignRow,
  type CampaignTargetRow,
  type MemberRow,
  type OccupationRow,
  type UnionUnitRow,
} from '../entities';

/** One SQL query per batch of keys, in key order (missing keys give null). */
function byKey<K extends string, R>(rows: R[], keys: readonly K[], keyOf: (row: R) => K): (R | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => index.get(key) ?? null);
}

export interface CampaignLoaders {
  unit: DataLoader<string, UnionUnitRow | null>;
  member: DataLoader<string, MemberRow | null>;
  campaign: DataLoader<string, CampaignRow | null>;
  targets: DataLoader<string, CampaignTargetRow[]>;
  occupation: DataLoader<string, OccupationRow | null>;
}

export function createLoaders(db: DataSource): CampaignLoaders {
  return {
    unit: new DataLoader(async (ids) => byKey(await db.getRepository(UnionUnitEntity).findBy({ id: In([...ids]) }), ids, (r) => r.id)),
    member: new DataLoader(async (ids) => byKey(await db.getRepository(MemberEntity).findBy({ id: In([...ids]) }), ids, (r) => r.id)),
    campaign: new DataLoader(async (ids) => byKey(await db.getRepository(CampaignEntity).findBy({ id: In([...ids]) }), ids, (r) => r.id)),
    occupation: new DataLoader(async (codes) =>
      byKey(await db.getRepository(OccupationEntity).findBy({ code: In([...codes]) }), codes, (r) => r.code),
    ),
    targets: new DataLoader(async (campaignIds) => {
      const rows = await db.getRepository(CampaignTargetEntity).find({ where: { campaignId: In([...campaignIds]) }, order: { position: 'ASC' } });
      const byCampaign = new Map<string, CampaignTargetRow[]>(campaignIds.map((id) => [id, []]));
      for (const row of rows) byCampaign.get(row.campaignId)?.push(row);
      return campaignIds.map((id) => byCampaign.get(id) ?? []);
    }),
  };
}
