import { Notifications1796140215626 } from './1796140215626-Notifications';
import { HeldNominationsAndAppealWindows1796140400000 } from './1796140400000-HeldNominationsAndAppealWindows';
import { ReviewsOwed1796140500000 } from './1796140500000-ReviewsOwed';
import { AdHocDeadline1796140600000 } from './1796140600000-AdHocDeadline';
import { LastReportedPeriod1796140700000 } from './1796140700000-LastReportedPeriod';
import { ProposalRefs1796140800000 } from './1796140800000-ProposalRefs';
import { ProposalMoves1796140900000 } from './1796140900000-ProposalMoves';
import { ProposingUnit1796141000000 } from './1796141000000-ProposingUnit';

export const migrations = [Notifications1796140215626, HeldNominationsAndAppealWindows1796140400000, ReviewsOwed1796140500000, AdHocDeadline1796140600000, LastReportedPeriod1796140700000, ProposalRefs1796140800000, ProposalMoves1796140900000,
  ProposingUnit1796141000000];
