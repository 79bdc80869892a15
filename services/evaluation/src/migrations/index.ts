import { CreateRounds1732500200000 } from './1732500200000-CreateRounds';
import { CriteriaScoresReviews1732500210000 } from './1732500210000-CriteriaScoresReviews';
import { PublicationEntries1732500220000 } from './1732500220000-PublicationEntries';
import { RoundClosing1732500230000 } from './1732500230000-RoundClosing';
import { MemberGenderAndMembership1732500235000 } from './1732500235000-MemberGenderAndMembership';
import { PublicationCause1732500240000 } from './1732500240000-PublicationCause';

export const migrations = [CreateRounds1732500200000, CriteriaScoresReviews1732500210000, PublicationEntries1732500220000, RoundClosing1732500230000, MemberGenderAndMembership1732500235000, PublicationCause1732500240000];
