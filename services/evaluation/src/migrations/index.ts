import { CreateRounds1732500200000 } from './1732500200000-CreateRounds';
import { CriteriaScoresReviews1732500210000 } from './1732500210000-CriteriaScoresReviews';
import { PublicationEntries1732500220000 } from './1732500220000-PublicationEntries';
import { MemberGenderAndMembership1732500235000 } from './1732500235000-MemberGenderAndMembership';

export const migrations = [CreateRounds1732500200000, CriteriaScoresReviews1732500210000, PublicationEntries1732500220000, MemberGenderAndMembership1732500235000];
