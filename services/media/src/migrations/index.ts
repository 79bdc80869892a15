import { CreateStories1732500400000 } from './1732500400000-CreateStories';
import { EditorialAndDistribution1732500410000 } from './1732500410000-EditorialAndDistribution';
import { CampaignRefs1732500440000 } from './1732500440000-CampaignRefs';

export const migrations = [CreateStories1732500400000, EditorialAndDistribution1732500410000, CampaignRefs1732500440000];
