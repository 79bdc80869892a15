import { CreateCampaignRefs1732500300000 } from './1732500300000-CreateCampaignRefs';
import { Nominations1732500310000 } from './1732500310000-Nominations';

export const migrations = [CreateCampaignRefs1732500300000, Nominations1732500310000];
