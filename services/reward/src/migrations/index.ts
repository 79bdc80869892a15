import { CreateCampaignRefs1732500300000 } from './1732500300000-CreateCampaignRefs';

export const migrations = [CreateCampaignRefs1732500300000];
