import { CreateStories1732500400000 } from './1732500400000-CreateStories';
import { EditorialAndDistribution1732500410000 } from './1732500410000-EditorialAndDistribution';
import { MemberGenderAndMembership1732500425000 } from './1732500425000-MemberGenderAndMembership';
import { CampaignRefs1732500440000 } from './1732500440000-CampaignRefs';
import { ChannelWebhooks1796142201825 } from './1796142201825-ChannelWebhooks';

export const migrations = [CreateStories1732500400000, EditorialAndDistribution1732500410000, MemberGenderAndMembership1732500425000, CampaignRefs1732500440000, ChannelWebhooks1796142201825];
