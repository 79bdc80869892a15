import { EntitySchema } from 'typeorm';

/** Read model of campaigns, fed by CampaignLaunched: nominations are accepted only for open campaigns. */
export interface CampaignRefRow {
  campaignId: string;
  title: string;
  launchingUnitPath: string;
  nominationsOpen: boolean;
  launchedAt: Date;
}

export const CampaignRefEntity = new EntitySchema<CampaignRefRow>({
  name: 'CampaignRef',
  tableName: 'campaign_refs',
  columns: {
    campaignId: { name: 'campaign_id', type: 'uuid', primary: true },
    title: { type: 'text' },
    launchingUnitPath: { name: 'launching_unit_path', type: 'text' },
    nominationsOpen: { name: 'nominations_open', type: 'boolean' },
    launchedAt: { name: 'launched_at', type: 'timestamptz' },
  },
});

export const entities = [CampaignRefEntity];
