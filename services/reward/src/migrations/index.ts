import { CreateCampaignRefs1732500300000 } from './1732500300000-CreateCampaignRefs';
import { Nominations1732500310000 } from './1732500310000-Nominations';
import { RewardWorkflow1732500320000 } from './1732500320000-RewardWorkflow';
import { MemberCounts1732500330000 } from './1732500330000-MemberCounts';
import { FairnessIndexes1732500340000 } from './1732500340000-FairnessIndexes';

export const migrations = [CreateCampaignRefs1732500300000, Nominations1732500310000, RewardWorkflow1732500320000, MemberCounts1732500330000, FairnessIndexes1732500340000];
