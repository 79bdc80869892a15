import { CreateCampaignRefs1732500300000 } from './1732500300000-CreateCampaignRefs';
import { Nominations1732500310000 } from './1732500310000-Nominations';
import { RewardWorkflow1732500320000 } from './1732500320000-RewardWorkflow';
import { MemberCounts1732500330000 } from './1732500330000-MemberCounts';
import { FairnessIndexes1732500340000 } from './1732500340000-FairnessIndexes';
import { IssuedDocuments1732500350000 } from './1732500350000-IssuedDocuments';
import { MemberGenderAndMembership1732500365000 } from './1732500365000-MemberGenderAndMembership';
import { RecognitionSources1732500366000 } from './1732500366000-RecognitionSources';
import { Corrections1796139799899 } from './1796139799899-Corrections';
import { DecisionBasis1796140293360 } from './1796140293360-DecisionBasis';
import { UnionQuotasAndAmounts1796140293361 } from './1796140293361-UnionQuotasAndAmounts';
import { DecidingAuthority1796149909107 } from './1796149909107-DecidingAuthority';
import { CouncilMeetings1796150036000 } from './1796150036000-CouncilMeetings';
import { AuthorityRefusal1796150200000 } from './1796150200000-AuthorityRefusal';
import { StepMemos1796150300000 } from './1796150300000-StepMemos';
import { AuthorityRevocations1796150310000 } from './1796150310000-AuthorityRevocations';
import { AuthorityRevocationNumbers1796150320000 } from './1796150320000-AuthorityRevocationNumbers';
import { AnsweringBodies1796150330000 } from './1796150330000-AnsweringBodies';
import { PendingProposalQuota1796150340000 } from './1796150340000-PendingProposalQuota';
import { RevocationProposals1796150350000 } from './1796150350000-RevocationProposals';
import { AnswerDays1796150360000 } from './1796150360000-AnswerDays';

export const migrations = [CreateCampaignRefs1732500300000, Nominations1732500310000, RewardWorkflow1732500320000, MemberCounts1732500330000, FairnessIndexes1732500340000, IssuedDocuments1732500350000, MemberGenderAndMembership1732500365000,
  RecognitionSources1732500366000, Corrections1796139799899, DecisionBasis1796140293360, UnionQuotasAndAmounts1796140293361,
  DecidingAuthority1796149909107, CouncilMeetings1796150036000, AuthorityRefusal1796150200000, StepMemos1796150300000,
  AuthorityRevocations1796150310000, AuthorityRevocationNumbers1796150320000, AnsweringBodies1796150330000,
  PendingProposalQuota1796150340000, RevocationProposals1796150350000,
  AnswerDays1796150360000];
