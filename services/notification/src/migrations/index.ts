import { Notifications1796140215626 } from './1796140215626-Notifications';
import { HeldNominationsAndAppealWindows1796140400000 } from './1796140400000-HeldNominationsAndAppealWindows';
import { ReviewsOwed1796140500000 } from './1796140500000-ReviewsOwed';

export const migrations = [Notifications1796140215626, HeldNominationsAndAppealWindows1796140400000, ReviewsOwed1796140500000];
