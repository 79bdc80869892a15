import { Notifications1796140215626 } from './1796140215626-Notifications';
import { HeldNominationsAndAppealWindows1796140400000 } from './1796140400000-HeldNominationsAndAppealWindows';

export const migrations = [Notifications1796140215626, HeldNominationsAndAppealWindows1796140400000];
